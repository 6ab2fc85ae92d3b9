import { anonymous } from '../domain/shared/actor.js';
import type { SavedSearch } from '../domain/subscription/state.js';
import { allOf, type Filter } from '../search/filter.js';
import type { SearchIndex } from '../search/port.js';
import { searchNeeds } from './queries/needs-query.js';
import { searchSolutions } from './queries/solutions-query.js';

/** Any of the codes; no codes, no condition. */
const anyOf = (field: string, codes: string[]): Filter | undefined =>
  codes.length === 0 ? undefined : { field, op: 'in', value: codes };

/**
 * Whether the public search would return the listing for this saved search: the search endpoint's own
 * query (keywords, matching strategy, what the public may see) narrowed to the one listing. A list of
 * codes is the union of searching with each code: the endpoint's filter on one code is `eq` (and, for a
 * solution's city, that city or the whole province), and `in` on the same attribute is their `or`.
 */
export async function savedSearchFinds(
  search: SearchIndex,
  saved: SavedSearch,
  listingId: string,
): Promise<boolean> {
  const query = { q: saved.q || undefined, page: 1, pageSize: 1 };
  const only: Filter = { field: 'id', op: 'eq', value: listingId };
  if (saved.kind === 'needs') {
    const within = allOf(
      only,
      anyOf('industry', saved.industries),
      anyOf('technologies', saved.technologies),
      anyOf('city', saved.cities),
    );
    return (await searchNeeds(search, anonymous, query, within)).total > 0;
  }
  const within = allOf(
    only,
    anyOf('industries', saved.industries),
    anyOf('technologies', saved.technologies),
    anyOf('regionsServed', saved.cities.length === 0 ? [] : [...saved.cities, '*']),
  );
  return (await searchSolutions(search, anonymous, query, within)).total > 0;
}
