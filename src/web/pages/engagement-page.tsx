import { caseOfEngagement } from '../../application/case-service.js';
import type { NeedAsSeen } from '../../application/entity-views.js';
import { getOrganization } from '../../application/organization-service.js';
import { recordContactViewed } from '../../application/security-log.js';
import type { CaseState } from '../../domain/case/state.js';
import type { Side } from '../../domain/engagement/events.js';
import { meetingDayReached } from '../../domain/engagement/meeting-day.js';
import type { EngagementState } from '../../domain/engagement/state.js';
import { UNSIGNED_STATUSES } from '../../domain/engagement/state.js';
import { StatusBadge } from '../components/badge.js';
import {
  CsrfField,
  ErrorSummary,
  emptyForm,
  type FormState,
  NumberField,
  SelectField,
  TextArea,
  TextField,
} from '../components/form.js';
import { HistoryLink } from '../components/history-link.js';
import type { WebDeps } from '../deps.js';
import { contactLine, formatDateTime, formatWan } from '../format.js';
import { sideLabels, statusLabel } from '../labels.js';
import { page, requestContext, type WebContext } from '../render.js';

/** The engagement's steps that take input; each may come back with errors. */
export type EngagementForm =
  | 'decline'
  | 'withdraw'
  | 'accept'
  | 'schedule-meeting'
  | 'sign'
  | 'rate'
  | 'promote-case';
export type EngagementForms = Partial<Record<EngagementForm, FormState>>;

export const engagementFieldLabels: Record<EngagementForm, Record<string, string>> = {
  decline: { reason: '婉拒原因' },
  withdraw: { reason: '撤回原因' },
  accept: { proposal: '揭榜方案说明', quoteWan: '报价（万元）' },
  'schedule-meeting': { at: '约谈时间', location: '约谈地点' },
  sign: { amountWan: '合同金额（万元）' },
  rate: { score: '评分', comment: '评价' },
  'promote-case': { title: '案例标题', summary: '案例摘要' },
};

const pilotOutcomeLabels = {
  running: '试点中，待需求方选定',
  selected: '已入选，按签约继续实施',
  not_selected: '试点结束（未入选）',
};

const scoreOptions = [5, 4, 3, 2, 1].map((n) => ({ value: String(n), label: `${'★'.repeat(n)}（${n}分）` }));

function StepForm({
  id,
  step,
  title,
  button,
  form,
  csrfToken,
  tone,
  children,
}: {
  id: string;
  step: EngagementForm | 'shortlist' | 'deliver' | 'withdraw-signature';
  title: string;
  button: string;
  form?: FormState;
  csrfToken: string;
  tone?: 'secondary' | 'danger';
  children?: unknown;
}) {
  const fields = step in engagementFieldLabels ? engagementFieldLabels[step as EngagementForm] : {};
  const body = (
    <>
      {form ? <ErrorSummary errors={form.errors} fields={fields} /> : null}
      <form method="post" action={`/engagements/${id}/${step}`} class="form" novalidate>
        <CsrfField token={csrfToken} />
        {children}
        <button type="submit" class={tone}>
          {button}
        </button>
      </form>
    </>
  );
  // Ending an engagement is the exception: folded away unless it came back with errors.
  if (tone === 'danger') {
    return (
      <section class="card" aria-label={title}>
        <details open={Boolean(form && form.errors.length > 0)}>
          <summary>{title}</summary>
          {body}
        </details>
      </section>
    );
  }
  return (
    <section class="card" aria-label={title}>
      <h3>{title}</h3>
      {body}
    </section>
  );
}

function sideOf(actorOrgId: string | null, engagement: EngagementState): Side | null {
  if (actorOrgId === engagement.needOrgId) return 'demander';
  if (actorOrgId === engagement.vendorId) return 'vendor';
  return null;
}

