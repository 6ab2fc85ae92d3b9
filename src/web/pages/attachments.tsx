import { Hono } from 'hono';
import { ATTACHMENT_TYPES } from '../../domain/attachment/file-types.js';
import { MAX_ATTACHMENTS_PER_LISTING } from '../../domain/attachment/limits.js';
import { attachmentFieldMessages, attachmentRules, formatBytes } from '../../domain/attachment/messages.js';
import {
  type Attachment,
  EDITABLE_LISTING_STATUSES,
  type ListingKind,
} from '../../domain/attachment/state.js';
import { ValidationError } from '../../domain/shared/errors.js';
import { attachmentResponse } from '../../server/attachment-download.js';
import { runAction } from '../actions.js';
import { attempt } from '../attempt.js';
import { CsrfField, ErrorSummary, errorFor, type FormState, fieldId } from '../components/form.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { requireUser } from '../errors.js';
import { formatDateTime } from '../format.js';
import { redirectWith, requestContext, type WebContext } from '../render.js';

const PATHS: Record<ListingKind, string> = { need: 'needs', solution: 'solutions' };
const OWNERS = { need: 'demander', solution: 'vendor' } as const;

const messages = {
  uploaded: '附件已上传',
  removed: '附件已删除',
  none: '暂无附件。',
  locked: (kind: ListingKind) =>
    `${kind === 'need' ? '需求' : '方案'}已提交审核或已发布，附件不能再上传或删除。`,
  hint: `${attachmentRules.allowed}；每个不超过 ${attachmentRules.maxBytes}，最多 ${MAX_ATTACHMENTS_PER_LISTING} 个。`,
} as const;

const ACCEPT = Object.values(ATTACHMENT_TYPES)
  .flatMap((type) => type.extensions.map((extension) => `.${extension}`))
  .join(',');

interface SectionProps {
  kind: ListingKind;
  listing: { id: string; status: string };
  attachments: Attachment[];
  /** The viewer's organization owns the listing. */
  isOwner: boolean;
  form: FormState;
  csrfToken: string;
}

function AttachmentTable({
  kind,
  listing,
  attachments,
  canChange,
  csrfToken,
}: Omit<SectionProps, 'form' | 'isOwner'> & { canChange: boolean }) {
  if (attachments.length === 0) return <p class="muted">{messages.none}</p>;
  const base = `/${PATHS[kind]}/${listing.id}/attachments`;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">文件</th>
            <th scope="col">类型</th>
            <th scope="col" class="num">
              大小
            </th>
            <th scope="col">上传时间</th>
            {canChange ? <th scope="col">操作</th> : null}
          </tr>
        </thead>
        <tbody>
          {attachments.map((attachment) => (
            <tr>
              <td>
                <a href={`${base}/${attachment.id}`} download={attachment.name}>
                  {attachment.name}
                </a>
              </td>
              <td class="nowrap">{ATTACHMENT_TYPES[attachment.type].label}</td>
              <td class="num nowrap">{formatBytes(attachment.size)}</td>
              <td class="nowrap small">{formatDateTime(attachment.addedAt)}</td>
              {canChange ? (
                <td>
                  <form method="post" action={`${base}/${attachment.id}/delete`}>
                    <CsrfField token={csrfToken} />
                    <button type="submit" class="danger small" aria-label={`删除附件 ${attachment.name}`}>
                      删除
                    </button>
                  </form>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * 附件 on a listing's page: the files for whoever may see the listing, and for its organization, while
 * the listing can still be edited, an upload form (a plain multipart form) and a delete button per file.
 */
export function AttachmentSection(props: SectionProps) {
  const { kind, listing, isOwner, form, csrfToken } = props;
  const canChange = isOwner && EDITABLE_LISTING_STATUSES.has(listing.status);
  const error = errorFor(form.errors, 'file');
  const id = fieldId('file');
  return (
    <section class="card" id="attachments" aria-labelledby="attachments-title">
      <h2 id="attachments-title">附件</h2>
      <AttachmentTable {...props} canChange={canChange} />
      {canChange ? (
        <>
          <ErrorSummary errors={form.errors} fields={{ file: '附件' }} />
          <form
            method="post"
            action={`/${PATHS[kind]}/${listing.id}/attachments`}
            enctype="multipart/form-data"
            class="form"
            novalidate
          >
            <CsrfField token={csrfToken} />
            <div class={error ? 'field invalid' : 'field'}>
              <label for={id} class="required">
                上传附件
              </label>
              <input
                type="file"
                id={id}
                name="file"
                accept={ACCEPT}
                required
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}
              />
              <p class="hint" id={`${id}-hint`}>
                {messages.hint}
              </p>
              {error ? (
                <p class="field-error" id={`${id}-error`}>
                  {error}
                </p>
              ) : null}
            </div>
            <button type="submit">上传</button>
          </form>
        </>
      ) : isOwner ? (
        <p class="muted small">{messages.locked(kind)}</p>
      ) : null}
    </section>
  );
}

/** The files of a listing the viewer already may see (the page read it through the entity views). */
export function listingAttachments(deps: WebDeps, c: WebContext, kind: ListingKind, listingId: string) {
  return deps.http.attachments.list(c.get('actor'), kind, listingId);
}

/**
 * The attachment routes of one kind of listing: upload (errors come back on the listing's page, through
 * `render`), delete, and download, which answers only those who may see the listing.
 */
export function attachmentPages(
  deps: WebDeps,
  kind: ListingKind,
  render: (c: WebContext, listingId: string, attach: FormState) => Promise<Response>,
) {
  const { attachments } = deps.http;
  const base = `/${PATHS[kind]}/:id/attachments` as const;
  const web = new Hono<WebEnv>();

  web.post(base, requireUser(OWNERS[kind]), async (c) => {
    const id = c.req.param('id');
    const body = await c.req.parseBody();
    const file = body.file;
    const uploaded = await attempt(async () => {
      // A form sent without a chosen file carries an empty, nameless one, which the decider refuses.
      if (!(file instanceof File)) {
        throw new ValidationError([{ path: 'file', message: attachmentFieldMessages.missing }]);
      }
      return attachments.attach(requestContext(c), kind, id, {
        name: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
    });
    if (!uploaded.ok) return render(c, id, { values: {}, errors: uploaded.errors });
    return redirectWith(c, `/${PATHS[kind]}/${id}#attachments`, { tone: 'success', text: messages.uploaded });
  });

  web.post(`${base}/:attachmentId/delete`, requireUser(OWNERS[kind]), (c) => {
    const { id, attachmentId } = c.req.param();
    return runAction(c, () => attachments.remove(requestContext(c), kind, id, attachmentId), {
      to: `/${PATHS[kind]}/${id}#attachments`,
      success: messages.removed,
    });
  });

  web.get(`${base}/:attachmentId`, async (c) => {
    const { id, attachmentId } = c.req.param();
    return attachmentResponse(await attachments.download(c.get('actor'), kind, id, attachmentId));
  });

  return web;
}
