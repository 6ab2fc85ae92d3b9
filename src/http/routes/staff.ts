import { createRoute, z } from '@hono/zod-openapi';
import { addStaffAccount } from '../../application/user-service.js';
import { cityFieldsAtDoor as door } from '../../domain/taxonomy/city-directory.js';
import { newStaffSchema } from '../../domain/user/commands.js';
import type { HttpDeps } from '../../server/deps.js';
import { commandResponse, requestContext } from '../respond.js';
import { access, entitySchema, jsonBody, jsonResponse, problems, router } from '../route.js';

/** A user with what staff have besides: their name and scope (null for members of organizations). */
export const StaffUserSchema = entitySchema('StaffUser', {
  username: z.string(),
  role: z.enum(['demander', 'vendor', 'staff']),
  orgId: z.string().nullable(),
  name: z.string().nullable(),
  scope: z.string().nullable().openapi({ description: 'province 为全省，或一个地市代码；非平台人员为 null' }),
});

const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['users'],
  summary: '新增平台工作人员账号（省级平台），范围为全省或一个地市',
  ...access(['staff']),
  request: { body: jsonBody(newStaffSchema.extend({ scope: door.scope })) },
  responses: {
    201: jsonResponse(StaffUserSchema, '新建的工作人员账号'),
    ...problems(401, 403, 409, 413, 415, 422, 429),
  },
});

/** `/api/v1/staff`: province staff create the accounts of province and city staff. */
export function staffRouter(deps: HttpDeps) {
  const { app } = deps;
  return router().openapi(create, async (c) => {
    const user = await addStaffAccount(app, requestContext(c), c.req.valid('json'));
    return commandResponse(c, app.store, user, { status: 201, location: `/api/v1/users/${user.id}` });
  });
}
