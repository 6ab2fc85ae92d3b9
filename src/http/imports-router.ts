import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { importListings } from '../application/import-service.js';
import { parseOverrides } from '../import/header-mapping.js';
import { reportCsv } from '../import/report.js';
import type { HttpDeps } from '../server/deps.js';
import { httpMessages } from '../server/messages.js';
import { defaultSheetLimits } from '../sheet/read-sheet.js';
import { problemResponse } from './problem.js';
import { type ApiResponse, json, requestContext } from './respond.js';
import { access, jsonResponse, problems, router } from './route.js';

/** The largest file the import reads, plus room for the multipart envelope and the other fields. */
export const MAX_IMPORT_BODY_BYTES = defaultSheetLimits.maxBytes + 64 * 1024;

const ImportForm = z.object({
  file: z
    .custom<File>((value) => value instanceof File, { error: '请上传 .xlsx 或 .csv 文件（字段 file）' })
    .openapi({ type: 'string', format: 'binary', description: '.xlsx，或 UTF-8 / GB18030 编码的 .csv' }),
  kind: z.enum(['needs', 'solutions'], { error: 'kind 须为 needs 或 solutions' }),
  campaignId: z.uuid({ error: '征集批次编号格式不正确' }).optional(),
  orgId: z.uuid({ error: '机构编号格式不正确' }).optional(),
  mapping: z.string().optional().openapi({ description: '列名映射 JSON，如 {"项目名称":"title"}' }),
  dryRun: z.enum(['true', 'false']).optional().openapi({ description: 'true：只校验并给出报告，不写入' }),
  report: z.enum(['json', 'csv']).optional().openapi({ description: 'csv：只返回被拒绝行的报告表' }),
});

const ImportReportSchema = z
  .object({
    kind: z.enum(['needs', 'solutions']),
    dryRun: z.boolean(),
    counts: z.object({
      read: z.number().int(),
      imported: z.number().int(),
      duplicate: z.number().int(),
      rejected: z.number().int(),
      blank: z.number().int(),
    }),
    issues: z.array(
      z.object({ row: z.number().int(), column: z.string(), value: z.string(), reason: z.string() }),
    ),
  })
  .loose()
  .openapi('ImportReport');

const importRoute = createRoute({
  method: 'post',
  path: '/',
  tags: ['imports'],
  summary: '导入需求或方案清单（平台）：逐行校验，返回导入报告；同一行不会重复导入',
  ...access(['staff']),
  request: { body: { required: true, content: { 'multipart/form-data': { schema: ImportForm } } } },
  responses: {
    200: jsonResponse(
      ImportReportSchema,
      '导入报告：读取、导入、重复、拒绝行数及每个被拒绝行的行号、列和原因',
    ),
    ...problems(401, 403, 404, 409, 413, 422, 429),
  },
});

/**
 * POST /api/v1/imports (multipart). Mount with `app.route('/api/v1/imports', importsRouter(deps))`; the
 * app-wide JSON-only body guard must let this route's multipart body through, and this router sets its
 * own size limit.
 */
export function importsRouter(deps: Pick<HttpDeps, 'app'>) {
  const limit = bodyLimit({
    maxSize: MAX_IMPORT_BODY_BYTES,
    onError: (c) =>
      problemResponse(c, {
        status: 413,
        code: 'payload_too_large',
        detail: httpMessages.payloadTooLarge(MAX_IMPORT_BODY_BYTES),
      }),
  });
  const app = router();
  app.use('/', limit);
  return app.openapi(importRoute, async (c) => {
    const form = c.req.valid('form');
    const report = await importListings(
      deps.app,
      requestContext(c),
      { bytes: Buffer.from(await form.file.arrayBuffer()), filename: form.file.name },
      {
        kind: form.kind,
        ...(form.campaignId ? { campaignId: form.campaignId } : {}),
        ...(form.orgId ? { orgId: form.orgId } : {}),
        ...(form.mapping ? { mapping: parseOverrides(form.mapping) } : {}),
        dryRun: form.dryRun === 'true',
      },
    );
    if (form.report === 'csv') {
      return c.body(new Uint8Array(reportCsv(report)), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="import-report.csv"`,
      }) as ApiResponse;
    }
    return json(c, report);
  });
}
