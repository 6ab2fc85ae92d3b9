import { Hono } from 'hono';
import type { NeedAsSeen } from '../../application/entity-views.js';
import { getOrganization } from '../../application/organization-service.js';
import {
  approveSolution,
  createSolution,
  rejectSolution,
  retireSolution,
  submitSolution,
  updateSolution,
} from '../../application/solution-service.js';
import type { Actor } from '../../domain/shared/actor.js';
import { ForbiddenError } from '../../domain/shared/errors.js';
import type { Solution } from '../../domain/solution/state.js';
import type { NeedMatch } from '../../matching/types.js';
import { runAction } from '../actions.js';
import { attempt } from '../attempt.js';
import { cityLabel } from '../city-names.js';
import { StatusBadge } from '../components/badge.js';
import { FactorBars } from '../components/factor-bars.js';
import { CsrfField, ErrorSummary, emptyForm, type FormState, TextArea } from '../components/form.js';
import { HistoryLink } from '../components/history-link.js';
import { TechTags } from '../components/listings.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { requireUser } from '../errors.js';
import { readForm, toInput, toValues } from '../form-input.js';
import { formatDate, formatWanRange, labelsOf, regionsLabel } from '../format.js';
import { deploymentLabels } from '../labels.js';
import { webMessages } from '../messages.js';
import { page, redirectWith, requestContext, requestContextAt, type WebContext } from '../render.js';
import { visibleOrNull } from '../visible.js';
import { AttachmentSection, attachmentPages, listingAttachments } from './attachments.js';
import { openCampaignOptions } from './campaign-options.js';
import { createSolutionSpec, editSolutionSpec, SolutionForm } from './solution-form.js';

const FITTING_NEEDS = 5;

function Button({
  action,
  label,
  csrfToken,
  tone,
}: {
  action: string;
  label: string;
  csrfToken: string;
  tone?: string;
}) {
  return (
    <form method="post" action={action}>
      <CsrfField token={csrfToken} />
      <button type="submit" class={tone}>
        {label}
      </button>
    </form>
  );
}

