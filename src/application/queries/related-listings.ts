import { readModel } from '../../projections/read-models.js';
import type { SearchIndex } from '../../search/port.js';
import { extractKeywords, normalize, segment } from '../../search/tokenizer.js';
import { publicListings } from './documents.js';
import { TITLES_REFRESH_MS } from './listing-titles.js';

/** The other side's listings whose words are borrowed, and how many of their words a search takes. */
const SOURCE_LISTINGS = 3;
const RELATED_WORDS = 6;
const WORDS_PER_LISTING = 8;
/** How many of the related words each search holds, in turn, until one finds something. */
const WORDS_TRIED = [RELATED_WORDS, 3, 1];

/** Where related words come from: the solutions for a search of needs, the needs for a search of solutions. */
export type RelatedSource = 'needs' | 'solutions';

/**
 * The words that the public listings of the other side holding `q` are most about, besides the query's own:
 * needs and solutions of one subject word it differently (a need tells of 闭眼、打哈欠 where a solution
 * names 疲劳驾驶), so they say what to look for on this side. None when the other side does not hold `q`.
 */
export function relatedWords(search: SearchIndex, source: RelatedSource, q: string): Promise<string[]> {
  let known = remembered.get(search);
  if (!known) {
    known = new Map();
    remembered.set(search, known);
  }
  const key = `${source} ${q}`;
  const held = known.get(key);
  if (held && Date.now() - held.at < TITLES_REFRESH_MS) return held.words;
  const words = wordsOfOtherSide(search, source, q);
  known.delete(key);
  if (known.size >= MAX_REMEMBERED) known.delete(known.keys().next().value!);
  known.set(key, { words, at: Date.now() });
  words.catch(() => known.delete(key));
  return words;
}

/**
 * Related words found lately, per index: a query that finds nothing is often asked again (the next page, a
 * reload, another visitor), and reading the other side's listings for it costs more than the search. What
 * the other side calls a subject changes slowly: words are kept as long as the titles the speller reads.
 */
const remembered = new WeakMap<SearchIndex, Map<string, { words: Promise<string[]>; at: number }>>();
const MAX_REMEMBERED = 1000;
/** A word of letters and digits, lower-cased by `normalize`: an acronym (ERP, APS), shown as people write it. */
const LATIN = /^[a-z0-9]+$/;

async function wordsOfOtherSide(search: SearchIndex, source: RelatedSource, q: string): Promise<string[]> {
  const found = await readModel(search, source).search({
    q,
    filter: publicListings(source),
    pageSize: SOURCE_LISTINGS,
    matchingStrategy: 'all',
  });
  const own = new Set(segment(q).map(normalize));
  // Summed over the listings: a word several of them share weighs more than one listing's own.
  const weights = new Map<string, number>();
  for (const listing of found.hits) {
    for (const { keyword, weight } of extractKeywords(
      `${listing.title}\n${listing.description}`,
      WORDS_PER_LISTING,
    )) {
      const word = normalize(keyword);
      if ([...own].some((part) => part.includes(word) || word.includes(part))) continue;
      weights.set(word, (weights.get(word) ?? 0) + weight);
    }
  }
  return [...weights]
    .sort((a, b) => b[1] - a[1])
    .slice(0, RELATED_WORDS)
    .map(([word]) => (LATIN.test(word) ? word.toUpperCase() : word));
}

/**
 * A list page for keywords that found nothing here, nor spelled otherwise: searched again with the words of
 * the other side's listings that hold them (`relatedWords`), as many of them as some listing here holds;
 * `relatedQuery` says which words the page holds.
 * The empty page as it was when the other side holds nothing either: a query whose words mean nothing to the
 * platform finds nothing.
 */
export async function relatedWhenEmpty<Page extends { total: number }>(
  q: string | undefined,
  page: Page,
  related: { search: SearchIndex; source: RelatedSource } | undefined,
  searchWith: (q: string) => Promise<Page>,
): Promise<Page & { relatedQuery?: string }> {
  if (page.total > 0 || !q || !related) return page;
  const words = await relatedWords(related.search, related.source, q);
  if (words.length === 0) return page;
  // Fewer words find more listings; each try costs a search, on a page that found nothing.
  for (const count of new Set(WORDS_TRIED.map((n) => Math.min(n, words.length)))) {
    const relatedQuery = words.slice(0, count).join(' ');
    const found = await searchWith(relatedQuery);
    if (found.total > 0) return { ...found, relatedQuery };
  }
  return page;
}
