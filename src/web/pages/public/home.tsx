import { Hono } from 'hono';
import { PUBLIC_NEED_STATUSES } from '../../../application/queries/documents.js';
import { platformStats } from '../../../application/queries/platform-stats.js';
import { searchBoxOptions } from '../../../application/queries/suggest-query.js';
import { CaseList } from '../../components/cases.js';
import { NeedItem, SolutionItem } from '../../components/listings.js';
import { SearchSuggestions } from '../../components/search-suggestions.js';
import type { WebDeps } from '../../deps.js';
import type { WebEnv } from '../../env.js';
import { casesPage, needsPage, solutionsPage } from '../../reads.js';
import { page } from '../../render.js';

const LATEST = 5;
/** Titles offered under the search box: the page carries them all, so a few hundred at most. */
const SUGGESTED_TITLES = 200;

function sum(counts: Record<string, number>, keys: readonly string[]): number {
  return keys.reduce((total, key) => total + (counts[key] ?? 0), 0);
}

/** The front page: one search box, the platform's figures and the newest listings. */
export function homePage({ http: { search, titles } }: WebDeps) {
  const web = new Hono<WebEnv>();
  web.get('/', async (c) => {
    const actor = c.get('actor');
    const latest = { sort: 'publishedAt:desc', page: 1, pageSize: LATEST } as const;
    const [needs, solutions, cases, stats, suggestions] = await Promise.all([
      needsPage(search, actor, latest),
      solutionsPage(search, actor, latest),
      casesPage(search, { sort: 'createdAt:desc', page: 1, pageSize: 3 }),
      platformStats(search),
      titles.current().then((t) => searchBoxOptions(t, 'need', SUGGESTED_TITLES)),
    ]);
    const figures = [
      { label: '发布场景需求', value: sum(stats.needsByStatus, PUBLIC_NEED_STATUSES) },
      { label: '上架解决方案', value: stats.solutionsByStatus.published ?? 0 },
      { label: '签约项目', value: stats.projectsMatched },
      { label: '牵手城市', value: stats.citiesMatched },
    ];
    return page(
      c,
      '首页',
      <>
        <section class="hero">
          <h1>数字化应用场景，供需一键速配</h1>
          <p>企业和机关出题，服务商答题，平台搭台撮合：发布场景需求、找到成熟方案、跟进揭榜签约。</p>
          <search>
            <form method="get" action="/needs" class="searchbar">
              <label for="home-q" class="visually-hidden">
                搜索场景需求
              </label>
              <input
                type="search"
                id="home-q"
                name="q"
                list="home-q-suggestions"
                placeholder="搜索场景需求，如：视觉检测、智慧养老、能耗监测"
              />
              <SearchSuggestions id="home-q-suggestions" options={suggestions} />
              <button type="submit" class="secondary">
                搜索需求
              </button>
            </form>
          </search>
        </section>
        <section class="stats" aria-label="平台数据">
          {figures.map((f) => (
            <div class="card stat">
              <b>{f.value}</b>
              <span class="muted">{f.label}</span>
            </div>
          ))}
        </section>
        <p class="small">
          <a href="/rankings">城市打榜与百城牵手 ›</a>
        </p>
        <div class="grid">
          <section class="card" aria-labelledby="latest-needs">
            <div class="spread">
              <h2 id="latest-needs">最新场景需求</h2>
              <a href="/needs">全部需求 ›</a>
            </div>
            <ul class="listing">
              {needs.hits.map((need) => (
                <NeedItem need={need} />
              ))}
            </ul>
          </section>
          <section class="card" aria-labelledby="latest-solutions">
            <div class="spread">
              <h2 id="latest-solutions">最新解决方案</h2>
              <a href="/solutions">全部方案 ›</a>
            </div>
            <ul class="listing">
              {solutions.hits.map((solution) => (
                <SolutionItem solution={solution} />
              ))}
            </ul>
          </section>
        </div>
        <section class="card" aria-labelledby="latest-cases">
          <div class="spread">
            <h2 id="latest-cases">典型案例</h2>
            <a href="/cases">案例库 ›</a>
          </div>
          <CaseList cases={cases.hits} />
        </section>
      </>,
    );
  });
  return web;
}
