import type { z } from 'zod';
import type { Actor } from '../../domain/shared/actor.js';
import { parseInput } from '../../domain/shared/validation.js';
import type { EngagementDocument } from '../../projections/engagements-projection.js';
import { readModel } from '../../projections/read-models.js';
import { allOf, type Filter } from '../../search/filter.js';
import type { SearchIndex, SortRule } from '../../search/port.js';
import { queryError } from './messages.js';
import {
  idParam,
  type ListPage,
  listPage,
  pagedQuery,
  queryText,
  sortParam,
  sortRules,
  statusParam,
} from './params.js';
import { whenGiven } from './visibility.js';

const ENGAGEMENT_STATUSES = [
  'recommended',
  'applied',
  'shortlisted',
  'meeting_scheduled',
  'signed',
  'delivered',
  'rated',
  'declined',
  'withdrawn',
  'pilot_ended',
] as const;

/** Every one a sortable attribute of search/engagements.json (a unit test holds them together). */
export const ENGAGEMENT_SORTS = [
  'createdAt:desc',
  'createdAt:asc',
  'signedAt:desc',
  'deliveredAt:desc',
  'quoteWan:desc',
  'amountWan:desc',
] as const satisfies readonly SortRule[];

export const ENGAGEMENT_FACETS = ['status'];

const NEWEST: SortRule[] = ['createdAt:desc'];

export const engagementQuerySchema = pagedQuery({
  q: queryText,
  needId: idParam('needId', '需求编号'),
  vendorId: idParam('vendorId', '服务商机构编号'),
  demanderOrgId: idParam('demanderOrgId', '需求方机构编号'),
  status: statusParam(ENGAGEMENT_STATUSES, '对接状态'),
  sort: sortParam(ENGAGEMENT_SORTS, '排序；默认按发起时间从新到旧'),
});
export type EngagementQuery = z.input<typeof engagementQuerySchema>;

/** Engagements are their two parties' (and staff's): a demander sees those on its needs, a vendor its own. */
function engagementVisibility(viewer: Actor): Filter | undefined {
  if (viewer.role === 'staff') return undefined;
  if (viewer.role === 'anonymous') throw queryError('query.sign_in_required');
  if (!viewer.orgId) throw queryError('query.org_only');
  const field = viewer.role === 'demander' ? 'demanderOrgId' : 'vendorId';
  return { field, op: 'eq', value: viewer.orgId };
}

/** GET /api/v1/engagements?needId=&vendorId=&status=: the engagements the viewer is a party to. */
export async function listEngagements(
  search: SearchIndex,
  viewer: Actor,
  input: EngagementQuery,
): Promise<ListPage<EngagementDocument>> {
  const query = parseInput(engagementQuerySchema, input);
  const filter = allOf(
    engagementVisibility(viewer),
    whenGiven('needId', query.needId),
    whenGiven('vendorId', query.vendorId),
    whenGiven('demanderOrgId', query.demanderOrgId),
    whenGiven('status', query.status),
  );
  const result = await readModel(search, 'engagements').search({
    q: query.q,
    filter,
    facets: ENGAGEMENT_FACETS,
    sort: sortRules(query.sort, query.q, NEWEST),
    page: query.page,
    pageSize: query.pageSize,
  });
  return listPage(result);
}
