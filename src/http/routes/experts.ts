import { createRoute, z } from '@hono/zod-openapi';
import { addExpertAccount } from '../../application/expert-service.js';
import { newExpertSchema } from '../../domain/user/expert.js';
import type { HttpDeps } from '../../server/deps.js';
import { commandResponse, requestContext } from '../respond.js';
import { access, entitySchema, jsonBody, jsonResponse, problems, router } from '../route.js';

/** An expert's account: who they are, what they review, and the organization they belong to, if any. */
export const ExpertSchema = entitySchema('Expert', {
  username: z.string(),
  role: z.literal('expert'),
  name: z.string().nullable(),
  expertise: z
    .object({
      technologies: z.array(z.string()),
      affiliation: z
        .string()
        .nullable()
        .openapi({ description: '所属机构编号；专家不评审本机构服务商的申请' }),
    })
    .nullable(),
});

const create = createRoute({
  method: 'post',
  path: '/',
  tags: ['reviews'],
  summary: '新增评审专家账号（系统管理员，省级或地市）；专家首次登录须修改初始密码',
  ...access(['staff']),
  request: { body: jsonBody(newExpertSchema) },
  responses: {
    201: jsonResponse(ExpertSchema, '新建的评审专家账号'),
    ...problems(401, 403, 409, 413, 415, 422, 429),
  },
});

/** `/api/v1/experts`: staff make the accounts of evaluation experts (评审专家). */
export function expertsRouter(deps: HttpDeps) {
  const { app } = deps;
  return router().openapi(create, async (c) => {
    const expert = await addExpertAccount(app, requestContext(c), c.req.valid('json'));
    return commandResponse(c, app.store, expert, { status: 201, location: `/api/v1/users/${expert.id}` });
  });
}
