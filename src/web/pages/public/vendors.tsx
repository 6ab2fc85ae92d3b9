import { Hono } from 'hono';
import { searchCases } from '../../../application/queries/cases-query.js';
import { getVendorProfile } from '../../../application/queries/vendors-query.js';
import { cityLabel } from '../../city-names.js';
import { StatusBadge } from '../../components/badge.js';
import { CaseList } from '../../components/cases.js';
import { HistoryLink } from '../../components/history-link.js';
import { SolutionItem } from '../../components/listings.js';
import type { WebDeps } from '../../deps.js';
import type { WebEnv } from '../../env.js';
import { labelsOf, regionsLabel } from '../../format.js';
import { statusLabel } from '../../labels.js';
import { page } from '../../render.js';

const CASES_SHOWN = 20;

/** A vendor's profile (画像) as `GET /api/v1/vendors/:orgId` gives it, the same for the vendor itself. */
export function vendorPages({ http: { search } }: WebDeps) {
  const web = new Hono<WebEnv>();
  web.get('/vendors/:orgId', async (c) => {
    const actor = c.get('actor');
    const profile = await getVendorProfile(search, actor, c.req.param('orgId'));
    const cases = await searchCases(search, { vendorId: profile.id, pageSize: CASES_SHOWN });
    const { solutions } = profile;
    const engagementCounts = Object.entries(profile.engagementsByStatus).filter(([, n]) => n > 0);
    if (profile.status === 'cancelled') {
      return page(
        c,
        profile.name,
        <>
          <div class="spread">
            <h1>{profile.name}</h1>
            <StatusBadge kind="organization" status={profile.status} />
          </div>
          <p class="card">该机构已注销，不再提供解决方案与对接。</p>
        </>,
      );
    }
    return page(
      c,
      profile.name,
      <>
        <div class="spread">
          <h1>{profile.name}</h1>
          <StatusBadge kind="organization" status={profile.status} />
        </div>
        {actor.role === 'staff' || actor.orgId === profile.id ? (
          <HistoryLink kind="org" id={profile.id} />
        ) : null}
        <section class="stats" aria-label="服务商数据">
          <div class="card stat">
            <b>{profile.solutionCount}</b>
            <span class="muted">上架方案</span>
          </div>
          <div class="card stat">
            <b>{profile.deliveredCount}</b>
            <span class="muted">交付项目</span>
          </div>
          <div class="card stat">
            <b>
              {profile.ratingAvg === null || profile.ratingCount === 0 ? '—' : profile.ratingAvg.toFixed(1)}
            </b>
            <span class="muted">平均评分（{profile.ratingCount}条评价）</span>
          </div>
        </section>
        <section class="card">
          <dl class="facts">
            <dt>所在城市</dt>
            <dd>{cityLabel(profile.city)}市</dd>
            <dt>资质</dt>
            <dd>{labelsOf('qualification', profile.qualifications)}</dd>
            <dt>服务行业</dt>
            <dd>{labelsOf('industry', profile.industries)}</dd>
            <dt>核心技术</dt>
            <dd>{labelsOf('technology', profile.technologies)}</dd>
            <dt>服务城市</dt>
            <dd>{regionsLabel(profile.citiesServed)}</dd>
            <dt>对接情况</dt>
            <dd>
              {engagementCounts.length === 0
                ? '暂无'
                : engagementCounts
                    .map(([status, n]) => `${statusLabel('engagement', status)} ${n}`)
                    .join('，')}
            </dd>
          </dl>
          {profile.description ? (
            <p class="prose" style="margin-top:12px">
              {profile.description}
            </p>
          ) : null}
        </section>
        <section class="card" aria-labelledby="vendor-solutions">
          <h2 id="vendor-solutions">上架方案</h2>
          {solutions.length === 0 ? <p class="muted">暂无上架方案。</p> : null}
          <ul class="listing">
            {solutions.map((solution) => (
              <SolutionItem solution={solution} />
            ))}
          </ul>
        </section>
        <section class="card" aria-labelledby="vendor-cases">
          <h2 id="vendor-cases">典型案例（{cases.total}）</h2>
          {cases.total === 0 ? <p class="muted">暂无典型案例。</p> : <CaseList cases={cases.hits} />}
        </section>
      </>,
    );
  });
  return web;
}
