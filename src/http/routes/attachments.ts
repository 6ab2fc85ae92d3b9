import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { ATTACHMENT_TYPES } from '../../domain/attachment/file-types.js';
import { MAX_ATTACHMENT_BYTES } from '../../domain/attachment/limits.js';
import { attachmentFieldMessages, attachmentRules } from '../../domain/attachment/messages.js';
import type { Attachment, ListingKind } from '../../domain/attachment/state.js';
import { attachmentResponse } from '../../server/attachment-download.js';
import type { HttpDeps } from '../../server/deps.js';
import { problemResponse } from '../problem.js';
import { type ApiResponse, json, requestContext } from '../respond.js';
import { access, IdParams, jsonResponse, problems, router } from '../route.js';

/** One file plus the multipart envelope around it. */
export const MAX_ATTACHMENT_BODY_BYTES = MAX_ATTACHMENT_BYTES + 64 * 1024;

/** The uploads, which take multipart and limit their own size: the API's JSON body guard lets them by. */
export const ATTACHMENT_UPLOADS = /^\/api\/v1\/(needs|solutions)\/[^/]+\/attachments$/;

const TAG = 'attachments';

const LISTINGS = [
  { path: 'needs', kind: 'need', owner: 'demander', label: '需求' },
  { path: 'solutions', kind: 'solution', owner: 'vendor', label: '方案' },
] as const satisfies ReadonlyArray<{ path: string; kind: ListingKind; owner: string; label: string }>;

const AttachmentSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    size: z.number().int().openapi({ description: '字节数' }),
    type: z.enum(Object.keys(ATTACHMENT_TYPES) as [keyof typeof ATTACHMENT_TYPES]).openapi({
      description: '按文件内容识别的类型',
    }),
    mediaType: z.string(),
    sha256: z.string(),
    userId: z.string().nullable().openapi({ description: '上传者' }),
    addedAt: z.string(),
    downloadUrl: z.string(),
  })
  .openapi('Attachment');

const AttachmentParams = IdParams.extend({
  attachmentId: z
    .string()
    .min(1)
    .openapi({ param: { name: 'attachmentId', in: 'path' } }),
});

const UploadForm = z.object({
  file: z
    .custom<File>((value) => value instanceof File, { error: attachmentFieldMessages.missing })
    .openapi({
      type: 'string',
      format: 'binary',
      description: `${attachmentRules.allowed}，每个不超过 ${attachmentRules.maxBytes}`,
    }),
});

/**
 * `/api/v1/{needs|solutions}/{id}/attachments`: a listing's files. Its organization uploads and removes
 * them while it may edit the listing; whoever may read the listing lists and downloads them. Mounted at
 * `/api/v1`.
 */
export function attachmentsRouter(deps: Pick<HttpDeps, 'attachments' | 'app'>) {
  const { attachments } = deps;
  const uploadLimit = bodyLimit({
    maxSize: MAX_ATTACHMENT_BODY_BYTES,
    onError: (c) =>
      problemResponse(c, {
        status: 413,
        code: 'payload_too_large',
        detail: `每个附件不能超过 ${attachmentRules.maxBytes}`,
      }),
  });
  const app = router();

  for (const listing of LISTINGS) {
    const base = `/${listing.path}/{id}/attachments`;
    const shown = (attachment: Attachment, listingId: string) => ({
      ...attachment,
      mediaType: ATTACHMENT_TYPES[attachment.type].mediaType,
      downloadUrl: `/api/v1/${listing.path}/${listingId}/attachments/${attachment.id}`,
    });

    const upload = createRoute({
      method: 'post',
      path: base,
      tags: [TAG],
      summary: `上传${listing.label}附件（发布机构，草稿或被退回时）：${attachmentRules.allowed}，按内容识别类型`,
      ...access([listing.owner], uploadLimit),
      request: {
        params: IdParams,
        body: { required: true, content: { 'multipart/form-data': { schema: UploadForm } } },
      },
      responses: {
        201: jsonResponse(AttachmentSchema, '已上传的附件'),
        ...problems(401, 403, 404, 409, 413, 422, 429),
      },
    });
    const list = createRoute({
      method: 'get',
      path: base,
      tags: [TAG],
      summary: `${listing.label}的附件（能查看该${listing.label}的用户可见）`,
      ...access('signed-in'),
      request: { params: IdParams },
      responses: {
        200: jsonResponse(z.object({ items: z.array(AttachmentSchema) }), '附件列表，先上传的在前'),
        ...problems(401, 403, 404, 429),
      },
    });
    const download = createRoute({
      method: 'get',
      path: `${base}/{attachmentId}`,
      tags: [TAG],
      summary: `下载${listing.label}附件：总是作为附件下载，类型按内容识别`,
      ...access('signed-in'),
      request: { params: AttachmentParams },
      responses: {
        200: {
          description: '文件内容（Content-Disposition: attachment）',
          content: Object.fromEntries(
            Object.values(ATTACHMENT_TYPES).map((type) => [
              type.mediaType,
              { schema: { type: 'string', format: 'binary' } },
            ]),
          ),
        },
        ...problems(401, 403, 404, 429),
      },
    });
    const remove = createRoute({
      method: 'delete',
      path: `${base}/{attachmentId}`,
      tags: [TAG],
      summary: `删除${listing.label}附件（发布机构，草稿或被退回时）`,
      ...access([listing.owner]),
      request: { params: AttachmentParams },
      responses: { 204: { description: '已删除' }, ...problems(401, 403, 404, 409, 429) },
    });

    app
      .openapi(upload, async (c) => {
        const { id } = c.req.valid('param');
        const { file } = c.req.valid('form');
        const bytes = new Uint8Array(await file.arrayBuffer());
        const added = await attachments.attach(requestContext(c), listing.kind, id, {
          name: file.name,
          bytes,
        });
        const body = shown(added.attachment, id);
        c.header('Location', body.downloadUrl);
        c.header('X-Position', String(added.position));
        return json(c, body, 201);
      })
      .openapi(list, async (c) => {
        const { id } = c.req.valid('param');
        const items = await attachments.list(c.get('actor'), listing.kind, id);
        return json(c, { items: items.map((attachment) => shown(attachment, id)) });
      })
      .openapi(download, async (c) => {
        const { id, attachmentId } = c.req.valid('param');
        return attachmentResponse(
          await attachments.download(c.get('actor'), listing.kind, id, attachmentId),
        ) as ApiResponse;
      })
      .openapi(remove, async (c) => {
        const { id, attachmentId } = c.req.valid('param');
        const removed = await attachments.remove(requestContext(c), listing.kind, id, attachmentId);
        if (removed.position !== null) c.header('X-Position', String(removed.position));
        return c.body(null, 204) as ApiResponse;
      });
  }
  return app;
}