function Steps({
  e,
  side,
  isStaff,
  promoted,
  now,
  forms,
  csrfToken,
}: {
  e: EngagementState;
  side: Side | null;
  isStaff: boolean;
  promoted: CaseState | null;
  now: Date;
  forms: EngagementForms;
  csrfToken: string;
}) {
  const form = (name: EngagementForm) => forms[name] ?? emptyForm;
  const common = { id: e.id, csrfToken };
  const open = UNSIGNED_STATUSES.has(e.status);
  const talking = e.status === 'shortlisted' || e.status === 'meeting_scheduled';
  const rated = side ? Boolean(e.ratings[side]) : true;
  const signedByMe = side ? e.signatures[side] : undefined;
  const meetingAhead = !meetingDayReached(e.meeting, now);
  return (
    <>
      {side === 'demander' && (e.status === 'applied' || e.status === 'recommended') ? (
        <StepForm {...common} step="shortlist" title="入围" button="列入入围名单">
          <div class="field">
            <label>
              <input type="checkbox" id="f-shareContact" name="shareContact" value="yes" />
              同意向该服务商提供本需求的联系人姓名、电话和邮箱
            </label>
            <p class="hint">
              单独同意（《个人信息保护法》）：不勾选也可入围，服务商将看到“需求方未同意共享联系方式”。
            </p>
          </div>
        </StepForm>
      ) : null}
      {side === 'vendor' && e.status === 'recommended' ? (
        <StepForm {...common} step="accept" title="接受平台推荐" button="接受并揭榜" form={form('accept')}>
          <TextArea
            name="proposal"
            label="揭榜方案说明"
            form={form('accept')}
            required
            rows={4}
            maxLength={2000}
          />
          <NumberField name="quoteWan" label="报价（万元）" form={form('accept')} required min={0} />
        </StepForm>
      ) : null}
      {side && talking ? (
        <StepForm
          {...common}
          step="schedule-meeting"
          title={e.meeting ? '重新安排约谈' : '安排约谈'}
          button="确定约谈"
          form={form('schedule-meeting')}
        >
          <div class="pair">
            <TextField
              name="at"
              label="约谈时间"
              type="datetime-local"
              form={form('schedule-meeting')}
              required
              hint="北京时间"
            />
            <TextField
              name="location"
              label="约谈地点"
              form={form('schedule-meeting')}
              required
              maxLength={200}
            />
          </div>
        </StepForm>
      ) : null}
      {side && e.status === 'meeting_scheduled' && signedByMe ? (
        <StepForm
          {...common}
          step="withdraw-signature"
          title="更正合同金额"
          button="撤回我的金额"
          tone="secondary"
        >
          <p class="muted small">
            您确认的合同金额为 {formatWan(signedByMe.amountWan)}
            。双方金额一致之前，您可以撤回后重新填写。
          </p>
        </StepForm>
      ) : null}
      {side && e.status === 'meeting_scheduled' && !signedByMe ? (
        <StepForm {...common} step="sign" title="确认签约" button="确认签约" form={form('sign')}>
          <p class="muted small">双方确认相同的合同金额后，对接即为已签约，需求进入实施。</p>
          <NumberField name="amountWan" label="合同金额（万元）" form={form('sign')} required min={0} />
        </StepForm>
      ) : null}
      {side === 'demander' && e.status === 'signed' && e.pilot && e.pilotOutcome === null ? (
        <section class="card" aria-label="赛马试点">
          <h3>赛马试点</h3>
          <p class="muted">
            这是赛马中的试点协议：在<a href={`/needs/${e.needId}`}>需求页</a>
            选定一家服务商后，入选的试点才能确认交付。
          </p>
        </section>
      ) : null}
      {side === 'demander' &&
      e.status === 'signed' &&
      !meetingAhead &&
      (!e.pilot || e.pilotOutcome === 'selected') ? (
        <StepForm {...common} step="deliver" title="确认交付" button="确认项目已交付" />
      ) : null}
      {side === 'demander' &&
      e.status === 'signed' &&
      meetingAhead &&
      e.meeting &&
      (!e.pilot || e.pilotOutcome === 'selected') ? (
        <section class="card" aria-label="确认交付">
          <h3>确认交付</h3>
          <p class="muted">约谈日（{formatDateTime(e.meeting.at)}）起才能确认交付。</p>
        </section>
      ) : null}
      {side && (e.status === 'delivered' || e.status === 'rated') && !rated ? (
        <StepForm {...common} step="rate" title="评价对方" button="提交评价" form={form('rate')}>
          <SelectField name="score" label="评分" form={form('rate')} required options={scoreOptions} />
          <TextArea name="comment" label="评价" form={form('rate')} rows={3} maxLength={500} />
        </StepForm>
      ) : null}
      {side === 'demander' && open ? (
        <StepForm
          {...common}
          step="decline"
          title="婉拒此对接…"
          button="婉拒此对接"
          tone="danger"
          form={form('decline')}
        >
          <TextArea name="reason" label="婉拒原因" form={form('decline')} required rows={2} maxLength={500} />
        </StepForm>
      ) : null}
      {side === 'vendor' && open ? (
        <StepForm
          {...common}
          step="withdraw"
          title="撤回揭榜…"
          button="撤回揭榜"
          tone="danger"
          form={form('withdraw')}
        >
          <TextArea
            name="reason"
            label="撤回原因"
            form={form('withdraw')}
            rows={2}
            maxLength={500}
            hint="可不填"
          />
        </StepForm>
      ) : null}
      {promoted ? (
        <section class="card" aria-label="典型案例">
          <h3>已入选典型案例库</h3>
          <p>
            <a href={`/cases/${promoted.id}`}>{promoted.title}</a>
          </p>
        </section>
      ) : null}
      {isStaff && e.status === 'rated' && !promoted ? (
        <StepForm
          {...common}
          step="promote-case"
          title="入选典型案例"
          button="入选案例库"
          form={form('promote-case')}
        >
          <TextField
            name="title"
            label="案例标题"
            form={form('promote-case')}
            maxLength={60}
            hint="不填则用需求标题"
          />
          <TextArea
            name="summary"
            label="案例摘要"
            form={form('promote-case')}
            required
            rows={4}
            maxLength={2000}
          />
        </StepForm>
      ) : null}
    </>
  );
}

