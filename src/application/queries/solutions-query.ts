import { z } from 'zod';
import type { Actor } from '../../domain/shared/actor.js';
import { parseInput } from '../../domain/shared/validation.js';
import { readModel } from '../../projections/read-models.js';
import type { SolutionDocument } from '../../projections/solutions-projection.js';
import { allOf, type Filter } from '../../search/filter.js';
import type { SearchIndex, SortRule } from '../../search/port.js';
import { queryMessages } from './messages.js';
import {
  codeParam,
  idParam,
  type ListPage,
  listPage,
  mineParam,
  pagedQuery,
  queryText,
  sortParam,
  sortRules,
  statusParam,
} from './params.js';
import { correctedWhenEmpty, type QueryCorrector } from './query-correction.js';
import { relatedWhenEmpty } from './related-listings.js';
import { searchSuggestions } from './search-suggestions.js';
import { listingFilter, servedIn, whenGiven } from './visibility.js';

const SOLUTION_STATUSES = ['draft', 'submitted', 'rejected', 'published', 'retired'] as const;
const DEPLOYMENTS = ['saas', 'on-premise', 'hybrid'] as const;

/** Every one a sortable attribute of search/solutions.json (a unit test holds them together). */
export const SOLUTION_SORTS = [
  'publishedAt:desc',
  'publishedAt:asc',
  'createdAt:desc',
  'createdAt:asc',
  'updatedAt:desc',
  'updatedAt:asc',
  'priceWan.min:asc',
  'priceWan.min:desc',
  'priceWan.max:asc',
  'priceWan.max:desc',
] as const satisfies readonly SortRule[];

export const SOLUTION_FACETS = ['industries', 'technologies', 'regionsServed', 'deployment', 'status'];

const NEWEST: SortRule[] = ['publishedAt:desc', 'updatedAt:desc'];

export const solutionQuerySchema = pagedQuery({
  q: queryText,
  industry: codeParam('industry', '行业代码（方案适用的行业之一）'),
  scenarioType: codeParam('scenarioType', '场景类型代码'),
  technology: codeParam('technology', '技术代码'),
  city: codeParam('city', '地市代码：服务该地市或全省的方案'),
  deployment: z
    .enum(DEPLOYMENTS, { error: queryMessages.deployment(DEPLOYMENTS) })
    .optional()
    .meta({ description: '部署方式' }),
  status: statusParam(SOLUTION_STATUSES, '状态；公众只能看到已发布的方案，平台可查看全部'),
  vendorId: idParam('vendorId', '服务商机构编号'),
  mine: mineParam,
  sort: sortParam(SOLUTION_SORTS, '排序；有关键词时默认按相关度，否则按发布时间从新到旧'),
});
export type SolutionQuery = z.input<typeof solutionQuerySchema>;

/** GET /api/v1/solutions: the same search as for needs, over the solutions the viewer may see. */
export async function searchSolutions(
  search: SearchIndex,
  viewer: Actor,
  input: SolutionQuery,
  /** A condition no query string can state: a saved search checked against one new listing. */
  within?: Filter,
  /** When the keywords find nothing: their likely spellings, tried in turn (the list pages, not a match). */
  corrector?: QueryCorrector,
): Promise<ListPage<SolutionDocument>> {
  const query = parseInput(solutionQuerySchema, input);
  const filter = allOf(
    listingFilter(viewer, 'solutions', { owner: query.vendorId, mine: query.mine }),
    whenGiven('industries', query.industry),
    whenGiven('scenarioTypes', query.scenarioType),
    whenGiven('technologies', query.technology),
    servedIn('regionsServed', query.city),
    whenGiven('deployment', query.deployment),
    whenGiven('status', query.status),
    within,
  );
  const result = await readModel(search, 'solutions').search({
    q: query.q,
    filter,
    facets: SOLUTION_FACETS,
    sort: sortRules(query.sort, query.q, NEWEST),
    page: query.page,
    pageSize: query.pageSize,
    highlight: query.q ? ['title', 'description'] : [],
    matchingStrategy: 'frequency',
  });
  const again = (q: string) => searchSolutions(search, viewer, { ...input, q }, within);
  const page = await correctedWhenEmpty(query.q, listPage(result), again, corrector);
  // As spelling, only for the list pages (given a corrector): a saved search checks the words as typed.
  return relatedWhenEmpty(query.q, page, corrector && { search, source: 'needs' }, again);
}

/** When keywords found nothing: what to search instead, for the same viewer and filters. */
export async function suggestSolutionQueries(
  search: SearchIndex,
  viewer: Actor,
  input: SolutionQuery,
): Promise<string[]> {
  const query = parseInput(solutionQuerySchema, input);
  if (!query.q) return [];
  return searchSuggestions(
    query.q,
    async (q) => (await searchSolutions(search, viewer, { ...input, q, page: 1, pageSize: 1 })).total,
  );
}
