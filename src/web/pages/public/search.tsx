import { Hono } from 'hono';
import { type NeedQuery, suggestNeedQueries } from '../../../application/queries/needs-query.js';
import { titleCorrector } from '../../../application/queries/query-correction.js';
import { type SolutionQuery, suggestSolutionQueries } from '../../../application/queries/solutions-query.js';
import { zhLabel } from '../../../domain/shared/taxonomy.js';
import { attempt } from '../../attempt.js';
import { cityLabel } from '../../city-names.js';
import { type FacetGroup, Facets } from '../../components/facets.js';
import { NeedItem, SolutionItem } from '../../components/listings.js';
import { Pagination } from '../../components/pagination.js';
import { SubscribeSearch } from '../../components/subscribe-search.js';
import type { WebDeps } from '../../deps.js';
import type { ListingPage } from '../../documents.js';
import type { WebEnv } from '../../env.js';
import { statusLabel } from '../../labels.js';
import {
  type FacetParam,
  type ListingQuery,
  listingHref,
  listingQuery,
  type SortChoice,
} from '../../listing-query.js';
import { needsPage, solutionsPage } from '../../reads.js';
import { page } from '../../render.js';

export const needSorts: SortChoice[] = [
  { key: 'relevance', label: '相关度' },
  { key: 'newest', label: '最新发布', rule: 'publishedAt:desc' },
  { key: 'budget', label: '预算从高到低', rule: 'budgetWan.max:desc' },
  { key: 'deadline', label: '截止日期最近', rule: 'deadline:asc' },
];

export const solutionSorts: SortChoice[] = [
  { key: 'relevance', label: '相关度' },
  { key: 'newest', label: '最新发布', rule: 'publishedAt:desc' },
  { key: 'price', label: '报价从低到高', rule: 'priceWan.min:asc' },
];

const FACET_PARAMS: FacetParam[] = ['industry', 'city', 'technology', 'status'];

interface SearchPageProps {
  path: string;
  noun: string;
  params: Record<string, string | undefined>;
  sorts: SortChoice[];
  sortKey: string;
  result: ListingPage<object>;
  groups: FacetGroup[];
  /** Why the keywords could not be searched (too long), in the form's words. */
  error: string | undefined;
  /** What to search instead when the keywords found nothing. */
  suggestions: string[];
  /** For 订阅此搜索; null when nobody is signed in. */
  csrfToken: string | null;
  children: unknown;
}

