/**
 * How a stored match list keeps its results: the first page as they are, the rest of the list deflated, in
 * base64. A request for a page of matches, the one that comes most, then reads a page of explanations and
 * little else. Keeping the rest as a JSON string spared that request parsing it, but not reading it: the SQLite
 * index hands a document back as one string, and turning 65 kB of UTF-8, most of it Chinese (the reasons'
 * details), into a JavaScript string cost as much as parsing it. Deflated and in base64, the rest of a list of
 * 50 is about 5 kB of ASCII, which costs next to nothing to read over.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** Results kept as they are: a page of `/matches` as the API and the pages ask for it unless told. */
export const MATCH_PAGE = 10;

// A type alias, not an interface: it is part of a search document, which takes any attribute.
export type PagedResults<M> = {
  /** The first results of the list, `MATCH_PAGE` at most. */
  results: M[];
  /** The results after those: their JSON, deflated (raw), in base64. Absent when the page holds them all. */
  rest?: string;
  /**
   * The results after the page as plain JSON, as lists were stored before `rest`, until the next rescoring
   * pass; absent in a list stored before lists were paged, whose `results` hold all of it.
   */
  more?: string;
};

export function paged<M>(all: readonly M[]): PagedResults<M> {
  const results = all.slice(0, MATCH_PAGE);
  if (all.length <= MATCH_PAGE) return { results };
  const rest = deflateRawSync(JSON.stringify(all.slice(MATCH_PAGE))).toString('base64');
  return { results, rest };
}

/** The results after the page, read only by a request that asks past it. */
function restOf<M>(list: PagedResults<M>): M[] {
  if (list.rest) return JSON.parse(inflateRawSync(Buffer.from(list.rest, 'base64')).toString()) as M[];
  return list.more ? (JSON.parse(list.more) as M[]) : [];
}

/**
 * The first `count` results of a stored list that `keep` keeps; the rest of the list is read only when the
 * page does not hold them.
 */
export function firstResults<M>(
  list: PagedResults<M>,
  count: number,
  keep: (match: M) => boolean = () => true,
): M[] {
  const kept = list.results.filter(keep);
  if (kept.length >= count || !(list.rest || list.more)) return kept.slice(0, count);
  return [...kept, ...restOf(list).filter(keep)].slice(0, count);
}

/** Every result of a stored list, best first. */
export function allResults<M>(list: PagedResults<M>): M[] {
  return firstResults(list, Number.POSITIVE_INFINITY);
}
