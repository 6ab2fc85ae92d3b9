import { Hono } from 'hono';
import { inviteVendor } from '../../application/invitation-service.js';
import { runAction } from '../actions.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { requireUser } from '../errors.js';
import { readForm, toInput } from '../form-input.js';
import { webMessages } from '../messages.js';
import { requestContext } from '../render.js';

/** 邀请揭榜: the button beside each 云速配 recommendation on the owner's need page. */
export function invitationPages(deps: WebDeps) {
  const web = new Hono<WebEnv>();
  web.post('/needs/:id/invite', requireUser('demander'), async (c) => {
    const id = c.req.param('id');
    const { solutionId } = toInput(await readForm(c), { solutionId: 'text' });
    return runAction(
      c,
      () => inviteVendor(deps.app, requestContext(c), id, { solutionId: String(solutionId ?? '') }),
      { to: `/needs/${id}`, success: webMessages.vendorInvited },
    );
  });
  return web;
}