function SearchPage(props: SearchPageProps) {
  const { path, noun, params, sorts, sortKey, result, groups, error, suggestions, csrfToken, children } =
    props;
  const href = (changes: Record<string, string | null>) => listingHref(path, params, changes);
  return (
    <>
      <h1>{noun}</h1>
      <search>
        <form method="get" action={path} class="searchbar">
          <label for="q" class="visually-hidden">
            关键词
          </label>
          <input
            type="search"
            id="q"
            name="q"
            value={params.q ?? ''}
            placeholder={`输入关键词搜索${noun}，如：视觉检测、智慧养老`}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'q-error' : undefined}
          />
          {FACET_PARAMS.map((name) =>
            params[name] ? <input type="hidden" name={name} value={params[name]} /> : null,
          )}
          <button type="submit">搜索</button>
        </form>
        {error ? (
          <p id="q-error" class="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </search>
      <div class="layout-side">
        <Facets groups={groups} href={(param, value) => href({ [param]: value })} />
        <section aria-label="搜索结果">
          <div class="spread">
            <p role="status">
              共找到 <strong>{result.total}</strong> 条{noun}
              {params.q ? `（关键词“${result.relatedQuery ?? result.correctedQuery ?? params.q}”）` : ''}{' '}
              <a href={listingHref(`/export${path}.xlsx`, params, { page: null })} class="small" download>
                导出 Excel
              </a>
            </p>
            <SubscribeSearch
              kind={path === '/needs' ? 'needs' : 'solutions'}
              params={params}
              csrfToken={csrfToken}
              back={listingHref(path, params, { page: null })}
            />
            <nav class="row small" aria-label="排序">
              <span class="muted">排序：</span>
              {sorts
                .filter((s) => s.rule || params.q)
                .map((s) =>
                  s.key === sortKey ? (
                    <strong aria-current="true">{s.label}</strong>
                  ) : (
                    <a href={href({ sort: s.key })}>{s.label}</a>
                  ),
                )}
            </nav>
          </div>
          {result.correctedQuery ? (
            <p class="flash flash-info" role="status">
              没有找到“{params.q}”的结果，以下为「{result.correctedQuery}」的搜索结果。
              <a href={href({ q: result.correctedQuery, page: null })}>只搜「{result.correctedQuery}」</a>
            </p>
          ) : null}
          {result.relatedQuery ? (
            <p class="flash flash-info" role="status">
              没有找到含“{params.q}”的{noun}。{path === '/needs' ? '有解决方案' : '有场景需求'}
              含这个词，以下为这些内容的相关词「{result.relatedQuery}」的搜索结果。
            </p>
          ) : null}
          {groups.some((g) => g.selected) ? (
            <div class="chips">
              {groups
                .filter((g) => g.selected)
                .map((g) => (
                  <a
                    href={href({ [g.param]: null })}
                    aria-label={`取消筛选：${g.title} ${g.label(g.selected!)}`}
                  >
                    {g.title}：{g.label(g.selected!)} ✕
                  </a>
                ))}
            </div>
          ) : null}
          <div class="card">
            {result.total === 0 ? (
              <>
                <p class="muted">没有符合条件的{noun}，换个关键词或减少筛选条件试试。</p>
                {suggestions.length ? (
                  <p>
                    您是不是要找：
                    {suggestions.map((s, i) => (
                      <>
                        {i ? '、' : ''}
                        <a href={href({ q: s, sort: null })}>{s}</a>
                      </>
                    ))}
                  </p>
                ) : null}
              </>
            ) : (
              children
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
    </>
  );
}

function facetGroups(
  result: ListingPage<object>,
  params: Record<string, string | undefined>,
  statusKind: 'need' | 'solution',
  industryFacet: string,
): FacetGroup[] {
  const counts = (name: string) => result.facets[name] ?? {};
  return [
    {
      param: 'industry',
      title: '行业',
      counts: counts(industryFacet),
      label: (v) => zhLabel('industry', v),
      selected: params.industry,
    },
    {
      param: 'city',
      title: '城市',
      counts: counts(statusKind === 'need' ? 'city' : 'regionsServed'),
      label: (v) => (v === '*' ? '全省' : cityLabel(v)),
      selected: params.city,
    },
    {
      param: 'technology',
      title: '技术',
      counts: counts('technologies'),
      label: (v) => zhLabel('technology', v),
      selected: params.technology,
    },
    {
      param: 'status',
      title: '状态',
      counts: counts('status'),
      label: (v) => statusLabel(statusKind, v),
      selected: params.status,
    },
  ];
}

/** No hits, for keywords that could not be searched. */
const emptyPage = (query: ListingQuery): ListingPage<never> => ({
  hits: [],
  total: 0,
  page: 1,
  pageSize: query.pageSize,
  facets: {},
});

/** 场景需求 and 解决方案 search: keywords, facets with counts, sort and pages, for everyone. */
export function searchPages({ http: { search, titles } }: WebDeps) {
  const web = new Hono<WebEnv>();
  const corrector = titleCorrector(titles);

  web.get('/needs', async (c) => {
    const params = c.req.query();
    const { query, sortKey } = listingQuery(params, needSorts, FACET_PARAMS);
    const actor = c.get('actor');
    const found = await attempt(() => needsPage(search, actor, query as NeedQuery, corrector));
    const result = found.ok ? found.value : emptyPage(query);
    const suggestions =
      found.ok && result.total === 0 && query.q
        ? await suggestNeedQueries(search, actor, query as NeedQuery)
        : [];
    return page(
      c,
      '场景需求',
      <SearchPage
        path="/needs"
        noun="场景需求"
        params={params}
        sorts={needSorts}
        sortKey={sortKey}
        result={result}
        groups={facetGroups(result, params, 'need', 'industry')}
        error={found.ok ? undefined : found.errors[0]?.message}
        suggestions={suggestions}
        csrfToken={c.get('user') ? c.get('csrfToken') : null}
      >
        <ul class="listing">
          {result.hits.map((need) => (
            <NeedItem need={need} />
          ))}
        </ul>
      </SearchPage>,
      found.ok ? 200 : found.status,
    );
  });

  web.get('/solutions', async (c) => {
    const params = c.req.query();
    const { query, sortKey } = listingQuery(params, solutionSorts, FACET_PARAMS);
    const actor = c.get('actor');
    const found = await attempt(() => solutionsPage(search, actor, query as SolutionQuery, corrector));
    const result = found.ok ? found.value : emptyPage(query);
    const suggestions =
      found.ok && result.total === 0 && query.q
        ? await suggestSolutionQueries(search, actor, query as SolutionQuery)
        : [];
    return page(
      c,
      '解决方案',
      <SearchPage
        path="/solutions"
        noun="解决方案"
        params={params}
        sorts={solutionSorts}
        sortKey={sortKey}
        result={result}
        groups={facetGroups(result, params, 'solution', 'industries')}
        error={found.ok ? undefined : found.errors[0]?.message}
        suggestions={suggestions}
        csrfToken={c.get('user') ? c.get('csrfToken') : null}
      >
        <ul class="listing">
          {result.hits.map((solution) => (
            <SolutionItem solution={solution} />
          ))}
        </ul>
      </SearchPage>,
      found.ok ? 200 : found.status,
    );
  });

  return web;
}
