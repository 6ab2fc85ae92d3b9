import type { z } from 'zod';
import type { Actor } from '../../domain/shared/actor.js';
import { parseInput } from '../../domain/shared/validation.js';
import type { NeedDocument } from '../../projections/needs-projection.js';
import { readModel } from '../../projections/read-models.js';
import { allOf, type Filter } from '../../search/filter.js';
import type { SearchIndex, SortRule } from '../../search/port.js';
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
import { listingFilter, whenGiven } from './visibility.js';

const NEED_STATUSES = [
  'draft',
  'submitted',
  'rejected',
  'approved',
  'published',
  'in_progress',
  'fulfilled',
  'closed',
] as const;

/** Every one a sortable attribute of search/needs.json (a unit test holds them together). */
export const NEED_SORTS = [
  'publishedAt:desc',
  'publishedAt:asc',
  'createdAt:desc',
  'createdAt:asc',
  'updatedAt:desc',
  'updatedAt:asc',
  'deadline:asc',
  'deadline:desc',
  'budgetWan.min:asc',
  'budgetWan.min:desc',
  'budgetWan.max:asc',
  'budgetWan.max:desc',
  'engagementCount:desc',
  'engagementCount:asc',
] as const satisfies readonly SortRule[];

export const NEED_FACETS = ['industry', 'city', 'technologies', 'status'];

/** Without keywords: the newest published first, then the rest (drafts, the review queue) by last change. */
const NEWEST: SortRule[] = ['publishedAt:desc', 'updatedAt:desc'];

export const needQuerySchema = pagedQuery({
  q: queryText,
  industry: codeParam('industry', '行业代码'),
  scenarioType: codeParam('scenarioType', '场景类型代码'),
  city: codeParam('city', '地市代码'),
  technology: codeParam('technology', '技术代码'),
  status: statusParam(
    NEED_STATUSES,
    '状态；公众只能看到已发布、实施中、已完成的需求，平台可查看全部（如待审核 submitted）',
  ),
  orgId: idParam('orgId', '发布机构编号'),
  campaignId: idParam('campaignId', '征集批次编号'),
  mine: mineParam,
  sort: sortParam(NEED_SORTS, '排序；有关键词时默认按相关度，否则按发布时间从新到旧'),
});
export type NeedQuery = z.input<typeof needQuerySchema>;

/**
 * GET /api/v1/needs: keyword search over the needs the viewer may see, with filters, facets counted over
 * the whole result set, sort, pages and `<em>` highlights of the title and description.
 */
export async function searchNeeds(
  search: SearchIndex,
  viewer: Actor,
  input: NeedQuery,
  /** A condition no query string can state: a saved search checked against one new listing. */
  within?: Filter,
  /** When the keywords find nothing: their likely spellings, tried in turn (the list pages, not a match). */
  corrector?: QueryCorrector,
): Promise<ListPage<NeedDocument>> {
  const query = parseInput(needQuerySchema, input);
  const filter = allOf(
    listingFilter(viewer, 'needs', { owner: query.orgId, mine: query.mine }),
    whenGiven('industry', query.industry),
    whenGiven('scenarioType', query.scenarioType),
    whenGiven('city', query.city),
    whenGiven('technologies', query.technology),
    whenGiven('status', query.status),
    whenGiven('campaignId', query.campaignId),
    within,
  );
  const result = await readModel(search, 'needs').search({
    q: query.q,
    filter,
    facets: NEED_FACETS,
    sort: sortRules(query.sort, query.q, NEWEST),
    page: query.page,
    pageSize: query.pageSize,
    highlight: query.q ? ['title', 'description'] : [],
    matchingStrategy: 'frequency',
  });
  const again = (q: string) => searchNeeds(search, viewer, { ...input, q }, within);
  const page = await correctedWhenEmpty(query.q, listPage(result), again, corrector);
  // As spelling, only for the list pages (given a corrector): a saved search checks the words as typed.
  return relatedWhenEmpty(query.q, page, corrector && { search, source: 'solutions' }, again);
}

/** When keywords found nothing: what to search instead, for the same viewer and filters. */
export async function suggestNeedQueries(
  search: SearchIndex,
  viewer: Actor,
  input: NeedQuery,
): Promise<string[]> {
  const query = parseInput(needQuerySchema, input);
  if (!query.q) return [];
  return searchSuggestions(
    query.q,
    async (q) => (await searchNeeds(search, viewer, { ...input, q, page: 1, pageSize: 1 })).total,
  );
}
