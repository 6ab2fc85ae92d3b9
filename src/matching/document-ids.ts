import type { Filter } from '../search/filter.js';
import type { SearchDocument, SearchIndex } from '../search/port.js';

const PAGE = 1000;

/** Ids of the documents of an index, all of them or those that pass `filter`. */
export async function documentIds(search: SearchIndex, index: string, filter?: Filter): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const result = await search.search<SearchDocument>(index, {
      ...(filter ? { filter } : {}),
      page,
      pageSize: PAGE,
    });
    ids.push(...result.hits.map((h) => h.id));
    if (result.hits.length < PAGE || page * PAGE >= result.total) return ids;
  }
}

/**
 * Demanders suspended (or cancelled) now: their needs are matched with no one, stored list or
 * recommendation, until they are reinstated. (A suspended vendor's solutions are left out by their own status, which they carry.)
 */
export function suspendedDemanders(search: SearchIndex): Promise<string[]> {
  return documentIds(search, 'organizations', {
    and: [
      { field: 'kind', op: 'eq', value: 'demander' },
      { field: 'status', op: 'in', value: ['suspended', 'cancelled'] },
    ],
  });
}
