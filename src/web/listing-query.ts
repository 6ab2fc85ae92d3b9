export const PAGE_SIZE = 10;

export type FacetParam = 'industry' | 'city' | 'technology' | 'status';

/** The parameters every listing page passes to its application query. */
export interface ListingQuery {
  q?: string;
  industry?: string;
  city?: string;
  technology?: string;
  status?: string;
  sort?: string;
  page: number;
  pageSize: number;
}
const MAX_PAGE = 1000;

export interface SortChoice {
  key: string;
  label: string;
  /** The index's sort rule; none for relevance. */
  rule?: string;
}

/** Reads the search parameters of a listing page; anything malformed falls back to its default. */
export function listingQuery(
  params: Record<string, string | undefined>,
  sorts: SortChoice[],
  facetParams: FacetParam[],
): { query: ListingQuery; sortKey: string } {
  // Not cut short: a query too long is refused by the list's schema, and the page says so.
  const q = params.q?.trim() || undefined;
  const page = Math.min(MAX_PAGE, Math.max(1, Number.parseInt(params.page ?? '1', 10) || 1));
  // With keywords the best matches come first; without, the newest.
  const defaultSort = q ? sorts[0]! : (sorts[1] ?? sorts[0]!);
  const sort = sorts.find((s) => s.key === params.sort) ?? defaultSort;
  const query: ListingQuery = { page, pageSize: PAGE_SIZE };
  if (q) query.q = q;
  if (sort.rule) query.sort = sort.rule;
  for (const name of facetParams) {
    const value = params[name]?.trim();
    if (value) query[name] = value.slice(0, 64);
  }
  return { query, sortKey: sort.key };
}

/** The URL of the same listing with some parameters changed (null removes one); filters reset the page. */
export function listingHref(
  path: string,
  params: Record<string, string | undefined>,
  changes: Record<string, string | null>,
): string {
  const next = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) next.set(key, value);
  if (!('page' in changes)) next.delete('page');
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) next.delete(key);
    else next.set(key, value);
  }
  const search = next.toString();
  return search ? `${path}?${search}` : path;
}
