import { createRoute, z } from '@hono/zod-openapi';
import { cancelAccount } from '../../application/account-cancellation.js';
import { myData } from '../../application/my-data.js';
import { exportMyData } from '../../application/my-data-export.js';
import { cancelAccountSchema } from '../../domain/user/commands.js';
import { contentDisposition } from '../../export/list-export.js';
import type { HttpDeps } from '../../server/deps.js';
import { type ApiResponse, json, requestContext } from '../respond.js';
import { access, jsonBody, jsonResponse, problems, router } from '../route.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ContactSchema = z
  .object({ name: z.string(), phone: z.string(), email: z.string() })
  .openapi('PersonalContact', { description: '联系人；注销后姓名为“已注销”，电话和邮箱为空' });

const MyDataSchema = z
  .object({
    account: z.object({
      id: z.string(),
      username: z.string(),
      role: z.string(),
      name: z.string().nullable(),
      status: z.string(),
      createdAt: z.string().nullable(),
      orgId: z.string().nullable(),
    }),
    organization: z
      .object({
        id: z.string(),
        name: z.string(),
        uscc: z.string(),
        kind: z.string(),
        city: z.string(),
        status: z.string(),
        contact: ContactSchema.nullable(),
        qualifications: z.array(z.string()),
        description: z.string(),
        registeredAt: z.string().nullable(),
        verifiedAt: z.string().nullable(),
      })
      .nullable(),
    needContacts: z.array(
      z.object({
        needId: z.string(),
        title: z.string(),
        status: z.string(),
        contact: ContactSchema.nullable(),
      }),
    ),
    notificationSettings: z.object({
      email: z.string().nullable(),
      sendsTo: z.string().nullable(),
      choices: z.record(z.string(), z.string()),
    }),
    consents: z
      .object({
        accepted: z.object({ privacyPolicy: z.string(), userAgreement: z.string() }),
        at: z.string().nullable(),
      })
      .nullable(),
    policy: z.object({ retentionDays: z.number().int(), privacyContact: z.string(), notice: z.string() }),
  })
  .openapi('MyData');

const get = createRoute({
  method: 'get',
  path: '/me/data',
  tags: ['account'],
  summary:
    '我的数据：平台保存的本人账号、所在机构及其联系人、需求联系人、通知设置、同意记录；format=xlsx 导出 Excel',
  ...access('signed-in'),
  request: {
    query: z.object({
      format: z
        .enum(['json', 'xlsx'], { error: '格式须为 json 或 xlsx' })
        .default('json')
        .openapi({ description: 'xlsx：同样的内容导出为 Excel，导出记入安全日志' }),
    }),
  },
  responses: {
    200: {
      description: '本人的数据；或 Excel 文件',
      content: {
        'application/json': { schema: MyDataSchema },
        [XLSX]: { schema: { type: 'string', format: 'binary' } },
      },
    },
    ...problems(401, 422, 429),
  },
});

const cancel = createRoute({
  method: 'post',
  path: '/me/cancel',
  tags: ['account'],
  summary:
    '注销账号：再次输入本人用户名和密码。账号停止使用，个人信息不可再读取；机构最后一个账号注销时机构一并注销。平台工作人员由系统管理员删除',
  // The password proves who asks, as at sign-in: a cancellation cut short after its events (the account can
  // no longer sign in) is finished by asking again (src/application/account-cancellation.ts).
  ...access('public'),
  request: { body: jsonBody(cancelAccountSchema) },
  responses: {
    200: jsonResponse(
      z
        .object({ userId: z.string(), cancelledOrganizationId: z.string().nullable() })
        .openapi('AccountCancelled'),
      '账号已注销',
    ),
    ...problems(400, 401, 403, 413, 415, 422, 429),
  },
});

/** `/api/v1/me/data` (查阅、复制) and `/api/v1/me/cancel` (注销); correcting goes through the org profile and notification settings. */
export function myDataRouter(deps: HttpDeps) {
  return router()
    .openapi(get, async (c): Promise<ApiResponse> => {
      const ctx = requestContext(c);
      if (c.req.valid('query').format === 'json') {
        return json(c, await myData(deps.app, deps.search, ctx, deps.privacyContact));
      }
      const file = await exportMyData(deps.app, deps.search, ctx, deps.privacyContact);
      return c.body(new Uint8Array(file.body), 200, {
        'Content-Type': file.contentType,
        'Content-Disposition': contentDisposition(file.filename),
        'Cache-Control': 'no-store',
      }) as ApiResponse;
    })
    .openapi(cancel, async (c) => {
      const result = await cancelAccount(deps.app, requestContext(c), c.req.valid('json'));
      deps.actors.forget(result.userId);
      return json(c, result);
    });
}
