import { Hono } from 'hono';
import { getCampaign } from '../../../application/campaign-service.js';
import type { MatchRoundService } from '../../../application/match-round-service.js';
import { getOrganization } from '../../../application/organization-service.js';
import type { ListPage } from '../../../application/queries/params.js';
import type { MatchRoundState } from '../../../domain/match-round/state.js';
import type { Actor } from '../../../domain/shared/actor.js';
import { DomainError } from '../../../domain/shared/errors.js';
import type { MatchRoundDocument } from '../../../projections/match-rounds-projection.js';
import { runAction } from '../../actions.js';
import { attempt } from '../../attempt.js';
import { StatusBadge } from '../../components/badge.js';
import { CsrfField, ErrorSummary, type FormState, NumberField } from '../../components/form.js';
import { HistoryLink } from '../../components/history-link.js';
import { Pagination } from '../../components/pagination.js';
import type { WebDeps } from '../../deps.js';
import type { WebEnv } from '../../env.js';
import { requireUser } from '../../errors.js';
import { readForm, toInput } from '../../form-input.js';
import { formatDateTime } from '../../format.js';
import { webMessages } from '../../messages.js';
import { page, redirectWith, requestContext, type WebContext } from '../../render.js';

const NEEDS_PER_PAGE = 20;
const REFRESH_SECONDS = 2;

type Titles = { needs: Map<string, string>; solutions: Map<string, string>; vendors: Map<string, string> };

/** The names the results show, read as the viewer may see each entity (a page of needs at a time). */
async function titlesOf(deps: WebDeps, actor: Actor, results: MatchRoundState['results']): Promise<Titles> {
  const solutionIds = new Set(results.flatMap((r) => r.recommendations.map((x) => x.solutionId)));
  const vendorIds = new Set(results.flatMap((r) => r.recommendations.map((x) => x.vendorId)));
  const read = async <T,>(ids: Iterable<string>, load: (id: string) => Promise<T>) =>
    new Map(await Promise.all([...ids].map(async (id) => [id, await load(id)] as const)));
  const [needs, solutions, vendors] = await Promise.all([
    read(
      results.map((r) => r.needId),
      async (id) => (await deps.views.viewNeed(actor, id)).state.title,
    ),
    read(solutionIds, async (id) => (await deps.views.viewSolution(actor, id)).state.title),
    read(vendorIds, async (id) => (await getOrganization(deps.app, id)).state.name),
  ]);
  return { needs, solutions, vendors };
}

function RoundForm({
  campaignId,
  form,
  csrfToken,
}: {
  campaignId: string;
  form: FormState;
  csrfToken: string;
}) {
  const fields = { topK: '每个需求推荐服务商数', capacityPerVendor: '每个服务商最多推荐次数' };
  return (
    <section class="card" aria-labelledby="round-form">
      <h2 id="round-form">运行新一轮匹配</h2>
      <p class="muted small">
        对本批次的每个需求推荐若干服务商；同一服务商在一轮中被推荐的次数有上限，避免推荐集中在少数大企业。
      </p>
      <ErrorSummary errors={form.errors} fields={fields} />
      <form
        method="post"
        action={`/admin/campaigns/${campaignId}/match-rounds`}
        class="inline-form"
        novalidate
      >
        <CsrfField token={csrfToken} />
        <NumberField name="topK" label={fields.topK} form={form} required min={1} step="1" />
        <NumberField
          name="capacityPerVendor"
          label={fields.capacityPerVendor}
          form={form}
          required
          min={1}
          step="1"
        />
        <button type="submit">开始匹配</button>
      </form>
    </section>
  );
}

