import { Speller } from '../../search/spelling.js';
import { dictionaryTerms, searchTokens } from '../../search/tokenizer.js';
import type { ListingTitle, ListingTitles } from './listing-titles.js';

/** How many corrected queries are tried before giving up: each costs a search. */
const MAX_TRIES = 3;

/** Corrected spellings of a query, best first. */
export type QueryCorrector = (q: string) => Promise<string[]>;

/** One speller per copy of the titles: rebuilt only when the titles were reloaded. */
const spellers = new WeakMap<readonly ListingTitle[], Speller>();

/**
 * Corrections from the words of the public listings' titles and the domain dictionary (taxonomy labels,
 * related terms, abbreviations): what a query that found nothing was probably meant to be.
 */
export function titleCorrector(titles: ListingTitles): QueryCorrector {
  return async (q) => {
    const current = await titles.current();
    let speller = spellers.get(current);
    if (!speller) {
      speller = new Speller(
        current.map((t) => t.title),
        dictionaryTerms(),
        (text) => searchTokens(text),
      );
      spellers.set(current, speller);
    }
    return speller.corrections(q, MAX_TRIES);
  };
}

/**
 * A list page for keywords that found nothing, searched again with the first corrected spelling that
 * finds something; `correctedQuery` says which query the page holds. Without a corrector, or when no
 * correction finds anything, the empty page as it was.
 */
export async function correctedWhenEmpty<Page extends { total: number }>(
  q: string | undefined,
  page: Page,
  search: (q: string) => Promise<Page>,
  corrector: QueryCorrector | undefined,
): Promise<Page & { correctedQuery?: string }> {
  if (page.total > 0 || !q || !corrector) return page;
  for (const corrected of await corrector(q)) {
    const found = await search(corrected);
    if (found.total > 0) return { ...found, correctedQuery: corrected };
  }
  return page;
}
