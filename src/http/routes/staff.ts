import { createRoute, z } from '@hono/zod-openapi';
import { cityFieldsAtDoor } from '../../application/city-directory.js';
import { addStaffAccount, changeStaffDuties } from '../../application/user-service.js';
import { DUTIES } from '../../domain/shared/duties.js';
import { newStaffSchema, staffDutiesSchema } from '../../domain/user/commands.js';
import type { HttpDeps } from '../../server/deps.js';
import { commandResponse, requestContext } from '../respond.js';
import {
  access,
  entitySchema,
  IdParams,
  IfMatchHeaders,
  jsonBody,
  jsonResponse,
  problems,
  router,
} from '../route.js';

/** A user with what staff have besides: their name, scope and duties (null for members of organizations). */
export const StaffUserSchema = entitySchema('StaffUser', {
  username: z.string(),
  role: z.enum(['demander', 'vendor', 'staff', 'expert']),
  orgId: z.string().nullable(),
  name: z.string().nullable(),
  scope: z.string().nullable().openapi({ description: 'province 为全省，或一个地市代码；非平台人员为 null' }),
  duties: z.array(z.enum(DUTIES)).nullable().openapi({
    description:
      '职责（三员分立）：accounts 系统管理员，security 安全管理员，audit 审计管理员，business 业务人员；非平台人员为 null',
  }),
});

const duties = createRoute({
  method: 'put',
  path: '/{id}/duties',
  tags: ['users'],
  summary: '调整工作人员的职责（省级平台的系统管理员）；系统管理员与审计管理员不能由同一账号兼任',
  ...access(['staff']),
  request: { params: IdParams, headers: IfMatchHeaders, body: jsonBody(staffDutiesSchema) },
  responses: {
    200: jsonResponse(StaffUserSchema, '调整后的工作人员账号'),
    ...problems(400, 401, 403, 404, 409, 412, 413, 415, 422, 429),
  },
});

/** `/api/v1/staff`: province 系统管理员 create the accounts of province and city staff and set their duties. */
export function staffRouter(deps: HttpDeps) {
  const { app } = deps;
  const door = cityFieldsAtDoor(app.store);
  const create = createRoute({
    method: 'post',
    path: '/',
    tags: ['users'],
    summary: '新增平台工作人员账号（省级平台的系统管理员），范围为全省或一个地市，职责默认为业务人员',
    ...access(['staff']),
    request: { body: jsonBody(newStaffSchema.extend({ scope: door.scope })) },
    responses: {
      201: jsonResponse(StaffUserSchema, '新建的工作人员账号'),
      ...problems(401, 403, 409, 413, 415, 422, 429),
    },
  });
  return router()
    .openapi(create, async (c) => {
      const user = await addStaffAccount(app, requestContext(c), c.req.valid('json'));
      return commandResponse(c, app.store, user, { status: 201, location: `/api/v1/users/${user.id}` });
    })
    .openapi(duties, async (c) => {
      const { id } = c.req.valid('param');
      const user = await changeStaffDuties(app, requestContext(c), id, c.req.valid('json'));
      return commandResponse(c, app.store, user);
    });
}