/** The open needs 云速配 finds for a published solution, for its vendor and staff. */
function FittingNeeds({ needs }: { needs: { match: NeedMatch; need: NeedAsSeen }[] }) {
  return (
    <section class="card" aria-labelledby="fitting-needs">
      <h2 id="fitting-needs">云速配：适合本方案的需求</h2>
      {needs.length === 0 ? (
        <p class="muted">暂无匹配的需求。</p>
      ) : (
        <ol class="listing">
          {needs.map(({ match, need }) => (
            <li>
              <div class="spread">
                <h3>
                  <a href={`/needs/${need.id}`}>{need.title}</a>
                </h3>
                <span class="score">{Math.round(match.score * 100)} 分</span>
              </div>
              <div class="meta">
                <span>{cityLabel(need.city)}市</span>
                <span>预算 {formatWanRange(need.budgetWan)}</span>
              </div>
              <details>
                <summary>匹配理由</summary>
                <FactorBars reasons={match.reasons} />
              </details>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function SolutionView({
  solution,
  vendorName,
  isOwner,
  isStaff,
  reject,
  fitting,
  csrfToken,
}: {
  solution: Solution;
  vendorName: string;
  isOwner: boolean;
  isStaff: boolean;
  reject: FormState;
  fitting: { match: NeedMatch; need: NeedAsSeen }[] | null;
  csrfToken: string;
}) {
  const editable = solution.status === 'draft' || solution.status === 'rejected';
  return (
    <>
      <p class="small">
        <a href="/solutions">解决方案</a> ›
      </p>
      <div class="spread">
        <h1>{solution.title}</h1>
        <StatusBadge kind="solution" status={solution.status} />
      </div>
      {isOwner || isStaff ? <HistoryLink kind="solution" id={solution.id} /> : null}
      {(isOwner || isStaff) && solution.status === 'rejected' && solution.rejectionReason ? (
        <div class="flash flash-error" role="note">
          退回原因：{solution.rejectionReason}
        </div>
      ) : null}
      <section class="card">
        <dl class="facts">
          <dt>服务商</dt>
          <dd>
            <a href={`/vendors/${solution.vendorId}`}>{vendorName}</a>
          </dd>
          <dt>适用行业</dt>
          <dd>{labelsOf('industry', solution.industries)}</dd>
          <dt>适用场景</dt>
          <dd>{labelsOf('scenarioType', solution.scenarioTypes)}</dd>
          <dt>服务地域</dt>
          <dd>{regionsLabel(solution.regionsServed)}</dd>
          <dt>报价</dt>
          <dd>{formatWanRange(solution.priceWan)}</dd>
          <dt>部署方式</dt>
          <dd>{deploymentLabels[solution.deployment] ?? solution.deployment}</dd>
          {solution.publishedAt ? (
            <>
              <dt>发布时间</dt>
              <dd>{formatDate(solution.publishedAt)}</dd>
            </>
          ) : null}
        </dl>
        <TechTags codes={solution.technologies} />
        <h2 style="margin-top:16px">方案介绍</h2>
        <p class="prose">{solution.description}</p>
        {isOwner ? (
          <div class="actions">
            {editable ? (
              <a class="button secondary" href={`/solutions/${solution.id}/edit`}>
                编辑
              </a>
            ) : null}
            {editable ? (
              <Button action={`/solutions/${solution.id}/submit`} label="提交审核" csrfToken={csrfToken} />
            ) : null}
            {solution.status === 'published' ? (
              <Button
                action={`/solutions/${solution.id}/retire`}
                label="下架方案"
                csrfToken={csrfToken}
                tone="danger"
              />
            ) : null}
          </div>
        ) : null}
        {isStaff ? (
          <p class="small" style="margin-top:12px">
            <a href={`/admin/audit/solution-${solution.id}`}>查看审计记录</a>
          </p>
        ) : null}
      </section>
      {fitting ? <FittingNeeds needs={fitting} /> : null}
      {isStaff && solution.status === 'submitted' ? (
        <section class="card" aria-labelledby="review-title">
          <h2 id="review-title">审核</h2>
          <div class="actions">
            <Button
              action={`/solutions/${solution.id}/approve`}
              label="审核通过并发布"
              csrfToken={csrfToken}
            />
          </div>
          <ErrorSummary errors={reject.errors} fields={{ reason: '退回原因' }} />
          <form method="post" action={`/solutions/${solution.id}/reject`} class="form" novalidate>
            <CsrfField token={csrfToken} />
            <TextArea name="reason" label="退回原因" form={reject} required rows={3} maxLength={500} />
            <button type="submit" class="danger">
              退回修改
            </button>
          </form>
        </section>
      ) : null}
    </>
  );
}

/** A vendor's solutions: publish, edit, submit, retire; staff review them; everyone reads published ones. */
export function solutionPages(deps: WebDeps) {
  const app = deps.app;
  const web = new Hono<WebEnv>();

  // Each need by the rules of its own page (no contact the vendor may not see), so the list shows nothing
  // that page would not.
  const fittingNeeds = async (actor: Actor, solutionId: string) => {
    const { results } = await deps.matching.matchesForSolution(actor, solutionId, { limit: FITTING_NEEDS });
    const fitting = await Promise.all(
      results.map(async (match) => {
        const need = await visibleOrNull(deps.views.viewNeed(actor, match.needId));
        return need ? { match, need: need.state } : null;
      }),
    );
    return fitting.filter((entry) => entry !== null);
  };

  const renderSolution = async (
    c: WebContext,
    id: string,
    reject: FormState = emptyForm,
    attach: FormState = emptyForm,
  ) => {
    const actor = c.get('actor');
    const { state: solution } = await deps.views.viewSolution(actor, id);
    const { state: vendor } = await getOrganization(app, solution.vendorId);
    const isOwner = actor.orgId === solution.vendorId;
    const isStaff = actor.role === 'staff';
    const fitting =
      (isOwner || isStaff) && solution.status === 'published' ? await fittingNeeds(actor, id) : null;
    const attachments = await listingAttachments(deps, c, 'solution', id);
    return page(
      c,
      solution.title,
      <>
        <SolutionView
          solution={solution}
          vendorName={vendor.name}
          isOwner={isOwner}
          isStaff={isStaff}
          reject={reject}
          fitting={fitting}
          csrfToken={c.get('csrfToken')}
        />
        <AttachmentSection
          kind="solution"
          listing={solution}
          attachments={attachments}
          isOwner={isOwner}
          form={attach}
          csrfToken={c.get('csrfToken')}
        />
      </>,
      reject.errors.length > 0 || attach.errors.length > 0 ? 422 : 200,
    );
  };

  const formPage = async (
    c: WebContext,
    title: string,
    props: { form: FormState; action: string; revision?: string; create: boolean },
    status: 200 | 422 = 200,
  ) =>
    page(
      c,
      title,
      <>
        <h1>{title}</h1>
        <section class="card">
          <SolutionForm
            form={props.form}
            action={props.action}
            csrfToken={c.get('csrfToken')}
            campaigns={await openCampaignOptions(deps, 'solutions')}
            submitLabel={props.create ? '保存草稿' : '保存修改'}
            withSubmitNow={props.create}
            {...(props.revision ? { revision: props.revision } : {})}
          />
        </section>
      </>,
      status,
    );

  web.get('/solutions/new', requireUser('vendor'), (c) =>
    formPage(c, '发布解决方案', { form: emptyForm, action: '/solutions/new', create: true }),
  );

  web.post('/solutions/new', requireUser('vendor'), async (c) => {
    const values = await readForm(c);
    const ctx = requestContext(c);
    const created = await attempt(() => createSolution(app, ctx, toInput(values, createSolutionSpec)));
    if (!created.ok) {
      const form = { values, errors: created.errors };
      return formPage(c, '发布解决方案', { form, action: '/solutions/new', create: true }, 422);
    }
    const id = created.value.id;
    if (values.intent !== 'submit') {
      return redirectWith(c, `/solutions/${id}`, { tone: 'success', text: webMessages.solutionCreated });
    }
    return runAction(c, () => submitSolution(app, ctx, id), {
      to: `/solutions/${id}`,
      success: webMessages.solutionSubmitted,
    });
  });

  web.get('/solutions/:id', (c) => renderSolution(c, c.req.param('id')));
  web.route(
    '/',
    attachmentPages(deps, 'solution', (c, id, attach) => renderSolution(c, id, emptyForm, attach)),
  );

  web.get('/solutions/:id/edit', requireUser('vendor'), async (c) => {
    const id = c.req.param('id');
    const { state: solution, revision } = await deps.views.viewSolution(c.get('actor'), id);
    if (solution.vendorId !== c.get('actor').orgId)
      throw new ForbiddenError('solution.forbidden', webMessages.forbidden);
    const { id: _id, vendorId: _vendor, status: _status, ...fields } = solution;
    const form = { values: toValues(fields), errors: [] };
    return formPage(c, '修改解决方案', {
      form,
      action: `/solutions/${id}/edit`,
      revision: String(revision),
      create: false,
    });
  });

  web.post('/solutions/:id/edit', requireUser('vendor'), async (c) => {
    const id = c.req.param('id');
    const values = await readForm(c);
    const ctx = requestContextAt(c, values.revision);
    const updated = await attempt(() => updateSolution(app, ctx, id, toInput(values, editSolutionSpec)));
    if (!updated.ok) {
      const props = {
        form: { values, errors: updated.errors },
        action: `/solutions/${id}/edit`,
        create: false,
      };
      return formPage(c, '修改解决方案', { ...props, revision: String(values.revision ?? '') }, 422);
    }
    return redirectWith(c, `/solutions/${id}`, { tone: 'success', text: webMessages.saved });
  });

  const action = (
    verb: string,
    role: 'vendor' | 'staff',
    run: typeof submitSolution,
    success: string,
    to: (id: string) => string,
  ) =>
    web.post(`/solutions/:id/${verb}`, requireUser(role), (c) => {
      const id = c.req.param('id');
      return runAction(c, () => run(app, requestContext(c), id), { to: to(id), success });
    });

  action('submit', 'vendor', submitSolution, webMessages.solutionSubmitted, (id) => `/solutions/${id}`);
  action('retire', 'vendor', retireSolution, webMessages.solutionRetired, (id) => `/solutions/${id}`);
  action('approve', 'staff', approveSolution, webMessages.solutionApproved, () => '/admin/review');

  web.post('/solutions/:id/reject', requireUser('staff'), async (c) => {
    const id = c.req.param('id');
    const values = await readForm(c);
    const rejected = await attempt(() =>
      rejectSolution(app, requestContext(c), id, toInput(values, { reason: 'text' })),
    );
    if (!rejected.ok) return renderSolution(c, id, { values, errors: rejected.errors });
    return redirectWith(c, '/admin/review', { tone: 'success', text: webMessages.solutionRejected });
  });

  return web;
}
