import { createRoute, z } from '@hono/zod-openapi';
import { securityLog, securityLogQuerySchema } from '../../application/queries/security-log-query.js';
import { exportSecurityLog } from '../../application/security-log-export.js';
import { contentDisposition } from '../../export/list-export.js';
import type { SecurityLogDocument } from '../../projections/security-log-projection.js';
import type { HttpDeps } from '../../server/deps.js';
import { readAfter } from '../read-your-writes.js';
import { type ApiResponse, json, requestContext } from '../respond.js';
import { access, problems, router } from '../route.js';
import { afterShape, hitSchema, listSchema } from './read-model.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const SecurityLogHitSchema = hitSchema<SecurityLogDocument>()({
  position: z.number().int(),
  kind: z.string().openapi({ description: '事件类型代码', example: 'sign_in_failed' }),
  label: z.string().openapi({ description: '事件类型（中文）', example: '登录失败' }),
  userId: z.string().nullable(),
  username: z.string().nullable().openapi({ description: '用户名；未知用户登录失败时为所填的用户名' }),
  ip: z.string().nullable().openapi({ description: '客户端 IP；命令行操作为 null' }),
  userAgent: z.string().nullable(),
  at: z.string(),
  detail: z.string().nullable().openapi({ description: '说明：失败原因、导出的文件、涉及的账号或需求' }),
  subjectId: z.string().nullable(),
}).openapi('SecurityLogHit');

const SecurityLogQuery = securityLogQuerySchema.safeExtend({
  ...afterShape,
  format: z
    .enum(['json', 'xlsx'], { error: '格式须为 json 或 xlsx' })
    .default('json')
    .openapi({ description: 'xlsx：按同样的筛选导出 Excel（最多 5000 条），导出本身也记入安全日志' }),
});

/** `/api/v1/security-log`: the security log, for the 审计管理员 duty only, as JSON pages or an Excel file. */
export function securityLogRouter(deps: HttpDeps) {
  const list = createRoute({
    method: 'get',
    path: '/security-log',
    tags: ['audit'],
    summary:
      '安全日志（审计管理员）：登录、退出、锁定、改密、账号与职责变更、导出、查看联系方式；format=xlsx 导出',
    ...access(['staff'], readAfter(deps.projections)),
    request: { query: SecurityLogQuery },
    responses: {
      200: {
        description: '一页安全日志，按时间倒序；或 Excel 文件',
        content: {
          'application/json': { schema: listSchema('SecurityLogPage', SecurityLogHitSchema) },
          [XLSX]: { schema: { type: 'string', format: 'binary' } },
        },
      },
      ...problems(401, 403, 422),
    },
  });
  return router().openapi(list, async (c): Promise<ApiResponse> => {
    const { format, after: _after, ...query } = c.req.valid('query');
    const ctx = requestContext(c);
    if (format === 'json') return json(c, await securityLog(deps.app, deps.search, ctx, query));
    const file = await exportSecurityLog(deps.app, deps.search, ctx, query);
    return c.body(new Uint8Array(file.body), 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': contentDisposition(file.filename),
      'Cache-Control': 'no-store',
    }) as ApiResponse;
  });
}
