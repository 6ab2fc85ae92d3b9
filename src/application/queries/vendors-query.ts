import type { z } from 'zod';
import type { Actor } from '../../domain/shared/actor.js';
import { parseInput } from '../../domain/shared/validation.js';
import { readModel } from '../../projections/read-models.js';
import type { SolutionDocument } from '../../projections/solutions-projection.js';
import type { VendorDocument } from '../../projections/vendors-projection.js';
import { allOf, type Filter } from '../../search/filter.js';
import type { Hit, SearchIndex, SortRule } from '../../search/port.js';
import { PUBLIC_VENDOR_STATUSES } from './documents.js';
import { queryError } from './messages.js';
import {
  codeParam,
  type ListPage,
  listPage,
  MAX_PAGE_SIZE,
  pagedQuery,
  queryText,
  sortParam,
  sortRules,
  statusParam,
} from './params.js';
import { servedIn, whenGiven } from './visibility.js';

/** Every one a sortable attribute of search/vendors.json (a unit test holds them together). */
export const VENDOR_SORTS = [
  'deliveredCount:desc',
  'ratingAvg:desc',
  'ratingCount:desc',
  'solutionCount:desc',
] as const satisfies readonly SortRule[];

export const VENDOR_FACETS = ['city', 'industries', 'technologies', 'qualifications'];

/** Without keywords: track record first (delivered projects, then rating), then breadth of offer. */
const TRACK_RECORD: SortRule[] = ['deliveredCount:desc', 'ratingAvg:desc', 'solutionCount:desc'];

export const vendorQuerySchema = pagedQuery({
  q: queryText,
  city: codeParam('city', '服务商所在地市代码'),
  cityServed: codeParam('cityServed', '服务地市代码：服务该地市或全省的服务商'),
  industry: codeParam('industry', '行业代码（已发布方案覆盖的行业）'),
  technology: codeParam('technology', '技术代码'),
  qualification: codeParam('qualification', '资质代码'),
  status: statusParam(['pending', 'verified', 'suspended'], '机构状态；公众只能看到已认证的服务商'),
  sort: sortParam(VENDOR_SORTS, '排序；有关键词时默认按相关度，否则按交付项目数、评分'),
});
export type VendorQuery = z.input<typeof vendorQuerySchema>;

/** Staff see every vendor organization; everyone else the verified ones. */
function vendorVisibility(viewer: Actor): Filter | undefined {
  return viewer.role === 'staff'
    ? undefined
    : { field: 'status', op: 'in', value: [...PUBLIC_VENDOR_STATUSES] };
}

/** GET /api/v1/vendors?q=: vendor profiles by keyword, what they cover and their track record. */
export async function searchVendors(
  search: SearchIndex,
  viewer: Actor,
  input: VendorQuery,
): Promise<ListPage<VendorDocument>> {
  const query = parseInput(vendorQuerySchema, input);
  const filter = allOf(
    vendorVisibility(viewer),
    whenGiven('city', query.city),
    servedIn('citiesServed', query.cityServed),
    whenGiven('industries', query.industry),
    whenGiven('technologies', query.technology),
    whenGiven('qualifications', query.qualification),
    whenGiven('status', query.status),
  );
  const result = await readModel(search, 'vendors').search({
    q: query.q,
    filter,
    facets: VENDOR_FACETS,
    sort: sortRules(query.sort, query.q, TRACK_RECORD),
    page: query.page,
    pageSize: query.pageSize,
    highlight: query.q ? ['name', 'description'] : [],
  });
  return listPage(result);
}

export type VendorProfile = VendorDocument & { solutions: Hit<SolutionDocument>[] };

/**
 * GET /api/v1/vendors/:orgId, the vendor's profile (画像): solutions, industries and cities served,
 * engagements by state, delivered count and average rating, with its published solutions, newest first.
 * A vendor that is not verified is shown only to itself and staff; to anyone else it does not exist.
 */
export async function getVendorProfile(
  search: SearchIndex,
  viewer: Actor,
  orgId: string,
): Promise<VendorProfile> {
  const vendor = await readModel(search, 'vendors').get(orgId);
  const visible =
    vendor !== null &&
    (viewer.role === 'staff' ||
      viewer.orgId === orgId ||
      (PUBLIC_VENDOR_STATUSES as readonly string[]).includes(vendor.status));
  if (!visible && vendor?.status !== 'cancelled') throw queryError('vendor.not_found', { id: orgId });
  // A cancelled vendor's page stays, saying 已注销 with its name only: links to it keep answering.
  if (vendor.status === 'cancelled') return { ...vendor, solutions: [] };
  const solutions = await readModel(search, 'solutions').search({
    filter: {
      and: [
        { field: 'vendorId', op: 'eq', value: orgId },
        { field: 'status', op: 'eq', value: 'published' },
      ],
    },
    sort: ['publishedAt:desc'],
    pageSize: MAX_PAGE_SIZE,
  });
  return { ...vendor, solutions: solutions.hits };
}
