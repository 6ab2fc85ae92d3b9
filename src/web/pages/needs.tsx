import { Hono } from 'hono';
import { applyToNeed, recommendSolution } from '../../application/engagement-service.js';
import {
  approveNeed,
  createNeed,
  rejectNeed,
  submitNeed,
  updateNeed,
  withdrawNeed,
} from '../../application/need-service.js';
import { ForbiddenError } from '../../domain/shared/errors.js';
import { runAction } from '../actions.js';
import { attempt } from '../attempt.js';
import { emptyForm, type FormState } from '../components/form.js';
import { criteriaValues } from '../criteria-form.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { requireUser } from '../errors.js';
import { readForm, toInput, toValues } from '../form-input.js';
import { webMessages } from '../messages.js';
import { page, redirectWith, requestContext, requestContextAt, type WebContext } from '../render.js';
import { attachmentPages } from './attachments.js';
import { openCampaignOptions } from './campaign-options.js';
import { createNeedSpec, editNeedInput, NeedForm, needFormErrors, needInput } from './need-form.js';
import { renderNeedPage } from './need-page.js';
import { raceInput, raceValues } from './need-race.js';

/** A demander's needs: post, edit, submit, withdraw; staff review them; vendors 揭榜. */
export function needPages(deps: WebDeps) {
  const app = deps.app;
  const web = new Hono<WebEnv>();

  const newNeedPage = async (c: WebContext, form: FormState, status: 200 | 422 = 200) =>
    page(
      c,
      '发布场景需求',
      <>
        <h1>发布场景需求</h1>
        <section class="card">
          <NeedForm
            form={form}
            action="/needs/new"
            csrfToken={c.get('csrfToken')}
            campaigns={await openCampaignOptions(deps, 'needs')}
            submitLabel="保存草稿"
            withSubmitNow
            orgStatus={c.get('user')?.orgStatus ?? null}
          />
        </section>
      </>,
      status,
    );

  web.get('/needs/new', requireUser('demander'), (c) => newNeedPage(c, emptyForm));

  web.post('/needs/new', requireUser('demander'), async (c) => {
    const values = await readForm(c);
    const ctx = requestContext(c);
    const input = { ...needInput(values, createNeedSpec), ...raceInput(values, 'omit') };
    const created = await attempt(() => createNeed(app, ctx, input));
    if (!created.ok) return newNeedPage(c, { values, errors: needFormErrors(values, created.errors) }, 422);
    const id = created.value.id;
    if (values.intent !== 'submit') {
      return redirectWith(c, `/needs/${id}`, { tone: 'success', text: webMessages.needCreated });
    }
    return runAction(c, () => submitNeed(app, ctx, id), {
      to: `/needs/${id}`,
      success: webMessages.needSubmitted,
    });
  });

  web.get('/needs/:id', (c) => renderNeedPage(deps, c, c.req.param('id')));
  web.route(
    '/',
    attachmentPages(deps, 'need', (c, id, attach) => renderNeedPage(deps, c, id, { attach })),
  );

  const editPage = async (
    c: WebContext,
    id: string,
    form: FormState,
    revision: string,
    status: 200 | 422 = 200,
  ) =>
    page(
      c,
      '修改场景需求',
      <>
        <h1>修改场景需求</h1>
        <section class="card">
          <NeedForm
            form={form}
            action={`/needs/${id}/edit`}
            csrfToken={c.get('csrfToken')}
            campaigns={await openCampaignOptions(deps, 'needs')}
            revision={revision}
            submitLabel="保存修改"
          />
        </section>
      </>,
      status,
    );

  web.get('/needs/:id/edit', requireUser('demander'), async (c) => {
    const id = c.req.param('id');
    const { state: need, revision } = await deps.views.viewNeed(c.get('actor'), id);
    if (need.orgId !== c.get('actor').orgId)
      throw new ForbiddenError('need.forbidden', webMessages.forbidden);
    const { id: _id, orgId: _org, status: _status, ...fields } = need;
    const values = { ...toValues(fields), ...raceValues(need), ...criteriaValues(need.criteria) };
    return editPage(c, id, { values, errors: [] }, String(revision));
  });

  web.post('/needs/:id/edit', requireUser('demander'), async (c) => {
    const id = c.req.param('id');
    const values = await readForm(c);
    const updated = await attempt(() =>
      updateNeed(app, requestContextAt(c, values.revision), id, {
        ...editNeedInput(values),
        ...raceInput(values, 'null'),
      }),
    );
    if (!updated.ok) {
      const errors = needFormErrors(values, updated.errors);
      return editPage(c, id, { values, errors }, String(values.revision ?? ''), 422);
    }
    return redirectWith(c, `/needs/${id}`, { tone: 'success', text: webMessages.saved });
  });

  web.post('/needs/:id/submit', requireUser('demander'), (c) => {
    const id = c.req.param('id');
    return runAction(c, () => submitNeed(app, requestContext(c), id), {
      to: `/needs/${id}`,
      success: webMessages.needSubmitted,
    });
  });

  web.post('/needs/:id/withdraw', requireUser('demander'), (c) => {
    const id = c.req.param('id');
    return runAction(c, () => withdrawNeed(app, requestContext(c), id), {
      to: `/needs/${id}`,
      success: webMessages.needWithdrawn,
    });
  });

  web.post('/needs/:id/approve', requireUser('staff'), (c) => {
    const id = c.req.param('id');
    return runAction(c, () => approveNeed(app, requestContext(c), id), {
      to: '/admin/review',
      success: webMessages.needApproved,
    });
  });

  web.post('/needs/:id/reject', requireUser('staff'), async (c) => {
    const id = c.req.param('id');
    const values = await readForm(c);
    const rejected = await attempt(() =>
      rejectNeed(app, requestContext(c), id, toInput(values, { reason: 'text' })),
    );
    if (!rejected.ok) return renderNeedPage(deps, c, id, { reject: { values, errors: rejected.errors } });
    return redirectWith(c, '/admin/review', { tone: 'success', text: webMessages.needRejected });
  });

  web.post('/needs/:id/apply', requireUser('vendor'), async (c) => {
    const id = c.req.param('id');
    const values = await readForm(c);
    const input = toInput(values, { solutionId: 'text', proposal: 'text', quoteWan: 'number' });
    // The service validates the input with the domain's schema; the form only shaped it.
    const applied = await attempt(() =>
      applyToNeed(app, requestContext(c), id, input as Parameters<typeof applyToNeed>[3]),
    );
    if (!applied.ok) return renderNeedPage(deps, c, id, { apply: { values, errors: applied.errors } });
    return redirectWith(c, `/engagements/${applied.value.id}`, {
      tone: 'success',
      text: webMessages.applied,
    });
  });

  web.post('/needs/:id/recommend', requireUser('staff'), async (c) => {
    const id = c.req.param('id');
    const { solutionId } = toInput(await readForm(c), { solutionId: 'text' });
    return runAction(
      c,
      () => recommendSolution(app, requestContext(c), id, { solutionId: String(solutionId ?? '') }),
      {
        to: `/needs/${id}`,
        success: webMessages.engagementDone.recommend,
      },
    );
  });

  return web;
}
