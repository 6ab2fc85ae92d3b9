import { Hono } from 'hono';
import { needReviewQueue, solutionReviewQueue } from '../../../application/queries/scoped-queues.js';
import { staffScopeOf } from '../../../application/staff-scope.js';
import { assessNeed } from '../../../domain/need/completeness.js';
import { PROVINCE } from '../../../domain/shared/scope.js';
import { zhLabel } from '../../../domain/shared/taxonomy.js';
import { cityLabel, scopeName } from '../../city-names.js';
import { CsrfField } from '../../components/form.js';
import type { WebDeps } from '../../deps.js';
import type { WebEnv } from '../../env.js';
import { requireUser } from '../../errors.js';
import { formatDateTime, formatWanRange, labelsOf } from '../../format.js';
import { page } from '../../render.js';

const QUEUE_SIZE = 100;

function Approve({ action, csrfToken }: { action: string; csrfToken: string }) {
  return (
    <form method="post" action={action}>
      <CsrfField token={csrfToken} />
      <button type="submit" class="secondary">
        通过
      </button>
    </form>
  );
}

/**
 * 审核队列: submitted needs and solutions, oldest first, of the cities the staff member's scope covers;
 * rejecting (with a reason) happens on each page.
 */
export function reviewPage({ http: { search }, app }: WebDeps) {
  const web = new Hono<WebEnv>();
  web.get('/admin/review', requireUser('staff'), async (c) => {
    const actor = c.get('actor');
    const scope = (await staffScopeOf(app, actor)) ?? PROVINCE;
    const [needs, solutions] = await Promise.all([
      needReviewQueue(search, actor, scope, QUEUE_SIZE),
      solutionReviewQueue(search, actor, scope, QUEUE_SIZE),
    ]);
    const csrfToken = c.get('csrfToken');
    return page(
      c,
      '审核队列',
      <>
        <h1>审核队列</h1>
        <p class="muted">范围：{scopeName(scope)}</p>
        <section class="card" aria-labelledby="need-queue">
          <h2 id="need-queue">待审核场景需求（{needs.total}）</h2>
          {needs.total === 0 ? (
            <p class="muted">没有待审核的需求。</p>
          ) : (
            <div class="table-wrap">
              <table class="wide">
                <thead>
                  <tr>
                    <th scope="col">需求</th>
                    <th scope="col">需求方</th>
                    <th scope="col">城市 · 行业</th>
                    <th scope="col">预算</th>
                    <th scope="col">完整度</th>
                    <th scope="col">提交时间</th>
                    <th scope="col">操作</th>
                  </tr>
                </thead>
                <tbody>
                  {needs.hits.map((n) => (
                    <tr>
                      <td>
                        <a href={`/needs/${n.id}`}>{n.title}</a>
                      </td>
                      <td>{n.orgName}</td>
                      <td>
                        {cityLabel(n.city)} · {zhLabel('industry', n.industry)}
                      </td>
                      <td class="nowrap">{formatWanRange(n.budgetWan)}</td>
                      <td class="nowrap" data-completeness>
                        {assessNeed(n).score}
                      </td>
                      <td class="nowrap small">{formatDateTime(n.submittedAt ?? n.updatedAt)}</td>
                      <td>
                        <div class="row">
                          <Approve action={`/needs/${n.id}/approve`} csrfToken={csrfToken} />
                          <a href={`/needs/${n.id}#review-title`}>退回（附补充建议）…</a>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <section class="card" aria-labelledby="solution-queue">
          <h2 id="solution-queue">待审核解决方案（{solutions.total}）</h2>
          {solutions.total === 0 ? (
            <p class="muted">没有待审核的方案。</p>
          ) : (
            <div class="table-wrap">
              <table class="wide">
                <thead>
                  <tr>
                    <th scope="col">方案</th>
                    <th scope="col">服务商</th>
                    <th scope="col">核心技术</th>
                    <th scope="col">报价</th>
                    <th scope="col">操作</th>
                  </tr>
                </thead>
                <tbody>
                  {solutions.hits.map((s) => (
                    <tr>
                      <td>
                        <a href={`/solutions/${s.id}`}>{s.title}</a>
                      </td>
                      <td>{s.vendorName}</td>
                      <td>{labelsOf('technology', s.technologies)}</td>
                      <td class="nowrap">{formatWanRange(s.priceWan)}</td>
                      <td>
                        <div class="row">
                          <Approve action={`/solutions/${s.id}/approve`} csrfToken={csrfToken} />
                          <a href={`/solutions/${s.id}#review-title`}>退回…</a>
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </>,
    );
  });
  return web;
}
