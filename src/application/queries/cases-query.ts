import type { z } from 'zod';
import { parseInput } from '../../domain/shared/validation.js';
import type { CaseDocument } from '../../projections/cases-projection.js';
import { readModel } from '../../projections/read-models.js';
import { allOf } from '../../search/filter.js';
import type { SearchIndex, SortRule } from '../../search/port.js';
import {
  codeParam,
  idParam,
  type ListPage,
  listPage,
  pagedQuery,
  queryText,
  sortParam,
  sortRules,
} from './params.js';
import { whenGiven } from './visibility.js';

/** Every one a sortable attribute of search/cases.json (a unit test holds them together). */
export const CASE_SORTS = ['createdAt:desc', 'createdAt:asc'] as const satisfies readonly SortRule[];

export const CASE_FACETS = ['industry', 'city', 'scenarioType', 'technologies'];

const NEWEST: SortRule[] = ['createdAt:desc'];

export const caseQuerySchema = pagedQuery({
  q: queryText,
  industry: codeParam('industry', '行业代码'),
  scenarioType: codeParam('scenarioType', '场景类型代码'),
  city: codeParam('city', '案例所在地市代码'),
  technology: codeParam('technology', '技术代码'),
  replicatedTo: codeParam('replicatedTo', '已复用到的地市代码'),
  vendorId: idParam('vendorId', '服务商机构编号'),
  sort: sortParam(CASE_SORTS, '排序；有关键词时默认按相关度，否则按评选时间从新到旧'),
});
export type CaseQuery = z.input<typeof caseQuerySchema>;

/** GET /api/v1/cases?q=: the 典型案例 library, public like the lists it grew from. */
export async function searchCases(search: SearchIndex, input: CaseQuery): Promise<ListPage<CaseDocument>> {
  const query = parseInput(caseQuerySchema, input);
  const filter = allOf(
    whenGiven('industry', query.industry),
    whenGiven('scenarioType', query.scenarioType),
    whenGiven('city', query.city),
    whenGiven('technologies', query.technology),
    whenGiven('replicatedTo', query.replicatedTo),
    whenGiven('vendorId', query.vendorId),
  );
  const result = await readModel(search, 'cases').search({
    q: query.q,
    filter,
    facets: CASE_FACETS,
    sort: sortRules(query.sort, query.q, NEWEST),
    page: query.page,
    pageSize: query.pageSize,
    highlight: query.q ? ['title', 'summary'] : [],
  });
  return listPage(result);
}
