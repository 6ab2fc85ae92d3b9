import type { Actor } from '../../domain/shared/actor.js';
import { PROVINCE, type Scope } from '../../domain/shared/scope.js';
import type { NeedDocument } from '../../projections/needs-projection.js';
import type { OrganizationDocument } from '../../projections/organizations-projection.js';
import type { SolutionDocument } from '../../projections/solutions-projection.js';
import type { SearchIndex } from '../../search/port.js';
import { searchNeeds } from './needs-query.js';
import { listOrganizations } from './organizations-query.js';
import type { ListPage } from './params.js';
import { MAX_PAGE_SIZE } from './params.js';
import { searchSolutions } from './solutions-query.js';

/**
 * The staff's work queues as their scope reaches (staff-scope.ts is the rule): province staff see every
 * city's, city staff their own city's — needs by the need's city, solutions and organizations by the
 * organization's seat — so that a queue never offers what the services would refuse.
 */
const cityOf = (scope: Scope) => (scope === PROVINCE ? undefined : scope);

export function needReviewQueue(
  search: SearchIndex,
  staff: Actor,
  scope: Scope,
  pageSize: number,
): Promise<ListPage<NeedDocument>> {
  const city = cityOf(scope);
  return searchNeeds(search, staff, {
    status: 'submitted',
    sort: 'updatedAt:asc',
    pageSize,
    ...(city ? { city } : {}),
  });
}

/** The solutions index does not hold the vendor's seat: the vendors seated in the city are looked up first. */
export async function solutionReviewQueue(
  search: SearchIndex,
  staff: Actor,
  scope: Scope,
  pageSize: number,
): Promise<ListPage<SolutionDocument>> {
  const city = cityOf(scope);
  const query = { status: 'submitted', sort: 'updatedAt:asc', pageSize } as const;
  if (!city) return searchSolutions(search, staff, query);
  const vendorIds: string[] = [];
  for (let page = 1; ; page++) {
    const vendors = await listOrganizations(search, staff, {
      kind: 'vendor',
      city,
      page,
      pageSize: MAX_PAGE_SIZE,
    });
    vendorIds.push(...vendors.hits.map((vendor) => vendor.id));
    if (page * MAX_PAGE_SIZE >= vendors.total) break;
  }
  if (vendorIds.length === 0) return { hits: [], total: 0, page: 1, pageSize, facets: {} };
  return searchSolutions(search, staff, query, { field: 'vendorId', op: 'in', value: vendorIds });
}

export function pendingOrganizations(
  search: SearchIndex,
  staff: Actor,
  scope: Scope,
  pageSize: number,
): Promise<ListPage<OrganizationDocument>> {
  const city = cityOf(scope);
  return listOrganizations(search, staff, { status: 'pending', pageSize, ...(city ? { city } : {}) });
}
