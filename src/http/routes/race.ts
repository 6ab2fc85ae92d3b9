import { selectPilot } from '../../application/race-service.js';
import { selectPilotInput } from '../../domain/need/commands.js';
import type { HttpDeps } from '../../server/deps.js';
import { commandResponse, requestContext } from '../respond.js';
import { bodyActionRoute, router } from '../route.js';
import { NeedSchema } from './needs.js';

/**
 * 赛马: `POST /needs/{id}/select` ends a need's race by selecting one of its signed pilots. Mounted at
 * `/api/v1`. The race itself is set on the need (`race` in its body) and the pilots sign at
 * `/engagements/{id}/sign` like any engagement.
 */
export function raceRouter(deps: HttpDeps) {
  const { app, views } = deps;
  const select = bodyActionRoute({
    tag: 'needs',
    prefix: '/needs',
    verb: 'select',
    summary: '赛马：从已签约的试点中选定一家服务商（需求方）；其余试点结束、未入选',
    who: ['demander'],
    body: selectPilotInput,
    response: NeedSchema,
  });
  return router().openapi(select, async (c) => {
    const result = await selectPilot(app, requestContext(c), c.req.valid('param').id, c.req.valid('json'));
    return commandResponse(c, app.store, await views.showNeed(c.get('actor'), result));
  });
}
