/**
 * How a stored match list keeps its results: the first page as they are, the rest of the list as one JSON
 * string. A request for a page of matches, the one that comes most, then parses only a page of explanations:
 * parsing all 50 of them (about 45 kB) cost that request more than twice a single need's read.
 */

/** Results kept as they are: a page of `/matches` as the API and the pages ask for it unless told. */
export const MATCH_PAGE = 10;

// A type alias, not an interface: it is part of a search document, which takes any attribute.
export type PagedResults<M> = {
  /** The first results of the list, `MATCH_PAGE` at most. */
  results: M[];
  /**
   * The results after those, as JSON, read only by a request that asks past the page. Absent in a list stored
   * before lists were paged, whose `results` hold all of it, until the next rescoring pass.
   */
  more?: string;
};

export function paged<M>(all: readonly M[]): PagedResults<M> {
  return { results: all.slice(0, MATCH_PAGE), more: JSON.stringify(all.slice(MATCH_PAGE)) };
}

/**
 * The first `count` results of a stored list that `keep` keeps; the rest of the list is parsed only when the
 * page does not hold them.
 */
export function firstResults<M>(
  list: PagedResults<M>,
  count: number,
  keep: (match: M) => boolean = () => true,
): M[] {
  const kept = list.results.filter(keep);
  if (kept.length >= count || !list.more) return kept.slice(0, count);
  return [...kept, ...(JSON.parse(list.more) as M[]).filter(keep)].slice(0, count);
}

/** Every result of a stored list, best first. */
export function allResults<M>(list: PagedResults<M>): M[] {
  return firstResults(list, Number.POSITIVE_INFINITY);
}
