import { Hono } from 'hono';
import { searchVendors, type VendorQuery } from '../../../application/queries/vendors-query.js';
import type { VendorDocument } from '../../../projections/vendors-projection.js';
import { cityLabel } from '../../city-names.js';
import { type FacetGroup, Facets } from '../../components/facets.js';
import { Pagination } from '../../components/pagination.js';
import type { WebDeps } from '../../deps.js';
import type { WebEnv } from '../../env.js';
import { labelsOf, regionsLabel, termLabel } from '../../format.js';
import { listingHref } from '../../listing-query.js';
import { page } from '../../render.js';

const PAGE_SIZE = 10;
const MAX_PAGE = 1000;
/** URL parameter → the query's parameter and the index facet whose counts it shows. */
const FILTERS = [
  { param: 'city', title: '所在地市', facet: 'city', kind: 'city' },
  { param: 'industry', title: '服务行业', facet: 'industries', kind: 'industry' },
  { param: 'technology', title: '核心技术', facet: 'technologies', kind: 'technology' },
  { param: 'qualification', title: '资质', facet: 'qualifications', kind: 'qualification' },
] as const;

const SORTS = [
  { key: 'delivered', label: '交付项目多', rule: 'deliveredCount:desc' },
  { key: 'rating', label: '评分高', rule: 'ratingAvg:desc' },
  { key: 'solutions', label: '上架方案多', rule: 'solutionCount:desc' },
] as const;

function VendorItem({ vendor }: { vendor: VendorDocument }) {
  return (
    <li>
      <h3>
        <a href={`/vendors/${vendor.id}`}>{vendor.name}</a>
      </h3>
      <p class="small muted">
        {cityLabel(vendor.city)}市 · 上架方案 {vendor.solutionCount} · 交付项目 {vendor.deliveredCount} · 评分{' '}
        {vendor.ratingAvg === null || vendor.ratingCount === 0 ? '暂无' : vendor.ratingAvg.toFixed(1)}
      </p>
      <p class="small">服务行业：{labelsOf('industry', vendor.industries)}</p>
      <p class="small">服务地市：{regionsLabel(vendor.citiesServed)}</p>
    </li>
  );
}

/** 服务商库: verified vendors by keyword, city, industry, technology and qualification, each to its 画像. */
export function vendorDirectoryPages({ http: { search } }: WebDeps) {
  const web = new Hono<WebEnv>();
  web.get('/vendors', async (c) => {
    const params = c.req.query();
    const q = params.q?.trim().slice(0, 100) || undefined;
    const sort = SORTS.find((s) => s.key === params.sort);
    const query: VendorQuery = {
      page: Math.min(MAX_PAGE, Math.max(1, Number.parseInt(params.page ?? '1', 10) || 1)),
      pageSize: PAGE_SIZE,
      ...(q ? { q } : {}),
      ...(sort ? { sort: sort.rule } : {}),
      ...(params.cityServed?.trim() ? { cityServed: params.cityServed.trim().slice(0, 64) } : {}),
    };
    for (const filter of FILTERS) {
      const value = params[filter.param]?.trim();
      if (value) query[filter.param] = value.slice(0, 64);
    }
    const result = await searchVendors(search, c.get('actor'), query);
    const href = (changes: Record<string, string | null>) => listingHref('/vendors', params, changes);
    const groups: FacetGroup[] = FILTERS.map((filter) => ({
      param: filter.param,
      title: filter.title,
      counts: result.facets[filter.facet] ?? {},
      label: (value) => termLabel(filter.kind, value),
      selected: params[filter.param],
    }));
    return page(
      c,
      '服务商库',
      <>
        <h1>服务商库</h1>
        <search>
          <form method="get" action="/vendors" class="searchbar">
            <label for="q" class="visually-hidden">
              关键词
            </label>
            <input
              type="search"
              id="q"
              name="q"
              value={q ?? ''}
              placeholder="输入关键词搜索服务商，如：视觉检测、冷链物流"
            />
            {FILTERS.map(({ param }) =>
              params[param] ? <input type="hidden" name={param} value={params[param]} /> : null,
            )}
            <button type="submit">搜索</button>
          </form>
        </search>
        <div class="layout-side">
          <Facets groups={groups} href={(param, value) => href({ [param]: value })} />
          <section aria-label="服务商">
            <div class="spread">
              <p role="status">
                共找到 <strong>{result.total}</strong> 家服务商{q ? `（关键词“${q}”）` : ''}
              </p>
              <nav class="row small" aria-label="排序">
                <span class="muted">排序：</span>
                {SORTS.map((s) =>
                  s.key === (sort?.key ?? (q ? '' : 'delivered')) ? (
                    <strong aria-current="true">{s.label}</strong>
                  ) : (
                    <a href={href({ sort: s.key })}>{s.label}</a>
                  ),
                )}
              </nav>
            </div>
            <div class="card">
              {result.total === 0 ? (
                <p class="muted">没有符合条件的服务商，换个关键词或减少筛选条件试试。</p>
              ) : (
                <ul class="listing">
                  {result.hits.map((vendor) => (
                    <VendorItem vendor={vendor} />
                  ))}
                </ul>
              )}
            </div>
            <Pagination
              page={result.page}
              pageSize={result.pageSize}
              total={result.total}
              href={(p) => href({ page: String(p) })}
            />
          </section>
        </div>
      </>,
    );
  });
  return web;
}
