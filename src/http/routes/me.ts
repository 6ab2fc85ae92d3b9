import { createRoute } from '@hono/zod-openapi';
import { getUser } from '../../application/user-service.js';
import { NotFoundError } from '../../domain/shared/errors.js';
import type { HttpDeps } from '../../server/deps.js';
import { entityResponse } from '../respond.js';
import { access, jsonResponse, problems, router } from '../route.js';
import { StaffUserSchema } from './staff.js';

const me = createRoute({
  method: 'get',
  path: '/',
  tags: ['users'],
  summary: '当前登录的用户：角色、所属机构，平台工作人员另有姓名、范围和职责',
  ...access('signed-in'),
  responses: { 200: jsonResponse(StaffUserSchema, '当前用户'), ...problems(401, 429) },
});

/** `GET /api/v1/me`: who the token stands for, as a client needs to know what to show. */
export function meRouter(deps: HttpDeps) {
  return router().openapi(me, async (c) => {
    const { userId } = c.get('actor');
    if (!userId) throw new NotFoundError('user', '');
    return entityResponse(c, await getUser(deps.app, userId));
  });
}
