import { createHash } from 'node:crypto';
import type { AttachmentScanner, AttachmentStore } from '../attachments/port.js';
import { sniffAttachmentType } from '../attachments/sniff.js';
import type { AttachFile, AttachmentCommand, ListingFact } from '../domain/attachment/commands.js';
import { attachmentDecider } from '../domain/attachment/decider.js';
import { attachmentError, attachmentFieldMessages } from '../domain/attachment/messages.js';
import type { Attachment, ListingKind } from '../domain/attachment/state.js';
import { attachmentsStream } from '../domain/attachment/stream.js';
import type { Actor } from '../domain/shared/actor.js';
import { DomainError, ValidationError } from '../domain/shared/errors.js';
import { WrongExpectedVersionError } from '../eventstore/port.js';
import { handleCommand, readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import type { EntityViews } from './entity-views.js';
import { getNeed } from './need-service.js';
import { getSolution } from './solution-service.js';

export interface Upload {
  /** The name the browser gave the file. */
  name: string;
  bytes: Uint8Array;
}

export interface AttachmentDownload {
  attachment: Attachment;
  bytes: Uint8Array;
}

/**
 * Files on needs and solutions, for the API and the pages alike. Who may change them is the attachment
 * decider's rule; who may see them is the listing's own (the entity views): whoever may read the listing
 * may list and download its files, and anyone else gets the listing's own refusal.
 */
export interface AttachmentService {
  attach(
    ctx: RequestContext,
    kind: ListingKind,
    listingId: string,
    upload: Upload,
  ): Promise<{ attachment: Attachment; position: bigint }>;
  remove(
    ctx: RequestContext,
    kind: ListingKind,
    listingId: string,
    attachmentId: string,
  ): Promise<{ position: bigint | null }>;
  list(actor: Actor, kind: ListingKind, listingId: string): Promise<Attachment[]>;
  download(
    actor: Actor,
    kind: ListingKind,
    listingId: string,
    attachmentId: string,
  ): Promise<AttachmentDownload>;
}

export interface AttachmentServiceDeps {
  app: AppDeps;
  views: EntityViews;
  store: AttachmentStore;
  scanner: AttachmentScanner;
}

/** Where the bytes of one attachment are kept. */
export const attachmentKey = (kind: ListingKind, listingId: string, attachmentId: string) =>
  `${kind}/${listingId}/${attachmentId}`;

async function listingFact(app: AppDeps, kind: ListingKind, id: string): Promise<ListingFact> {
  if (kind === 'need') {
    const { state } = await getNeed(app, id);
    return { kind, id, ownerOrgId: state.orgId, status: state.status };
  }
  const { state } = await getSolution(app, id);
  return { kind, id, ownerOrgId: state.vendorId, status: state.status };
}

export function createAttachmentService({
  app,
  views,
  store,
  scanner,
}: AttachmentServiceDeps): AttachmentService {
  const run = (ctx: RequestContext, command: AttachmentCommand) =>
    handleCommand(
      app.store,
      attachmentsStream(command.data.listing.kind, command.data.listing.id),
      attachmentDecider,
      command,
      { metadata: eventMetadata(ctx, command.context.now) },
    );

  /** The files of a listing the actor may read (else the listing's own 403 or 404). */
  async function visible(actor: Actor, kind: ListingKind, listingId: string): Promise<Attachment[]> {
    await (kind === 'need' ? views.viewNeed(actor, listingId) : views.viewSolution(actor, listingId));
    const { state } = await readEntity(app.store, attachmentsStream(kind, listingId), attachmentDecider);
    return state.attachments;
  }

  return {
    async attach(ctx, kind, listingId, upload) {
      const listing = await listingFact(app, kind, listingId);
      const command: AttachFile = {
        type: 'AttachFile',
        data: {
          attachmentId: app.newId(),
          listing,
          file: {
            name: upload.name,
            size: upload.bytes.byteLength,
            type: await sniffAttachmentType(upload.bytes),
            sha256: createHash('sha256').update(upload.bytes).digest('hex'),
          },
        },
        context: { actor: ctx.actor, now: app.clock() },
      };
      // Decided once before the bytes are scanned and written, so that a refused upload costs neither;
      // handleCommand decides again on the stream as it is when appending.
      const current = await readEntity(app.store, attachmentsStream(kind, listingId), attachmentDecider);
      attachmentDecider.decide(command, current.state);
      const verdict = await scanner.scan({ name: upload.name, bytes: upload.bytes });
      if (!verdict.clean) {
        app.logger.warn(
          { listingId, name: upload.name, reason: verdict.reason },
          'attachment refused by scanner',
        );
        const message = attachmentFieldMessages.infected(upload.name);
        throw new ValidationError([{ path: 'file', message }], message);
      }
      const key = attachmentKey(kind, listingId, command.data.attachmentId);
      await store.put(key, upload.bytes);
      try {
        const handled = await run(ctx, command);
        const attachment = handled.state.attachments.find((a) => a.id === command.data.attachmentId);
        if (!attachment || handled.position === null) throw new Error('attachment not recorded');
        return { attachment, position: handled.position };
      } catch (error) {
        // A refusal appended nothing, so the bytes have no event; after any other failure the event may
        // have been written, and bytes without an event are the lesser harm.
        if (error instanceof DomainError || error instanceof WrongExpectedVersionError)
          await store.delete(key);
        throw error;
      }
    },

    async remove(ctx, kind, listingId, attachmentId) {
      const listing = await listingFact(app, kind, listingId);
      const handled = await run(ctx, {
        type: 'RemoveAttachment',
        data: { attachmentId, listing },
        context: { actor: ctx.actor, now: app.clock() },
      });
      // The event is what counts; bytes left behind by a failed delete are unreachable, and logged.
      await store.delete(attachmentKey(kind, listingId, attachmentId)).catch((error: unknown) => {
        app.logger.error({ err: error, listingId, attachmentId }, 'attachment bytes not deleted');
      });
      return { position: handled.position };
    },

    list: visible,

    async download(actor, kind, listingId, attachmentId) {
      const attachment = (await visible(actor, kind, listingId)).find((a) => a.id === attachmentId);
      if (!attachment) throw attachmentError.notFound(attachmentId);
      const bytes = await store.get(attachmentKey(kind, listingId, attachmentId));
      if (!bytes) {
        app.logger.error({ listingId, attachmentId }, 'attachment bytes missing from the store');
        throw attachmentError.notFound(attachmentId);
      }
      return { attachment, bytes };
    },
  };
}
