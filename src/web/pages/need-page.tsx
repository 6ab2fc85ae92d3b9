import type { NeedAsSeen } from '../../application/entity-views.js';
import { listNeedInvitations } from '../../application/invitation-service.js';
import { completenessFor } from '../../application/need-completeness.js';
import { getOrganization } from '../../application/organization-service.js';
import { similarCases } from '../../application/queries/similar-cases.js';
import { listQuestions } from '../../application/question-service.js';
import { recordContactViewed } from '../../application/security-log.js';
import { OPEN_NEED_STATUSES } from '../../domain/need/state.js';
import { isOutOfMarket } from '../../domain/organization/state.js';
import { zhLabel } from '../../domain/shared/taxonomy.js';
import { cityLabel } from '../city-names.js';
import { StatusBadge } from '../components/badge.js';
import { CaseList } from '../components/cases.js';
import { CompletenessPanel, reasonFromHints } from '../components/completeness.js';
import { EngagementTable } from '../components/engagements.js';
import {
  CsrfField,
  ErrorSummary,
  emptyForm,
  type FormState,
  NumberField,
  SelectField,
  TextArea,
} from '../components/form.js';
import { HistoryLink } from '../components/history-link.js';
import { TechTags } from '../components/listings.js';
import { MatchList, type MatchView } from '../components/matches.js';
import { NeedReviews } from '../components/need-reviews.js';
import { type QuestionForms, QuestionSection } from '../components/questions.js';
import type { WebDeps } from '../deps.js';
import type { CaseSummary, EngagementSummary, SolutionSummary } from '../documents.js';
import { contactLine, formatDate, formatDateTime, formatWanRange } from '../format.js';
import { engagementsOf, solutionsPage } from '../reads.js';
import { page, requestContext, type WebContext } from '../render.js';
import { visibleOrNull } from '../visible.js';
import { AttachmentSection, listingAttachments } from './attachments.js';
import { PilotsSection } from './need-race.js';
import { needReviewsView } from './reviews.js';

/** Forms of the need page that come back with errors: the staff's rejection, the vendor's 揭榜, an upload. */
export interface NeedPageForms extends QuestionForms {
  reject?: FormState;
  apply?: FormState;
  attach?: FormState;
}

const MATCH_LIMIT = 10;
const SIMILAR_CASES = 5;
const OPEN_ENGAGEMENT = new Set([
  'recommended',
  'applied',
  'shortlisted',
  'meeting_scheduled',
  'signed',
  'delivered',
  'rated',
]);
const MATCHABLE = new Set(['published', 'in_progress']);

