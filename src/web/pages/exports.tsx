import { Hono } from 'hono';
import { kindLabels } from '../../application/history/subjects.js';
import { getOrganization } from '../../application/organization-service.js';
import { type ActivityQuery, activityForExport } from '../../application/queries/activity-query.js';
import { type NeedQuery, searchNeeds } from '../../application/queries/needs-query.js';
import { MAX_PAGE_SIZE } from '../../application/queries/params.js';
import { platformStats } from '../../application/queries/platform-stats.js';
import { type SolutionQuery, searchSolutions } from '../../application/queries/solutions-query.js';
import { recordExport } from '../../application/security-log.js';
import { requireStaffDuty } from '../../application/staff-duties.js';
import { type TaxonomyKind, zhLabel } from '../../domain/shared/taxonomy.js';
import { contentDisposition, type RenderedList } from '../../export/list-export.js';
import { EXPORT_ROW_CAP, type ExportColumn, exportSheet, renderWorkbook } from '../../export/table-export.js';
import type { ActivityDocument } from '../../projections/activity-projection.js';
import type { NeedDocument } from '../../projections/needs-projection.js';
import type { SolutionDocument } from '../../projections/solutions-projection.js';
import { cityLabel } from '../city-names.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { requireUser } from '../errors.js';
import { formatDate, formatDateTime, formatWanRange, labelsOf, regionsLabel, termLabel } from '../format.js';
import { deploymentLabels, statusLabel } from '../labels.js';
import { type FacetParam, listingQuery, type SortChoice } from '../listing-query.js';
import { logQueryOf } from '../log-query.js';
import { requestContext, type WebContext } from '../render.js';
import { needSorts, solutionSorts } from './public/search.js';

/** Search results: fewer than an activity log, as each page of them is a faceted search. */
const SEARCH_EXPORT_CAP = 2000;
const FACET_PARAMS: FacetParam[] = ['industry', 'city', 'technology', 'status'];

const today = () => formatDate(new Date().toISOString());

/** Every download is recorded in the security log (who took which file) before it is handed out. */
async function download(deps: WebDeps, c: WebContext, file: RenderedList): Promise<Response> {
  await recordExport(deps.app, requestContext(c), file.filename);
  return c.body(new Uint8Array(file.body), 200, {
    'Content-Type': file.contentType,
    'Content-Disposition': contentDisposition(file.filename),
    'Cache-Control': 'no-store',
  });
}

/** Every page of a search, up to the cap, through the same query as the page the visitor looked at. */
async function allPages<Hit>(
  search: (page: number) => Promise<{ hits: Hit[]; total: number }>,
  cap: number,
): Promise<{ rows: Hit[]; total: number }> {
  const rows: Hit[] = [];
  let total = 0;
  for (let page = 1; rows.length < cap; page++) {
    const result = await search(page);
    total = result.total;
    rows.push(...result.hits);
    if (result.hits.length < MAX_PAGE_SIZE) break;
  }
  return { rows: rows.slice(0, cap), total };
}

function searchQuery(c: WebContext, sorts: SortChoice[]) {
  const { query } = listingQuery(c.req.query(), sorts, FACET_PARAMS);
  return query;
}

const needColumns: ExportColumn<NeedDocument>[] = [
  { header: '场景名称', width: 40, cell: (n) => n.title },
  { header: '需求单位', width: 30, cell: (n) => n.orgName },
  { header: '所属行业', width: 16, cell: (n) => zhLabel('industry', n.industry) },
  { header: '场景类型', width: 16, cell: (n) => zhLabel('scenarioType', n.scenarioType) },
  { header: '所在地市', width: 10, cell: (n) => cityLabel(n.city) },
  { header: '技术', width: 30, cell: (n) => labelsOf('technology', n.technologies) },
  { header: '预算（万元）', width: 14, cell: (n) => formatWanRange(n.budgetWan) },
  { header: '状态', width: 10, cell: (n) => statusLabel('need', n.status) },
  { header: '截止日期', width: 12, cell: (n) => (n.deadline ? formatDate(n.deadline) : '') },
  { header: '发布时间', width: 18, cell: (n) => formatDateTime(n.publishedAt) },
  { header: '需求描述', width: 60, cell: (n) => n.description },
];

