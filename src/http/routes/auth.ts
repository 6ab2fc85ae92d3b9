import { createRoute, z } from '@hono/zod-openapi';
import { confirmTotpEnrollment, startTotpEnrollment } from '../../application/totp-enrollment.js';
import { authenticate, changeDuePassword, changePassword, signOut } from '../../application/user-service.js';
import {
  changePasswordSchema,
  credentialsSchema,
  expiredPasswordSchema,
  totpEnrollmentSchema,
} from '../../domain/user/commands.js';
import type { HttpDeps } from '../../server/deps.js';
import { bearerClaims } from '../auth/authenticate.js';
import { commandResponse, json, requestContext } from '../respond.js';
import { access, jsonBody, jsonResponse, problems, router } from '../route.js';
import { UserSchema } from './orgs.js';

const TokenSchema = z
  .object({
    token: z.string(),
    expiresAt: z.string().openapi({ format: 'date-time' }),
    user: z.object({
      id: z.string(),
      username: z.string(),
      role: z.enum(['demander', 'vendor', 'staff', 'expert']),
      orgId: z.string().nullable(),
      status: z.string(),
    }),
  })
  .openapi('Token');

const issueToken = createRoute({
  method: 'post',
  path: '/token',
  tags: ['auth'],
  summary: '用户名密码换取访问令牌',
  description:
    '平台工作人员另须填写 code（身份验证器上的6位动态验证码，或一个恢复码）。403 的 code 告诉客户端下一步：' +
    '`auth.password_expired`、`auth.initial_password`：先调用 POST /auth/password/due 修改密码；' +
    '`auth.second_factor_enrollment_required`：先调用 POST /auth/totp/enrollment 和 POST /auth/totp 绑定身份验证器；' +
    '`auth.second_factor_required`：带上 code 再试。',
  ...access('public'),
  request: { body: jsonBody(credentialsSchema) },
  responses: {
    200: jsonResponse(TokenSchema, 'Bearer 令牌及其到期时间'),
    ...problems(400, 401, 403, 413, 415, 422, 429),
  },
});

const changeDue = createRoute({
  method: 'post',
  path: '/password/due',
  tags: ['auth'],
  summary: '请修改密码：密码过期或须修改初始密码时，凭用户名和当前密码修改，之后重新登录',
  ...access('public'),
  request: { body: jsonBody(expiredPasswordSchema) },
  responses: {
    200: jsonResponse(UserSchema, '修改密码后的用户'),
    ...problems(400, 401, 403, 409, 413, 415, 422, 429),
  },
});

const TotpSetupSchema = z
  .object({
    secret: z.string().openapi({ description: 'Base32 密钥，可手工输入身份验证器' }),
    otpauthUri: z.string().openapi({ description: 'otpauth://totp/… 地址，身份验证器可导入' }),
  })
  .openapi('TotpSetup');

const startEnrollment = createRoute({
  method: 'post',
  path: '/totp/enrollment',
  tags: ['auth'],
  summary: '平台工作人员首次登录：凭用户名和密码取得身份验证器的新密钥（尚未绑定）',
  ...access('public'),
  request: { body: jsonBody(credentialsSchema.omit({ code: true })) },
  responses: {
    200: jsonResponse(TotpSetupSchema, '新密钥及 otpauth 地址'),
    ...problems(400, 401, 403, 409, 413, 415, 422, 429),
  },
});

const EnrolledSchema = TokenSchema.extend({
  recoveryCodes: z.array(z.string()).openapi({ description: '10个一次性恢复码，只显示这一次' }),
}).openapi('TotpEnrolled');

const confirmEnrollment = createRoute({
  method: 'post',
  path: '/totp',
  tags: ['auth'],
  summary: '绑定身份验证器：提交密钥和身份验证器上的动态验证码，返回令牌和恢复码',
  ...access('public'),
  request: { body: jsonBody(totpEnrollmentSchema) },
  responses: {
    200: jsonResponse(EnrolledSchema, '已绑定：访问令牌及一次性恢复码'),
    ...problems(400, 401, 403, 409, 413, 415, 422, 429),
  },
});

const logout = createRoute({
  method: 'post',
  path: '/logout',
  tags: ['auth'],
  summary: '退出登录：吊销本次请求所用的令牌',
  ...access('signed-in'),
  responses: { 204: { description: '令牌已吊销' }, ...problems(401, 429) },
});

const changeOwnPassword = createRoute({
  method: 'post',
  path: '/password',
  tags: ['auth'],
  summary: '修改自己的密码（须提供当前密码）；此前签发的全部令牌随即失效，需重新登录',
  ...access('signed-in'),
  request: { body: jsonBody(changePasswordSchema) },
  responses: {
    200: jsonResponse(UserSchema, '修改密码后的用户'),
    ...problems(400, 401, 403, 409, 413, 415, 422, 429),
  },
});

/**
 * `POST /api/v1/auth/token`, `/password`, `/password/due` and `/totp…` are rate limited per IP with the other
 * password routes (see app.ts). Logout and a password change forget the user's cached account, so the revocation holds at once.
 */
export function authRouter(deps: HttpDeps) {
  return router()
    .openapi(issueToken, async (c) => {
      const { username, password, code } = c.req.valid('json');
      const user = await authenticate(deps.app, username, password, requestContext(c), code);
      const { token, expiresAt } = deps.tokens.issue(user.id);
      return json(c, { token, expiresAt: expiresAt.toISOString(), user });
    })
    .openapi(changeDue, async (c) => {
      const user = await changeDuePassword(deps.app, requestContext(c), c.req.valid('json'));
      deps.actors.forget(user.id);
      return commandResponse(c, deps.app.store, user);
    })
    .openapi(startEnrollment, async (c) =>
      json(c, await startTotpEnrollment(deps.app, requestContext(c), c.req.valid('json'))),
    )
    .openapi(confirmEnrollment, async (c) => {
      const { user, recoveryCodes } = await confirmTotpEnrollment(
        deps.app,
        requestContext(c),
        c.req.valid('json'),
      );
      const { token, expiresAt } = deps.tokens.issue(user.id);
      return json(c, { token, expiresAt: expiresAt.toISOString(), user, recoveryCodes });
    })
    .openapi(logout, async (c) => {
      // Past `authenticate`, the request carries a valid token: these are its claims.
      const claims = bearerClaims(c, deps.tokens);
      if (claims) {
        await signOut(deps.app, requestContext(c), claims);
        deps.actors.forget(claims.userId);
      }
      return c.body(null, 204);
    })
    .openapi(changeOwnPassword, async (c) => {
      const user = await changePassword(deps.app, requestContext(c), c.req.valid('json'));
      deps.actors.forget(user.id);
      return commandResponse(c, deps.app.store, user);
    });
}
