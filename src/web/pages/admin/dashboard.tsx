import { Hono } from 'hono';
import { cityRankings } from '../../../application/queries/city-rankings.js';
import { PUBLIC_NEED_STATUSES } from '../../../application/queries/documents.js';
import { listOrganizations } from '../../../application/queries/organizations-query.js';
import { type PlatformStats, platformStats } from '../../../application/queries/platform-stats.js';
import { staffDutiesOf } from '../../../application/staff-duties.js';
import { staffScopeOf } from '../../../application/staff-scope.js';
import { PROVINCE } from '../../../domain/shared/scope.js';
import type { TaxonomyKind } from '../../../domain/shared/taxonomy.js';
import type { OrganizationDocument } from '../../../projections/organizations-projection.js';
import { amountOverTime, columns, type Datum, funnel, horizontalBars } from '../../charts.js';
import { cityLabel, currentCities } from '../../city-names.js';
import { Chart } from '../../components/chart.js';
import type { WebDeps } from '../../deps.js';
import type { WebEnv } from '../../env.js';
import { requireUser } from '../../errors.js';
import { formatDateTime, formatWan, termLabel } from '../../format.js';
import { orgKindLabels } from '../../labels.js';
import { page } from '../../render.js';
import { CityFigures } from './city-figures.js';

/** 百城牵手万项: a hundred cities, ten thousand projects. */
const CITY_GOAL = 100;
const PROJECT_GOAL = 10_000;

const funnelLabels: Record<string, string> = {
  opened: '揭榜与推荐',
  shortlisted: '入围',
  meeting_scheduled: '约谈',
  signed: '签约',
  delivered: '交付',
  rated: '双方评价',
};

function byLabel(counts: Record<string, number>, kind: TaxonomyKind): Datum[] {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([code, value]) => ({ label: termLabel(kind, code), value }));
}

function Goal({ label, value, goal }: { label: string; value: number; goal: number }) {
  const percent = Math.min(100, (value / goal) * 100);
  return (
    <div class="card">
      <div class="spread">
        <strong>{label}</strong>
        <span>
          <b class="score">{value}</b> / {goal.toLocaleString('zh-CN')}
        </span>
      </div>
      <progress class="progress" max={goal} value={value} aria-label={label}>
        {percent.toFixed(1)}%
      </progress>
    </div>
  );
}

