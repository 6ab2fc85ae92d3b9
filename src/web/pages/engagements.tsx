import { Hono } from 'hono';
import { promoteCase } from '../../application/case-service.js';
import type { AppDeps, RequestContext } from '../../application/deps.js';
import {
  acceptRecommendation,
  confirmDelivery,
  declineEngagement,
  rateEngagement,
  scheduleMeeting,
  shortlistEngagement,
  signEngagement,
  withdrawEngagement,
  withdrawSignature,
} from '../../application/engagement-service.js';
import { runAction } from '../actions.js';
import { attempt } from '../attempt.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { requireUser } from '../errors.js';
import { type FormSpec, readForm, toInput } from '../form-input.js';
import { webMessages } from '../messages.js';
import { redirectWith, requestContext } from '../render.js';
import { type EngagementForm, renderEngagementPage } from './engagement-page.js';

type Step = (deps: AppDeps, ctx: RequestContext, id: string, input: never) => Promise<unknown>;

/** The steps that take a form: its fields, the service that takes it, who may post it. */
const formSteps: Record<
  EngagementForm,
  { spec: FormSpec; run: Step; roles: ('demander' | 'vendor' | 'staff')[] }
> = {
  decline: { spec: { reason: 'text' }, run: declineEngagement, roles: ['demander'] },
  withdraw: { spec: { reason: 'text' }, run: withdrawEngagement, roles: ['vendor'] },
  accept: { spec: { proposal: 'text', quoteWan: 'number' }, run: acceptRecommendation, roles: ['vendor'] },
  'schedule-meeting': {
    spec: { at: 'chinaDateTime', location: 'text' },
    run: scheduleMeeting,
    roles: ['demander', 'vendor'],
  },
  sign: { spec: { amountWan: 'number' }, run: signEngagement, roles: ['demander', 'vendor'] },
  rate: { spec: { score: 'number', comment: 'text' }, run: rateEngagement, roles: ['demander', 'vendor'] },
  'promote-case': { spec: { title: 'text', summary: 'text' }, run: promoteCase, roles: ['staff'] },
};

/** 对接: the page of one engagement and each of its steps, posted by the side whose turn it is. */
export function engagementPages(deps: WebDeps) {
  const { app } = deps;
  const web = new Hono<WebEnv>();

  web.get('/engagements/:id', requireUser(), (c) => renderEngagementPage(deps, c, c.req.param('id')));

  // An unticked checkbox posts nothing: no consent to share the contact.
  web.post('/engagements/:id/shortlist', requireUser('demander'), async (c) => {
    const id = c.req.param('id');
    const shareContact = (await readForm(c)).shareContact === 'yes';
    return runAction(c, () => shortlistEngagement(app, requestContext(c), id, { shareContact }), {
      to: `/engagements/${id}`,
      success: webMessages.engagementDone.shortlist,
    });
  });

  web.post('/engagements/:id/withdraw-signature', requireUser('demander', 'vendor'), (c) => {
    const id = c.req.param('id');
    return runAction(c, () => withdrawSignature(app, requestContext(c), id), {
      to: `/engagements/${id}`,
      success: webMessages.engagementDone['withdraw-signature'],
    });
  });

  web.post('/engagements/:id/deliver', requireUser('demander'), (c) => {
    const id = c.req.param('id');
    return runAction(c, () => confirmDelivery(app, requestContext(c), id), {
      to: `/engagements/${id}`,
      success: webMessages.engagementDone.deliver,
    });
  });

  for (const [step, { spec, run, roles }] of Object.entries(formSteps) as [
    EngagementForm,
    (typeof formSteps)[EngagementForm],
  ][]) {
    web.post(`/engagements/:id/${step}`, requireUser(...roles), async (c) => {
      const id = c.req.param('id');
      const values = await readForm(c);
      // The service validates the input with the domain's schema; the form only shaped it.
      const input = toInput(values, spec) as never;
      const done = await attempt(() => run(app, requestContext(c), id, input));
      if (!done.ok) return renderEngagementPage(deps, c, id, { [step]: { values, errors: done.errors } });
      const success = step === 'promote-case' ? webMessages.casePromoted : webMessages.engagementDone[step];
      return redirectWith(c, `/engagements/${id}`, { tone: 'success', text: success });
    });
  }

  return web;
}
