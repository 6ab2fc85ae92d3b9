import { Hono } from 'hono';
import { StatusBadge } from '../components/badge.js';
import { EngagementTable } from '../components/engagements.js';
import { FactorBars } from '../components/factor-bars.js';
import { WebhooksLink } from '../components/webhooks-link.js';
import type { WebDeps } from '../deps.js';
import type { NeedSummary, SolutionSummary } from '../documents.js';
import type { SessionUser, WebEnv } from '../env.js';
import { requireUser } from '../errors.js';
import { formatDateTime, formatWanRange } from '../format.js';
import { engagementsOf, needsPage, solutionsPage } from '../reads.js';
import { currentUser, page, type WebContext } from '../render.js';

const RECOMMENDED_LIMIT = 5;

function OrgNotice({ user }: { user: SessionUser }) {
  if (user.orgStatus === 'verified') return null;
  if (user.orgStatus === 'suspended') {
    return (
      <div class="flash flash-error" role="note">
        您的机构已被平台暂停，暂不能提交或揭榜。
      </div>
    );
  }
  return (
    <div class="flash flash-info" role="note">
      您的机构正在等待平台认证。认证通过前可以编辑草稿，认证后才能提交审核或揭榜。办理认证时请向平台工作人员提供机构编号：
      <code data-testid="org-id">{user.orgId}</code>
    </div>
  );
}

function ListingTable({
  rows,
  base,
}: {
  rows: (NeedSummary | SolutionSummary)[];
  base: '/needs' | '/solutions';
}) {
  if (rows.length === 0) return <p class="muted">还没有内容。</p>;
  const kind = base === '/needs' ? 'need' : 'solution';
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">标题</th>
            <th scope="col">{kind === 'need' ? '预算' : '报价'}</th>
            <th scope="col">状态</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <td>
                <a href={`${base}/${row.id}`}>{row.title}</a>
              </td>
              <td class="nowrap">{formatWanRange('budgetWan' in row ? row.budgetWan : row.priceWan)}</td>
              <td>
                <StatusBadge kind={kind} status={row.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

async function demanderWorkspace(deps: WebDeps, c: WebContext, user: SessionUser) {
  const actor = c.get('actor');
  const orgId = user.orgId!;
  const [needs, engagements] = await Promise.all([
    needsPage(deps.http.search, actor, { orgId, sort: 'updatedAt:desc', pageSize: 100 }),
    engagementsOf(deps.http.search, actor, { demanderOrgId: orgId }),
  ]);
  return page(
    c,
    '我的需求',
    <>
      <div class="spread">
        <h1>{user.orgName} · 我的需求</h1>
        <a class="button" href="/needs/new">
          发布场景需求
        </a>
      </div>
      <OrgNotice user={user} />
      <WebhooksLink />
      <section class="card" aria-labelledby="needs-title">
        <h2 id="needs-title">场景需求（{needs.total}）</h2>
        <ListingTable rows={needs.hits} base="/needs" />
      </section>
      <section class="card" aria-labelledby="engagements-title">
        <h2 id="engagements-title">揭榜与对接</h2>
        <EngagementTable engagements={engagements} show="both" />
      </section>
    </>,
  );
}

async function vendorWorkspace(deps: WebDeps, c: WebContext, user: SessionUser) {
  const actor = c.get('actor');
  const orgId = user.orgId!;
  const [solutions, recommended, engagements] = await Promise.all([
    solutionsPage(deps.http.search, actor, { vendorId: orgId, sort: 'updatedAt:desc', pageSize: 100 }),
    deps.matching.recommendedNeeds(actor, orgId, { limit: RECOMMENDED_LIMIT }).then((r) => r.results),
    engagementsOf(deps.http.search, actor, { vendorId: orgId }),
  ]);
  // Each need as this vendor may see it, by the same rules as the need's own page.
  const recommendedNeeds = await Promise.all(
    recommended.map(async (match) => ({
      match,
      need: (await deps.views.viewNeed(actor, match.needId)).state,
    })),
  );
  return page(
    c,
    '服务商工作台',
    <>
      <div class="spread">
        <h1>{user.orgName} · 服务商工作台</h1>
        <div class="row">
          <a class="button secondary" href={`/vendors/${orgId}`}>
            查看我的公开画像
          </a>
          <a class="button" href="/solutions/new">
            发布解决方案
          </a>
        </div>
      </div>
      <OrgNotice user={user} />
      <WebhooksLink />
      <section class="card" aria-labelledby="recommended-title">
        <h2 id="recommended-title">云速配为您推荐的需求</h2>
        {recommendedNeeds.length === 0 ? (
          <p class="muted">暂无推荐。发布方案后，平台会按方案为您匹配需求。</p>
        ) : (
          <ol class="listing">
            {recommendedNeeds.map(({ match, need }) => (
              <li>
                <div class="spread">
                  <h3>
                    <a href={`/needs/${need.id}`}>{need.title}</a>
                  </h3>
                  <span class="score">{Math.round(match.score * 100)} 分</span>
                </div>
                <div class="meta">
                  <span>预算 {formatWanRange(need.budgetWan)}</span>
                  {need.publishedAt ? <span>发布于 {formatDateTime(need.publishedAt)}</span> : null}
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
      <section class="card" aria-labelledby="solutions-title">
        <h2 id="solutions-title">我的解决方案（{solutions.total}）</h2>
        <ListingTable rows={solutions.hits} base="/solutions" />
      </section>
      <section class="card" aria-labelledby="engagements-title">
        <h2 id="engagements-title">我的揭榜与对接</h2>
        <EngagementTable engagements={engagements} show="need" />
      </section>
    </>,
  );
}

/** The signed-in member's own work: a demander's needs, a vendor's solutions and recommendations. */
export function workspacePages(deps: WebDeps) {
  const web = new Hono<WebEnv>();
  web.get('/my', requireUser(), (c) => {
    const user = currentUser(c);
    if (user.role === 'staff') return c.redirect('/admin', 303);
    if (user.role === 'expert') return c.redirect('/me/reviews', 303);
    return user.role === 'vendor' ? vendorWorkspace(deps, c, user) : demanderWorkspace(deps, c, user);
  });
  return web;
}