/** The need's contact as the entity views gave it: shown, withheld without consent, or left out. */
function NeedContact({ need }: { need: NeedAsSeen }) {
  const shown = need.contact ? contactLine(need.contact) : need.contactWithheld;
  if (!shown) return null;
  return (
    <>
      <dt>需求方联系人</dt>
      <dd>{shown}</dd>
    </>
  );
}

function Facts({
  e,
  need,
  solutionTitle,
  demanderName,
  vendorName,
}: {
  e: EngagementState;
  need: NeedAsSeen;
  solutionTitle: string;
  demanderName: string;
  vendorName: string;
}) {
  const signatures = (Object.entries(e.signatures) as [Side, { amountWan: number; at: string }][]).map(
    ([side, s]) => `${sideLabels[side]} ${formatWan(s.amountWan)}（${formatDateTime(s.at)}）`,
  );
  const ratings = (Object.entries(e.ratings) as [Side, { score: number; comment: string }][]).map(
    ([side, r]) => `${sideLabels[side]}评分 ${r.score}${r.comment ? `：${r.comment}` : ''}`,
  );
  return (
    <dl class="facts">
      <dt>需求</dt>
      <dd>
        <a href={`/needs/${e.needId}`}>{need.title}</a>（{demanderName}）
      </dd>
      <NeedContact need={need} />
      <dt>方案</dt>
      <dd>
        <a href={`/solutions/${e.solutionId}`}>{solutionTitle}</a>（
        <a href={`/vendors/${e.vendorId}`}>{vendorName}</a>）
      </dd>
      <dt>来源</dt>
      <dd>{e.origin === 'recommended' ? '平台推荐' : '服务商揭榜'}</dd>
      {e.quoteWan !== null ? (
        <>
          <dt>报价</dt>
          <dd>{formatWan(e.quoteWan)}</dd>
        </>
      ) : null}
      {e.proposal ? (
        <>
          <dt>揭榜方案</dt>
          <dd class="prose">{e.proposal}</dd>
        </>
      ) : null}
      {e.meeting ? (
        <>
          <dt>约谈</dt>
          <dd>
            {formatDateTime(e.meeting.at)} · {e.meeting.location}
          </dd>
        </>
      ) : null}
      {signatures.length > 0 ? (
        <>
          <dt>签约确认</dt>
          <dd>{signatures.join('；')}</dd>
        </>
      ) : null}
      {e.pilot ? (
        <>
          <dt>赛马试点</dt>
          <dd>{pilotOutcomeLabels[e.pilotOutcome ?? 'running']}</dd>
        </>
      ) : null}
      {e.amountWan !== null ? (
        <>
          <dt>合同金额</dt>
          <dd>{formatWan(e.amountWan)}</dd>
        </>
      ) : null}
      {ratings.length > 0 ? (
        <>
          <dt>评价</dt>
          <dd>{ratings.join('；')}</dd>
        </>
      ) : null}
      {e.declineReason ? (
        <>
          <dt>婉拒原因</dt>
          <dd>{e.declineReason}</dd>
        </>
      ) : null}
      {e.withdrawReason ? (
        <>
          <dt>撤回原因</dt>
          <dd>{e.withdrawReason}</dd>
        </>
      ) : null}
    </dl>
  );
}