const solutionColumns: ExportColumn<SolutionDocument>[] = [
  { header: '方案名称', width: 40, cell: (s) => s.title },
  { header: '服务商', width: 30, cell: (s) => s.vendorName },
  { header: '服务行业', width: 24, cell: (s) => labelsOf('industry', s.industries) },
  { header: '场景类型', width: 24, cell: (s) => labelsOf('scenarioType', s.scenarioTypes) },
  { header: '技术', width: 30, cell: (s) => labelsOf('technology', s.technologies) },
  { header: '服务地市', width: 24, cell: (s) => regionsLabel(s.regionsServed) },
  { header: '报价区间（万元）', width: 16, cell: (s) => formatWanRange(s.priceWan) },
  { header: '部署方式', width: 10, cell: (s) => deploymentLabels[s.deployment] ?? s.deployment },
  { header: '状态', width: 10, cell: (s) => statusLabel('solution', s.status) },
  { header: '方案描述', width: 60, cell: (s) => s.description },
];

const activityColumns: ExportColumn<ActivityDocument>[] = [
  { header: '时间', width: 18, cell: (a) => formatDateTime(a.at) },
  { header: '操作', width: 16, cell: (a) => a.what },
  { header: '类别', width: 10, cell: (a) => kindLabels[a.kind] },
  { header: '对象', width: 40, cell: (a) => a.title },
  { header: '操作人', width: 16, cell: (a) => a.who },
  { header: '所属机构', width: 30, cell: (a) => a.orgName },
];

interface RecommendationRow {
  need: string;
  rank: number;
  solution: string;
  vendor: string;
  score: number | null;
}

const recommendationColumns: ExportColumn<RecommendationRow>[] = [
  { header: '需求', width: 40, cell: (r) => r.need },
  { header: '推荐名次', width: 10, cell: (r) => (r.score === null ? '' : r.rank) },
  { header: '推荐方案', width: 40, cell: (r) => r.solution },
  { header: '服务商', width: 30, cell: (r) => r.vendor },
  { header: '匹配度', width: 10, cell: (r) => (r.score === null ? '' : Math.round(r.score * 100)) },
];

type Count = { label: string; value: number };
const countColumns = (what: string, unit: string): ExportColumn<Count>[] => [
  { header: what, width: 24, cell: (d) => d.label },
  { header: unit, width: 12, cell: (d) => d.value },
];
const counted = (counts: Record<string, number>, kind: TaxonomyKind): Count[] =>
  Object.entries(counts)
    .map(([code, value]) => ({ label: termLabel(kind, code), value }))
    .sort((a, b) => b.value - a.value);

/**
 * Excel downloads of what the pages list: search results (as the visitor may see them), the staff's
 * activity, a match round's recommendations and the dashboard's tables. Each is capped, with Chinese
 * headers and a Chinese file name (RFC 5987).
 */
