import type { Settings } from 'meilisearch';
import type { IndexDefinition } from '../definitions.js';

/**
 * Each document also carries the shared tokenizer's output for its searchable attributes, searched last:
 * Meilisearch segments Chinese with its own jieba cut, which keeps 预测性 whole, so 预测 alone would not
 * find 预测性维护 without the search-mode tokens the embedded index also relies on.
 */
export const TOKENS_ATTRIBUTE = '_tokens';

/**
 * An attribute of taxonomy codes is searched as the words of its labels, which each document carries under
 * this attribute (`_labels.technologies`: 机器视觉 视觉检测 …), in the attribute's place of the ranking.
 */
export const LABELS_ATTRIBUTE = '_labels';

const searchedAs = (definition: IndexDefinition) => (attribute: string) =>
  attribute in definition.labels ? `${LABELS_ATTRIBUTE}.${attribute}` : attribute;

/**
 * Meilisearch has no weaker kind of synonym: related terms join the synonyms and count as much as the word
 * itself there (the embedded index counts them half).
 */
function withRelatedTerms(definition: IndexDefinition): Record<string, string[]> {
  const merged: Record<string, string[]> = { ...definition.synonyms };
  for (const [word, related] of Object.entries(definition.relatedTerms)) {
    merged[word] = [...new Set([...(merged[word] ?? []), ...related])];
  }
  return merged;
}

/** The Meilisearch settings for a definition of `search/`, with the domain dictionary's terms. */
export function meilisearchSettings(definition: IndexDefinition, dictionary: readonly string[]): Settings {
  const settings: Settings = {
    searchableAttributes: [...definition.searchableAttributes.map(searchedAs(definition)), TOKENS_ATTRIBUTE],
    filterableAttributes: definition.filterableAttributes,
    sortableAttributes: definition.sortableAttributes,
    rankingRules: definition.rankingRules,
    synonyms: withRelatedTerms(definition),
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
