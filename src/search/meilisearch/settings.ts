import type { Settings } from 'meilisearch';
import type { IndexDefinition } from '../definitions.js';

/**
 * Each document also carries the shared tokenizer's output for its searchable attributes, searched last:
 * Meilisearch segments Chinese with its own jieba cut, which keeps 预测性 whole, so 预测 alone would not
 * find 预测性维护 without the search-mode tokens the embedded index also relies on.
 */
export const TOKENS_ATTRIBUTE = '_tokens';

/** The Meilisearch settings for a definition of `search/`, with the domain dictionary's terms. */
export function meilisearchSettings(definition: IndexDefinition, dictionary: readonly string[]): Settings {
  const settings: Settings = {
    searchableAttributes: [...definition.searchableAttributes, TOKENS_ATTRIBUTE],
    filterableAttributes: definition.filterableAttributes,
    sortableAttributes: definition.sortableAttributes,
    rankingRules: definition.rankingRules,
    synonyms: definition.synonyms,
    stopWords: definition.stopWords,
    localizedAttributes: definition.localizedAttributes,
    dictionary: [...dictionary],
    // Tokens are exact words already; typos on them would match what the embedded index never does.
    typoTolerance: { disableOnAttributes: [TOKENS_ATTRIBUTE] },
    faceting: { ...definition.faceting, sortFacetValuesBy: { '*': 'alpha' } },
  };
  if (definition.displayedAttributes) settings.displayedAttributes = definition.displayedAttributes;
  if (definition.pagination) settings.pagination = definition.pagination;
  return settings;
}

/** The locales a query is segmented with, so that a short query is not mistaken for Japanese. */
export function queryLocales(definition: IndexDefinition): string[] {
  return [...new Set(definition.localizedAttributes.flatMap((rule) => rule.locales))];
}