export function exportPages(deps: WebDeps) {
  const { search } = deps.http;
  const web = new Hono<WebEnv>();

  web.get('/export/needs.xlsx', async (c) => {
    const query = searchQuery(c, needSorts);
    const { rows, total } = await allPages(
      (page) => searchNeeds(search, c.get('actor'), { ...query, page, pageSize: MAX_PAGE_SIZE } as NeedQuery),
      SEARCH_EXPORT_CAP,
    );
    const name = `场景需求搜索结果-${today()}`;
    return download(deps, c, await renderWorkbook(name, [exportSheet('场景需求', needColumns, rows, total)]));
  });

  web.get('/export/solutions.xlsx', async (c) => {
    const query = searchQuery(c, solutionSorts);
    const { rows, total } = await allPages(
      (page) =>
        searchSolutions(search, c.get('actor'), { ...query, page, pageSize: MAX_PAGE_SIZE } as SolutionQuery),
      SEARCH_EXPORT_CAP,
    );
    const name = `解决方案搜索结果-${today()}`;
    return download(
      deps,
      c,
      await renderWorkbook(name, [exportSheet('解决方案', solutionColumns, rows, total)]),
    );
  });

  web.get('/admin/audit/export.xlsx', requireUser('staff'), async (c) => {
    await requireStaffDuty(deps.app, requestContext(c), 'business');
    const { filters } = logQueryOf(c, ['q', 'kind', 'since', 'until', 'userId']);
    const { rows, total } = await activityForExport(search, c.get('actor'), filters as ActivityQuery);
    const name = `平台动态-${today()}`;
    return download(
      deps,
      c,
      await renderWorkbook(name, [exportSheet('平台动态', activityColumns, rows, total)]),
    );
  });

  web.get('/admin/match-rounds/:id/export.xlsx', requireUser('staff'), async (c) => {
    const { state: round } = await deps.matchRounds.get(requestContext(c), c.req.param('id'));
    const actor = c.get('actor');
    const names = new Map<string, Promise<string>>();
    const nameOf = (id: string, read: (id: string) => Promise<string>) => {
      let found = names.get(id);
      if (!found) {
        found = read(id).catch(() => id);
        names.set(id, found);
      }
      return found;
    };
    const needTitle = (id: string) =>
      nameOf(id, async (x) => (await deps.views.viewNeed(actor, x)).state.title);
    const solutionTitle = (id: string) =>
      nameOf(id, async (x) => (await deps.views.viewSolution(actor, x)).state.title);
    const vendorName = (id: string) =>
      nameOf(id, async (x) => (await getOrganization(deps.app, x)).state.name);
    const rows: RecommendationRow[] = [];
    for (const result of round.results) {
      if (rows.length >= EXPORT_ROW_CAP) break;
      const need = await needTitle(result.needId);
      if (result.recommendations.length === 0) {
        rows.push({ need, rank: 0, solution: '没有合适的方案', vendor: '', score: null });
      }
      for (const [i, r] of result.recommendations.entries()) {
        rows.push({
          need,
          rank: i + 1,
          solution: await solutionTitle(r.solutionId),
          vendor: await vendorName(r.vendorId),
          score: r.score,
        });
      }
    }
    const total = round.results.reduce((n, r) => n + Math.max(1, r.recommendations.length), 0);
    const name = `云速配匹配结果-${formatDate(round.startedAt)}`;
    return download(
      deps,
      c,
      await renderWorkbook(name, [exportSheet('匹配结果', recommendationColumns, rows, total)]),
    );
  });

  web.get('/admin/export.xlsx', requireUser('staff'), async (c) => {
    await requireStaffDuty(deps.app, requestContext(c), 'business');
    const stats = await platformStats(search);
    type Vendor = (typeof stats.vendorRanking)[number];
    type Scenario = (typeof stats.scenarioRanking)[number];
    const vendorColumns: ExportColumn<Vendor>[] = [
      { header: '服务商', width: 30, cell: (v) => v.name },
      { header: '所在地市', width: 10, cell: (v) => cityLabel(v.city) },
      { header: '交付项目', width: 10, cell: (v) => v.deliveredCount },
      {
        header: '平均评分',
        width: 10,
        cell: (v) => (v.ratingAvg === null ? '' : Number(v.ratingAvg.toFixed(1))),
      },
      { header: '评价条数', width: 10, cell: (v) => v.ratingCount },
    ];
    const scenarioColumns: ExportColumn<Scenario>[] = [
      { header: '场景需求', width: 40, cell: (s) => s.title },
      { header: '需求单位', width: 30, cell: (s) => s.orgName },
      { header: '所在地市', width: 10, cell: (s) => cityLabel(s.city) },
      { header: '所属行业', width: 16, cell: (s) => zhLabel('industry', s.industry) },
      { header: '揭榜与推荐', width: 12, cell: (s) => s.engagementCount },
    ];
    const months = stats.signedAmountByMonth;
    const sheets = [
      exportSheet('服务商打榜', vendorColumns, stats.vendorRanking),
      exportSheet('场景打榜', scenarioColumns, stats.scenarioRanking),
      exportSheet('需求行业分布', countColumns('行业', '需求数'), counted(stats.needsByIndustry, 'industry')),
      exportSheet('需求城市分布', countColumns('城市', '需求数'), counted(stats.needsByCity, 'city')),
      exportSheet(
        '对接漏斗',
        countColumns('阶段', '对接数'),
        stats.engagementFunnel.map((s) => ({ label: statusLabel('engagement', s.stage), value: s.count })),
      ),
      exportSheet(
        '签约金额走势',
        [
          { header: '月份', width: 10, cell: (m: (typeof months)[number]) => m.month },
          { header: '签约金额（万元）', width: 16, cell: (m) => m.amountWan },
          { header: '签约项目', width: 10, cell: (m) => m.count },
        ],
        months,
      ),
    ];
    return download(deps, c, await renderWorkbook(`运营数据-${today()}`, sheets));
  });

  return web;
}
