import { OUT_OF_MARKET_STATUSES } from '../../domain/organization/state.js';
import type { Filter } from '../../search/filter.js';

/**
 * What the queries know of the read models' values. The documents themselves are typed by their projections
 * (src/projections/*-projection.ts) and read through readModel (src/projections/read-models.ts).
 */

/** Need statuses anyone may list: published and what follows it while the need still stands. */
export const PUBLIC_NEED_STATUSES = ['published', 'in_progress', 'fulfilled'] as const;
export const PUBLIC_SOLUTION_STATUSES = ['published'] as const;

/** The field of each listing index holding its organization's status. */
const OWNER_STATUS_FIELDS = { needs: 'orgStatus', solutions: 'vendorStatus' } as const;
const PUBLIC_STATUSES = { needs: PUBLIC_NEED_STATUSES, solutions: PUBLIC_SOLUTION_STATUSES } as const;

/**
 * The listings anyone may see: in a public status, and of an organization in the market (a suspended or
 * cancelled one's listings leave the lists with it). `not` keeps documents indexed before the status was
 * (Meilisearch's semantics: it selects documents lacking the attribute) until the index is rebuilt.
 */
export function publicListings(index: 'needs' | 'solutions'): Filter {
  return {
    and: [
      { field: 'status', op: 'in', value: [...PUBLIC_STATUSES[index]] },
      { not: { field: OWNER_STATUS_FIELDS[index], op: 'in', value: [...OUT_OF_MARKET_STATUSES] } },
    ],
  };
}

export const PUBLIC_VENDOR_STATUSES = ['verified'] as const;
/** Engagements both sides signed, whether or not delivered and rated since: 百城牵手万项's matched projects. */
export const SIGNED_ENGAGEMENT_STATUSES = ['signed', 'delivered', 'rated'] as const;
