import { createRoute, z } from '@hono/zod-openapi';
import { authenticate, changePassword, signOut } from '../../application/user-service.js';
import { changePasswordSchema, credentialsSchema } from '../../domain/user/commands.js';
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
      role: z.enum(['demander', 'vendor', 'staff']),
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
  ...access('public'),
  request: { body: jsonBody(credentialsSchema) },
  responses: {
    200: jsonResponse(TokenSchema, 'Bearer 令牌及其到期时间'),
    ...problems(400, 401, 413, 415, 422, 429),
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
 * `POST /api/v1/auth/token` and `/password` are rate limited per IP with the other password routes (see
 * app.ts). Logout and a password change forget the user's cached account, so the revocation holds at once.
 */
export function authRouter(deps: HttpDeps) {
  return router()
    .openapi(issueToken, async (c) => {
      const { username, password } = c.req.valid('json');
      const user = await authenticate(deps.app, username, password, requestContext(c));
      const { token, expiresAt } = deps.tokens.issue(user.id);
      return json(c, { token, expiresAt: expiresAt.toISOString(), user });
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
