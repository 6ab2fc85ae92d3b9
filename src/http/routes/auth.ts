import { createRoute, z } from '@hono/zod-openapi';
import { authenticate } from '../../application/user-service.js';
import { credentialsSchema } from '../../domain/user/commands.js';
import type { HttpDeps } from '../../server/deps.js';
import { json } from '../respond.js';
import { access, jsonBody, jsonResponse, problems, router } from '../route.js';

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

/** `POST /api/v1/auth/token`: rate limited per IP with the other password routes (see app.ts). */
export function authRouter(deps: HttpDeps) {
  return router().openapi(issueToken, async (c) => {
    const { username, password } = c.req.valid('json');
    const user = await authenticate(deps.app, username, password);
    const { token, expiresAt } = deps.tokens.issue(user.id);
    return json(c, { token, expiresAt: expiresAt.toISOString(), user });
  });
}