/** One engagement from 揭榜 to rating, with the next steps the viewer's side may take. */
export async function renderEngagementPage(
  deps: WebDeps,
  c: WebContext,
  id: string,
  forms: EngagementForms = {},
) {
  const { app, views } = deps;
  const actor = c.get('actor');
  const { state: e } = await views.viewEngagement(actor, id);
  // The linked listings are read with their rules: the need's contact only for those who may see it.
  const [need, solution, demander, vendor, promoted] = await Promise.all([
    views.viewNeed(actor, e.needId),
    views.viewSolution(actor, e.solutionId),
    getOrganization(app, e.needOrgId),
    getOrganization(app, e.vendorId),
    caseOfEngagement(app, e.id),
  ]);
  await recordContactViewed(app, requestContext(c), need.state);
  const side = sideOf(actor.orgId, e);
  const hasErrors = Object.values(forms).some((f) => f && f.errors.length > 0);
  return page(
    c,
    `对接：${need.state.title}`,
    <>
      <p class="small">
        <a href={side === 'vendor' ? '/my' : `/needs/${e.needId}`}>
          {side === 'vendor' ? '服务商工作台' : need.state.title}
        </a>{' '}
        ›
      </p>
      <div class="spread">
        <h1>对接详情</h1>
        <StatusBadge kind="engagement" status={e.status} />
      </div>
      {side || actor.role === 'staff' ? <HistoryLink kind="engagement" id={e.id} /> : null}
      <section class="card">
        <Facts
          e={e}
          need={need.state}
          solutionTitle={solution.state.title}
          demanderName={demander.state.name}
          vendorName={vendor.state.name}
        />
      </section>
      <Steps
        e={e}
        side={side}
        isStaff={actor.role === 'staff'}
        promoted={promoted}
        now={app.clock()}
        forms={forms}
        csrfToken={c.get('csrfToken')}
      />
      <section class="card" aria-labelledby="history-title">
        <h2 id="history-title">进展</h2>
        <ol class="timeline">
          {e.history.map((h) => (
            <li>
              <strong>{statusLabel('engagement', h.status)}</strong>{' '}
              <span class="muted small">{formatDateTime(h.at)}</span>
            </li>
          ))}
        </ol>
        {actor.role === 'staff' ? (
          <p class="small">
            <a href={`/admin/audit/engagement-${e.id}`}>查看审计记录</a>
          </p>
        ) : null}
      </section>
    </>,
    hasErrors ? 422 : 200,
  );
}
