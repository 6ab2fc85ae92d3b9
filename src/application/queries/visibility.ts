import type { Actor } from '../../domain/shared/actor.js';
import { allOf, type Filter } from '../../search/filter.js';
import { publicListings } from './documents.js';
import { queryError } from './messages.js';

const OWNER_FIELDS = { needs: 'orgId', solutions: 'vendorId' } as const;

/** Which organization's listings a list is narrowed to: one named by id, and/or the viewer's own (`mine`). */
export interface OwnerScope {
  owner?: string | undefined;
  mine?: boolean | undefined;
}

/**
 * The filter that keeps a listing index to what the viewer may see: everyone sees the public listings
 * (`publicListings`), an organization sees its own listings in every status, staff see everything (the
 * review queue is `status=submitted`). The index never holds contact details, so nothing else needs hiding.
 */
export function listingFilter(
  viewer: Actor,
  index: 'needs' | 'solutions',
  scope: OwnerScope,
): Filter | undefined {
  const ownerField = OWNER_FIELDS[index];
  const owners = scope.owner === undefined ? [] : [scope.owner];
  if (scope.mine) {
    if (viewer.role === 'anonymous') throw queryError('query.sign_in_required');
    if (!viewer.orgId) throw queryError('query.org_only');
    owners.push(viewer.orgId);
  }
  const ownOnly = owners.length > 0 && owners.every((owner) => owner === viewer.orgId);
  const seesAll = viewer.role === 'staff' || ownOnly;
  return allOf(
    ...owners.map((owner): Filter => ({ field: ownerField, op: 'eq', value: owner })),
    seesAll ? undefined : publicListings(index),
  );
}

/** A condition on one attribute when the caller gave a value. */
export function whenGiven(field: string, value: string | undefined): Filter | undefined {
  return value === undefined ? undefined : { field, op: 'eq', value };
}

/** Served in a city: that city, or province-wide (`*`) as regionsServed and citiesServed write it. */
export function servedIn(field: string, city: string | undefined): Filter | undefined {
  return city === undefined ? undefined : { field, op: 'in', value: [city, '*'] };
}
