import { createRoute } from '@hono/zod-openapi';
import { resetSecondFactor, unlockAccount } from '../../application/account-security.js';
import { disableUser, enableUser, getUser } from '../../application/user-service.js';
import { disableUserSchema } from '../../domain/user/commands.js';
import type { HttpDeps } from '../../server/deps.js';
import { commandResponse, entityResponse, requestContext } from '../respond.js';
import { access, actionRoute, bodyActionRoute, IdParams, jsonResponse, problems, router } from '../route.js';
import { UserSchema } from './orgs.js';

const get = createRoute({
  method: 'get',
  path: '/{id}',
  tags: ['users'],
  summary: '查看用户（平台）',
  ...access(['staff']),
  request: { params: IdParams },
  responses: { 200: jsonResponse(UserSchema, '用户'), ...problems(401, 403, 404, 429) },
});

const disable = bodyActionRoute({
  tag: 'users',
  verb: 'disable',
  summary: '停用用户（平台），可说明原因；该用户的全部令牌随即失效',
  who: ['staff'],
  body: disableUserSchema,
  required: false,
  response: UserSchema,
});

const enable = actionRoute({
  tag: 'users',
  verb: 'enable',
  summary: '恢复被停用的用户（平台）；停用前签发的令牌仍然无效',
  who: ['staff'],
  response: UserSchema,
});

/** Not an action on the account itself (its ETag means nothing here): the lock lives in a stream of its own. */
const unlock = createRoute({
  method: 'post',
  path: '/{id}/unlock',
  tags: ['users'],
  summary: '解除账号锁定（安全管理员）：清除连续输错密码的记录，被锁定的账号即可再登录',
  ...access(['staff']),
  request: { params: IdParams },
  responses: { 200: jsonResponse(UserSchema, '该用户'), ...problems(401, 403, 404, 429) },
});

const resetTotp = actionRoute({
  tag: 'users',
  verb: 'second-factor/reset',
  summary: '重置另一位工作人员的身份验证器（安全管理员）；其下次登录时重新绑定',
  who: ['staff'],
  response: UserSchema,
});

/**
 * `/api/v1/users`: staff manage accounts. Disabling forgets the user's cached account, so their tokens
 * stop working at once in this process (within the cache's few seconds in others).
 */
export function usersRouter(deps: HttpDeps) {
  const { app } = deps;
  return router()
    .openapi(get, async (c) => entityResponse(c, await getUser(app, c.req.valid('param').id)))
    .openapi(disable, async (c) => {
      const { id } = c.req.valid('param');
      const user = await disableUser(app, requestContext(c), id, c.req.valid('json'));
      deps.actors.forget(id);
      return commandResponse(c, app.store, user);
    })
    .openapi(enable, async (c) => {
      const { id } = c.req.valid('param');
      const user = await enableUser(app, requestContext(c), id);
      deps.actors.forget(id);
      return commandResponse(c, app.store, user);
    })
    .openapi(unlock, async (c) =>
      entityResponse(c, await unlockAccount(app, requestContext(c), c.req.valid('param').id)),
    )
    .openapi(resetTotp, async (c) => {
      const user = await resetSecondFactor(app, requestContext(c), c.req.valid('param').id);
      return commandResponse(c, app.store, user);
    });
}