/** The campaign's earlier rounds, newest first, each linking to its results. */
function RoundList({ rounds }: { rounds: ListPage<MatchRoundDocument> }) {
  return (
    <section class="card" aria-labelledby="rounds-title">
      <h2 id="rounds-title">已运行的匹配轮次（{rounds.total}）</h2>
      {rounds.hits.length === 0 ? (
        <p class="muted">本批次还没有运行过匹配。</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">发起时间</th>
                <th scope="col">状态</th>
                <th scope="col">参数</th>
                <th scope="col">需求</th>
                <th scope="col">推荐 / 已转对接</th>
              </tr>
            </thead>
            <tbody>
              {rounds.hits.map((round) => (
                <tr>
                  <td>
                    <a href={`/admin/match-rounds/${round.id}`}>{formatDateTime(round.startedAt)}</a>
                  </td>
                  <td>
                    <StatusBadge kind="matchRound" status={round.status} />
                  </td>
                  <td class="small">
                    每需求 {round.topK} 家，每服务商至多 {round.capacityPerVendor} 次
                  </td>
                  <td>
                    {round.progress.done} / {round.needCount}
                  </td>
                  <td>
                    {round.recommendationCount} / {round.engagedCount}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** Turns one recommendation into an engagement, or links to the engagement it already became. */
function EngageButton({
  round,
  needId,
  solutionId,
  csrfToken,
}: {
  round: MatchRoundState;
  needId: string;
  solutionId: string;
  csrfToken: string;
}) {
  const engaged = round.engaged.find((e) => e.needId === needId && e.solutionId === solutionId);
  if (engaged) return <a href={`/engagements/${engaged.engagementId}`}>已转为对接</a>;
  if (round.status !== 'completed') return null;
  return (
    <form method="post" action={`/admin/match-rounds/${round.id}/engage`}>
      <CsrfField token={csrfToken} />
      <input type="hidden" name="needId" value={needId} />
      <input type="hidden" name="solutionId" value={solutionId} />
      <button type="submit" class="secondary">
        转为对接
      </button>
    </form>
  );
}

function RoundResults({
  round,
  titles,
  pageNumber,
  csrfToken,
}: {
  round: MatchRoundState;
  titles: Titles;
  pageNumber: number;
  csrfToken: string;
}) {
  const shown = round.results.slice((pageNumber - 1) * NEEDS_PER_PAGE, pageNumber * NEEDS_PER_PAGE);
  return (
    <section class="card" aria-labelledby="results-title">
      <div class="spread">
        <h2 id="results-title">匹配结果（{round.results.length} 个需求）</h2>
        {round.status === 'completed' ? (
          <form method="post" action={`/admin/match-rounds/${round.id}/engage-all`}>
            <CsrfField token={csrfToken} />
            <button type="submit">全部转为对接</button>
          </form>
        ) : null}
      </div>
      <div class="table-wrap">
        <table class="wide">
          <thead>
            <tr>
              <th scope="col">需求</th>
              <th scope="col">推荐方案（服务商）</th>
              <th scope="col" class="num">
                匹配度
              </th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {shown.flatMap((result) =>
              result.recommendations.length === 0
                ? [
                    <tr>
                      <td>
                        <a href={`/needs/${result.needId}`}>{titles.needs.get(result.needId)}</a>
                      </td>
                      <td colspan={3} class="muted">
                        没有合适的方案
                      </td>
                    </tr>,
                  ]
                : result.recommendations.map((r, i) => (
                    <tr>
                      {i === 0 ? (
                        <td rowspan={result.recommendations.length}>
                          <a href={`/needs/${result.needId}`}>{titles.needs.get(result.needId)}</a>
                        </td>
                      ) : null}
                      <td>
                        <a href={`/solutions/${r.solutionId}`}>{titles.solutions.get(r.solutionId)}</a>
                        <div class="small muted">{titles.vendors.get(r.vendorId)}</div>
                      </td>
                      <td class="num">{Math.round(r.score * 100)}</td>
                      <td>
                        <EngageButton
                          round={round}
                          needId={result.needId}
                          solutionId={r.solutionId}
                          csrfToken={csrfToken}
                        />
                      </td>
                    </tr>
                  )),
            )}
          </tbody>
        </table>
      </div>
      <Pagination
        page={pageNumber}
        pageSize={NEEDS_PER_PAGE}
        total={round.results.length}
        href={(p) => `/admin/match-rounds/${round.id}?page=${p}`}
      />
    </section>
  );
}

/** 云速配 match rounds over a campaign: run with parameters, follow progress, turn results into engagements. */
export function matchRoundPages(deps: WebDeps) {
  const app = deps.app;
  const web = new Hono<WebEnv>();

  const campaignPage = async (c: WebContext, campaignId: string, form: FormState) => {
    const { state: campaign } = await getCampaign(app, campaignId);
    const rounds = await deps.matchRounds.list(requestContext(c), campaignId, { pageSize: 50 });
    return page(
      c,
      `云速配匹配：${campaign.title}`,
      <>
        <p class="small">
          <a href={`/campaigns/${campaignId}`}>{campaign.title}</a> ›
        </p>
        <h1>云速配匹配轮次</h1>
        <RoundForm campaignId={campaignId} form={form} csrfToken={c.get('csrfToken')} />
        <RoundList rounds={rounds} />
      </>,
      form.errors.length > 0 ? 422 : 200,
    );
  };

  web.get('/admin/campaigns/:id/match-rounds', requireUser('staff'), (c) =>
    campaignPage(c, c.req.param('id'), { values: { topK: '3', capacityPerVendor: '5' }, errors: [] }),
  );

  web.post('/admin/campaigns/:id/match-rounds', requireUser('staff'), async (c) => {
    const campaignId = c.req.param('id');
    const values = await readForm(c);
    const input = toInput(values, { topK: 'number', capacityPerVendor: 'number' });
    const started = await attempt(() =>
      deps.matchRounds.start(
        requestContext(c),
        campaignId,
        input as Parameters<MatchRoundService['start']>[2],
      ),
    );
    if (!started.ok) return campaignPage(c, campaignId, { values, errors: started.errors });
    return redirectWith(c, `/admin/match-rounds/${started.value.id}`, {
      tone: 'success',
      text: webMessages.matchRoundStarted,
    });
  });

  web.get('/admin/match-rounds/:id', requireUser('staff'), async (c) => {
    const { state: round } = await deps.matchRounds.get(requestContext(c), c.req.param('id'));
    const pages = Math.max(1, Math.ceil(round.results.length / NEEDS_PER_PAGE));
    const pageNumber = Math.min(pages, Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
    const shown = round.results.slice((pageNumber - 1) * NEEDS_PER_PAGE, pageNumber * NEEDS_PER_PAGE);
    const titles = await titlesOf(deps, c.get('actor'), shown);
    const { done, total } = round.progress;
    const percent = total > 0 ? Math.round((done / total) * 100) : round.status === 'running' ? 0 : 100;
    return page(
      c,
      '匹配轮次',
      <>
        <p class="small">
          <a href={`/admin/campaigns/${round.campaignId}/match-rounds`}>云速配匹配轮次</a> ›
        </p>
        <div class="spread">
          <h1>匹配轮次 {formatDateTime(round.startedAt)}</h1>
          <StatusBadge kind="matchRound" status={round.status} />
        </div>
        <p class="row">
          <HistoryLink kind="match-round" id={round.id} />
          <a href={`/admin/match-rounds/${round.id}/export.xlsx`} class="small" download>
            导出匹配结果 Excel
          </a>
        </p>
        <section class="card" aria-labelledby="progress-title">
          <h2 id="progress-title">进度</h2>
          <progress class="progress" max={100} value={percent} aria-label="匹配进度">
            {percent}%
          </progress>
          <p class="small muted" style="margin-top:6px">
            已匹配 {done} / {total} 个需求
            {round.status === 'running' ? `，页面每 ${REFRESH_SECONDS} 秒自动刷新` : ''}
            {round.status === 'failed' ? `。本轮匹配失败：${round.failureReason ?? ''}` : ''}
          </p>
        </section>
        {round.status === 'running' ? null : (
          <RoundResults
            round={round}
            titles={titles}
            pageNumber={pageNumber}
            csrfToken={c.get('csrfToken')}
          />
        )}
      </>,
      200,
      round.status === 'running' ? { refreshSeconds: REFRESH_SECONDS } : {},
    );
  });

  web.post('/admin/match-rounds/:id/engage', requireUser('staff'), async (c) => {
    const id = c.req.param('id');
    const input = toInput(await readForm(c), { needId: 'text', solutionId: 'text' });
    return runAction(
      c,
      () =>
        deps.matchRounds.engage(requestContext(c), id, input as Parameters<MatchRoundService['engage']>[2]),
      { to: `/admin/match-rounds/${id}`, success: webMessages.engagementDone.recommend },
    );
  });

  web.post('/admin/match-rounds/:id/engage-all', requireUser('staff'), async (c) => {
    const ctx = requestContext(c);
    const { state: round } = await deps.matchRounds.get(ctx, c.req.param('id'));
    let made = 0;
    let refused = 0;
    // One after another: each engagement reserves its need-and-vendor slot, and the round records it.
    for (const result of round.results) {
      for (const r of result.recommendations) {
        if (round.engaged.some((e) => e.needId === result.needId && e.solutionId === r.solutionId)) continue;
        try {
          await deps.matchRounds.engage(ctx, round.id, { needId: result.needId, solutionId: r.solutionId });
          made += 1;
        } catch (error) {
          // Already taken up by the vendor, or the need moved on: nothing to engage there.
          if (!(error instanceof DomainError)) throw error;
          refused += 1;
        }
      }
    }
    const text = webMessages.recommendedAll(made, refused);
    return redirectWith(c, `/admin/match-rounds/${round.id}`, {
      tone: refused > 0 ? 'info' : 'success',
      text,
    });
  });

  return web;
}