function Rankings({ stats }: { stats: PlatformStats }) {
  return (
    <div class="grid">
      <section class="card" aria-labelledby="vendor-ranking">
        <h2 id="vendor-ranking">服务商打榜（按交付项目、评分）</h2>
        {stats.vendorRanking.length === 0 ? (
          <p class="muted">暂无交付项目。</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    名次
                  </th>
                  <th scope="col">服务商</th>
                  <th scope="col" class="num">
                    交付
                  </th>
                  <th scope="col" class="num">
                    评分
                  </th>
                </tr>
              </thead>
              <tbody>
                {stats.vendorRanking.map((v, i) => (
                  <tr>
                    <td class="num">{i + 1}</td>
                    <td>
                      <a href={`/vendors/${v.vendorId}`}>{v.name}</a>
                    </td>
                    <td class="num">{v.deliveredCount}</td>
                    <td class="num">{v.ratingAvg === null ? '—' : v.ratingAvg.toFixed(1)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="card" aria-labelledby="scenario-ranking">
        <h2 id="scenario-ranking">场景打榜（按揭榜热度）</h2>
        {stats.scenarioRanking.length === 0 ? (
          <p class="muted">暂无揭榜。</p>
        ) : (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col" class="num">
                    名次
                  </th>
                  <th scope="col">场景需求</th>
                  <th scope="col">城市</th>
                  <th scope="col" class="num">
                    揭榜数
                  </th>
                </tr>
              </thead>
              <tbody>
                {stats.scenarioRanking.map((n, i) => (
                  <tr>
                    <td class="num">{i + 1}</td>
                    <td>
                      <a href={`/needs/${n.needId}`}>{n.title}</a>
                    </td>
                    <td>{cityLabel(n.city)}</td>
                    <td class="num">{n.engagementCount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

/** How many organizations the queue lists on the dashboard; the rest are on 机构认证. */
const PENDING_SHOWN = 5;

/** Organizations that registered and wait for staff to verify them before they may publish anything. */
function PendingOrganizations({ orgs, total }: { orgs: OrganizationDocument[]; total: number }) {
  return (
    <section class="card" aria-labelledby="pending-orgs">
      <div class="spread">
        <h2 id="pending-orgs">待认证机构</h2>
        <a href="/admin/orgs">全部 {total} 家</a>
      </div>
      {orgs.length === 0 ? (
        <p class="muted">暂无待认证的机构。</p>
      ) : (
        <ul class="listing">
          {orgs.map((org) => (
            <li class="spread">
              <a href={`/admin/orgs?id=${org.id}`}>{org.name}</a>
              <span class="muted small">
                {orgKindLabels[org.kind]} · 注册于 {formatDateTime(org.registeredAt)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** 运营后台 home: the queues to work on, the figures of the platform and its charts. */
export function dashboardPage({ app, http: { search } }: WebDeps) {
  const web = new Hono<WebEnv>();
  web.get('/admin', requireUser('staff'), async (c) => {
    const scope = await staffScopeOf(app, c.get('actor'));
    // 三员分立: each staff member is shown the work of their own duties.
    const duties = (await staffDutiesOf(app, c.get('actor'))) ?? [];
    const business = duties.includes('business');
    const accounts = duties.includes('accounts');
    const audit = duties.includes('audit');
    const security = duties.includes('security');
    // City staff see their own city's figures beside the province's.
    const city = scope !== null && scope !== PROVINCE ? scope : null;
    const [stats, pending, rankings] = await Promise.all([
      platformStats(search),
      listOrganizations(search, c.get('actor'), { status: 'pending', pageSize: PENDING_SHOWN }),
      city ? cityRankings(search, {}, currentCities()) : Promise.resolve([]),
    ]);
    const industries = byLabel(stats.needsByIndustry, 'industry');
    const cities = byLabel(stats.needsByCity, 'city').sort((a, b) => b.value - a.value);
    const stages = stats.engagementFunnel.map((s) => ({
      label: funnelLabels[s.stage] ?? s.stage,
      value: s.count,
    }));
    const months = stats.signedAmountByMonth.map((m) => ({ label: m.month, value: m.amountWan }));
    const queue = [
      { href: '/admin/review', label: '待审核需求', value: stats.needsByStatus.submitted ?? 0 },
      { href: '/admin/review', label: '待审核方案', value: stats.solutionsByStatus.submitted ?? 0 },
      { href: '/admin/orgs', label: '待认证机构', value: pending.total },
      {
        href: '/needs',
        label: '公开需求',
        value: PUBLIC_NEED_STATUSES.reduce((n, s) => n + (stats.needsByStatus[s] ?? 0), 0),
      },
      { href: '/admin', label: '签约金额', value: formatWan(stats.signedAmountWan) },
    ];
    return page(
      c,
      '运营后台',
      <>
        <div class="spread">
          <h1>运营后台</h1>
          <nav class="row" aria-label="运营功能">
            {business ? (
              <>
                <a href="/admin/review">审核队列</a>
                <a href="/admin/orgs">机构认证</a>
              </>
            ) : null}
            {accounts || security ? <a href="/admin/users">用户管理</a> : null}
            {accounts && scope === PROVINCE ? <a href="/admin/staff">新增工作人员</a> : null}
            {accounts ? <a href="/admin/experts">新增评审专家</a> : null}
            {business ? (
              <>
                <a href="/admin/campaigns">征集批次</a>
                <a href="/admin/audit">平台动态</a>
              </>
            ) : null}
            {scope === PROVINCE ? <a href="/admin/cities">省外城市</a> : null}
            {audit ? <a href="/security-log">安全日志</a> : null}
            {business ? (
              <a href="/admin/export.xlsx" download>
                导出 Excel
              </a>
            ) : null}
          </nav>
        </div>
        {business ? (
          <section class="stats" aria-label="工作量">
            {queue.map((q) => (
              <a class="card stat" href={q.href} style="text-decoration:none">
                <b data-testid={`figure-${q.label}`}>{q.value}</b>
                <span class="muted">{q.label}</span>
              </a>
            ))}
          </section>
        ) : null}
        {city ? <CityFigures city={city} rankings={rankings} /> : null}
        {business ? <PendingOrganizations orgs={pending.hits} total={pending.total} /> : null}
        <h2>百城牵手万项</h2>
        <div class="grid">
          <Goal label="牵手城市" value={stats.citiesMatched} goal={CITY_GOAL} />
          <Goal label="签约项目" value={stats.projectsMatched} goal={PROJECT_GOAL} />
        </div>
        <p class="muted small">
          牵手城市：至少有一项跨城市签约对接的城市，无论作为需求方所在城市还是服务商所在城市；签约项目：双方完成签约的对接。
          <a href="/rankings">城市打榜 ›</a>
        </p>
        <div class="charts">
          <Chart
            id="chart-industry"
            title="需求行业分布"
            svg={() => horizontalBars(industries)}
            data={industries}
          />
          <Chart id="chart-city" title="需求城市分布" svg={() => columns(cities)} data={cities} />
          <Chart id="chart-funnel" title="对接漏斗" svg={() => funnel(stages)} data={stages} />
          <Chart
            id="chart-amount"
            title="签约金额走势（万元）"
            svg={() => amountOverTime(stats.signedAmountByMonth)}
            data={months}
          />
        </div>
        <Rankings stats={stats} />
      </>,
    );
  });
  return web;
}