function ActionButton({
  action,
  label,
  csrfToken,
  tone,
}: {
  action: string;
  label: string;
  csrfToken: string;
  tone?: 'secondary' | 'danger';
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

/** The contact is there only when the viewer may see it (the entity views leave it out otherwise). */
function NeedFacts({ need, orgName }: { need: NeedAsSeen; orgName: string }) {
  return (
    <dl class="facts">
      <dt>需求方</dt>
      <dd>{orgName}</dd>
      <dt>所在城市</dt>
      <dd>{cityLabel(need.city)}市</dd>
      <dt>行业</dt>
      <dd>{zhLabel('industry', need.industry)}</dd>
      <dt>场景类型</dt>
      <dd>{zhLabel('scenarioType', need.scenarioType)}</dd>
      <dt>预算</dt>
      <dd>{formatWanRange(need.budgetWan)}</dd>
      <dt>征集截止</dt>
      <dd>{need.deadline ?? '长期有效'}</dd>
      {need.publishedAt ? (
        <>
          <dt>发布时间</dt>
          <dd>{formatDate(need.publishedAt)}</dd>
        </>
      ) : null}
      {need.contact ? (
        <>
          <dt>联系人</dt>
          <dd>{contactLine(need.contact)}</dd>
        </>
      ) : need.contactWithheld ? (
        <>
          <dt>联系人</dt>
          <dd>{need.contactWithheld}</dd>
        </>
      ) : null}
    </dl>
  );
}

function OwnerActions({ need, csrfToken }: { need: NeedAsSeen; csrfToken: string }) {
  const editable = need.status === 'draft' || need.status === 'rejected';
  return (
    <div class="actions">
      {editable ? (
        <a class="button secondary" href={`/needs/${need.id}/edit`}>
          编辑
        </a>
      ) : null}
      {editable ? (
        <ActionButton action={`/needs/${need.id}/submit`} label="提交审核" csrfToken={csrfToken} />
      ) : null}
      {OPEN_NEED_STATUSES.has(need.status) ? (
        <ActionButton
          action={`/needs/${need.id}/withdraw`}
          label="撤回需求"
          csrfToken={csrfToken}
          tone="danger"
        />
      ) : null}
    </div>
  );
}

/** The brief's parts the need has, each under the label the form gave it. */
function NeedBriefParts({ need }: { need: NeedAsSeen }) {
  const parts = [
    ['现状与痛点', need.problem],
    ['建设目标', need.goals],
    ['技术要求', need.requirements],
  ] as const;
  return (
    <>
      {parts.map(([label, text]) =>
        text ? (
          <>
            <h2 style="margin-top:16px">{label}</h2>
            <p class="prose">{text}</p>
          </>
        ) : null,
      )}
      {need.acceptanceCriteria.length > 0 ? (
        <>
          <h2 style="margin-top:16px">验收指标</h2>
          <ol>
            {need.acceptanceCriteria.map((criterion) => (
              <li>{criterion}</li>
            ))}
          </ol>
        </>
      ) : null}
      {need.periodMonths ? (
        <p>
          <strong>实施周期：</strong>
          {need.periodMonths}个月
        </p>
      ) : null}
    </>
  );
}

function StaffReview({ need, form, csrfToken }: { need: NeedAsSeen; form: FormState; csrfToken: string }) {
  return (
    <section class="card" aria-labelledby="review-title">
      <h2 id="review-title">审核</h2>
      <div class="actions">
        <ActionButton action={`/needs/${need.id}/approve`} label="审核通过" csrfToken={csrfToken} />
      </div>
      <ErrorSummary errors={form.errors} fields={{ reason: '退回原因' }} />
      <form method="post" action={`/needs/${need.id}/reject`} class="form" novalidate>
        <CsrfField token={csrfToken} />
        <TextArea
          name="reason"
          label="退回原因"
          form={form}
          required
          rows={3}
          maxLength={500}
          hint="2到500个字，需求方将看到此说明；已按完整度建议预填，可修改"
        />
        <button type="submit" class="danger">
          退回修改
        </button>
      </form>
    </section>
  );
}

function ApplyForm({
  need,
  solutions,
  form,
  csrfToken,
}: {
  need: NeedAsSeen;
  solutions: SolutionSummary[];
  form: FormState;
  csrfToken: string;
}) {
  if (solutions.length === 0) {
    return (
      <p class="muted">
        揭榜需要一个已发布的解决方案。<a href="/solutions/new">发布方案</a>
      </p>
    );
  }
  const fields = { solutionId: '揭榜方案', proposal: '揭榜方案说明', quoteWan: '报价（万元）' };
  // With one published solution there is nothing to choose.
  const chosen =
    solutions.length === 1 && !form.values.solutionId
      ? { ...form, values: { ...form.values, solutionId: solutions[0]!.id } }
      : form;
  return (
    <>
      <ErrorSummary errors={form.errors} fields={fields} />
      <form method="post" action={`/needs/${need.id}/apply`} class="form" novalidate>
        <CsrfField token={csrfToken} />
        <SelectField
          name="solutionId"
          label={fields.solutionId}
          form={chosen}
          required
          options={solutions.map((s) => ({ value: s.id, label: s.title }))}
        />
        <TextArea
          name="proposal"
          label={fields.proposal}
          form={form}
          required
          rows={5}
          maxLength={2000}
          hint="10到2000个字：如何解决、实施周期、类似案例"
        />
        <NumberField name="quoteWan" label={fields.quoteWan} form={form} required min={0} />
        <button type="submit">揭榜</button>
      </form>
    </>
  );
}

async function matchViews(deps: WebDeps, c: WebContext, needId: string): Promise<MatchView[]> {
  const actor = c.get('actor');
  const { results: matches } = await deps.matching.matchesForNeed(actor, needId, { limit: MATCH_LIMIT });
  const views = await Promise.all(
    matches.map(async (match): Promise<MatchView | null> => {
      // Each solution by the rules of its own page, so the list shows nothing its page would not.
      const [solution, { state: vendor }] = await Promise.all([
        visibleOrNull(deps.views.viewSolution(actor, match.solutionId)),
        getOrganization(deps.app, match.vendorId),
      ]);
      if (!solution) return null;
      return {
        match,
        title: solution.state.title,
        vendorName: vendor.name,
        priceWan: solution.state.priceWan,
        regionsServed: solution.state.regionsServed,
      };
    }),
  );
  return views.filter((view) => view !== null);
}

/**
 * One need as the viewer may see it, with what the viewer can do next: the owner edits, submits, sees
 * 云速配 results, similar cases and who took it up; staff review it and recommend; a vendor 揭榜.
 */
export async function renderNeedPage(
  deps: WebDeps,
  c: WebContext,
  needId: string,
  forms: NeedPageForms = {},
) {
  const app = deps.app;
  const actor = c.get('actor');
  const { state: need } = await deps.views.viewNeed(actor, needId);
  await recordContactViewed(app, requestContext(c), need);
  const { state: org } = await getOrganization(app, need.orgId);
  const outOfMarket =
    need.status === 'published' && isOutOfMarket(org.status)
      ? org.status === 'cancelled'
        ? '需求方机构已注销'
        : '需求方机构已被暂停'
      : null;
  const isOwner = actor.orgId === need.orgId;
  const isStaff = actor.role === 'staff';
  const isVendor = actor.role === 'vendor';
  const completeness = completenessFor(actor, need);
  const seesFollowUp = (isOwner || isStaff) && MATCHABLE.has(need.status);

  const [matches, cases, engagements, ownEngagements, ownSolutions, attachments] = await Promise.all([
    seesFollowUp ? matchViews(deps, c, need.id) : ([] as MatchView[]),
    seesFollowUp
      ? similarCases(deps.http.search, need, { limit: SIMILAR_CASES }).then((r) => r.results)
      : ([] as CaseSummary[]),
    isOwner || isStaff
      ? engagementsOf(deps.http.search, actor, { needId: need.id })
      : ([] as EngagementSummary[]),
    isVendor && actor.orgId
      ? engagementsOf(deps.http.search, actor, { needId: need.id, vendorId: actor.orgId })
      : ([] as EngagementSummary[]),
    isVendor && actor.orgId && need.status === 'published'
      ? solutionsPage(deps.http.search, actor, {
          vendorId: actor.orgId,
          status: 'published',
          pageSize: 100,
        }).then((r) => r.hits)
      : ([] as SolutionSummary[]),
    listingAttachments(deps, c, 'need', need.id),
  ]);
  const questions = await listQuestions(app, deps.views, actor, need.id);
  const reviews = await needReviewsView(deps, c, need);
  const askAs =
    isVendor && need.status === 'published' && !outOfMarket
      ? c.get('user')?.orgStatus === 'verified'
        ? 'form'
        : 'unverified'
      : null;
  const ownOpen = ownEngagements.find((e) => OPEN_ENGAGEMENT.has(e.status));
  // The list is newest first; reversed, the map ends up with each vendor's latest invitation.
  const invited =
    isOwner && need.status === 'published'
      ? new Map(
          (await listNeedInvitations(app, actor, need.id)).toReversed().map((i) => [i.vendorId, i.status]),
        )
      : null;
  const csrfToken = c.get('csrfToken');

  return page(
    c,
    need.title,
    <>
      <p class="small">
        <a href="/needs">场景需求</a> ›
      </p>
      <div class="spread">
        <h1>{need.title}</h1>
        <StatusBadge kind="need" status={need.status} />
      </div>
      {isOwner || isStaff ? <HistoryLink kind="need" id={need.id} /> : null}
      {outOfMarket ? (
        <div class="flash flash-info" role="note">
          {outOfMarket}，此需求暂不接受揭榜和提问，也不在公开的需求列表中。
        </div>
      ) : null}
      {(isOwner || isStaff) && need.status === 'rejected' && need.rejectionReason ? (
        <div class="flash flash-error" role="note">
          退回原因：{need.rejectionReason}
        </div>
      ) : null}
      <section class="card">
        <NeedFacts need={need} orgName={org.name} />
        <TechTags codes={need.technologies} />
        <h2 style="margin-top:16px">需求描述</h2>
        <p class="prose">{need.description}</p>
        <NeedBriefParts need={need} />
        {isOwner ? <OwnerActions need={need} csrfToken={csrfToken} /> : null}
        {isStaff ? (
          <p class="small" style="margin-top:12px">
            <a href={`/admin/audit/need-${need.id}`}>查看审计记录</a>
          </p>
        ) : null}
      </section>
      {completeness ? <CompletenessPanel completeness={completeness} /> : null}
      <AttachmentSection
        kind="need"
        listing={need}
        attachments={attachments}
        isOwner={isOwner}
        form={forms.attach ?? emptyForm}
        csrfToken={csrfToken}
      />
      {isStaff && need.status === 'submitted' ? (
        <StaffReview
          need={need}
          form={
            forms.reject ??
            (completeness ? { values: { reason: reasonFromHints(completeness) }, errors: [] } : emptyForm)
          }
          csrfToken={csrfToken}
        />
      ) : null}
      {isVendor && need.status === 'published' ? (
        <section class="card" aria-labelledby="apply-title">
          <h2 id="apply-title">揭榜</h2>
          {ownOpen ? (
            <p>
              您已对此需求揭榜：<a href={`/engagements/${ownOpen.id}`}>查看对接进展</a>
            </p>
          ) : outOfMarket ? (
            <p>{outOfMarket}，暂不能揭榜。</p>
          ) : (
            <ApplyForm
              need={need}
              solutions={ownSolutions}
              form={forms.apply ?? emptyForm}
              csrfToken={csrfToken}
            />
          )}
        </section>
      ) : null}
      {need.publishedAt || questions.length > 0 ? (
        <QuestionSection
          needId={need.id}
          questions={questions}
          ask={askAs}
          isOwner={isOwner}
          forms={forms}
          csrfToken={csrfToken}
        />
      ) : null}
      <NeedReviews view={reviews} needId={need.id} csrfToken={csrfToken} />
      <PilotsSection
        need={need}
        engagements={engagements}
        seesPilots={isOwner || isStaff}
        canSelect={isOwner}
        csrfToken={csrfToken}
      />
      {isOwner || isStaff ? (
        <section class="card" aria-labelledby="engagements-title">
          <h2 id="engagements-title">揭榜与对接</h2>
          <EngagementTable engagements={engagements} show="vendor" />
        </section>
      ) : null}
      {seesFollowUp ? (
        <section class="card" aria-labelledby="matches-title">
          <h2 id="matches-title">云速配推荐方案</h2>
          <p class="muted small">按综合匹配度排序；每项理由显示该因素的得分与权重。</p>
          <MatchList
            matches={matches}
            csrfToken={csrfToken}
            {...(isStaff ? { recommendAction: `/needs/${need.id}/recommend` } : {})}
            {...(invited ? { invite: { action: `/needs/${need.id}/invite`, invited } } : {})}
          />
        </section>
      ) : null}
      {seesFollowUp ? (
        <section class="card" aria-labelledby="cases-title">
          <h2 id="cases-title">他地同类案例（一地创新、多地复用）</h2>
          <CaseList cases={cases} />
        </section>
      ) : null}
      {need.updatedAt ? <p class="muted small">最后更新：{formatDateTime(need.updatedAt)}</p> : null}
    </>,
    forms.reject || forms.apply || forms.attach || forms.ask || forms.answer ? 422 : 200,
  );
}
