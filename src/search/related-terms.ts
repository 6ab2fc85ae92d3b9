import { join } from 'node:path';
import { SEARCH_DIR } from './definitions.js';

/**
 * The domain thesaurus `search/related-terms.txt`: one line per word, followed by the words that should
 * also find what it finds (养老 老人 适老 看护 医养). Written by hand from the domain, never from the judged
 * queries.
 */
export const RELATED_TERMS_PATH = join(SEARCH_DIR, 'related-terms.txt');

/**
 * Related terms in Meilisearch's synonym shape `{ word: [related] }`, each link in both directions: the
 * curated lines, and each taxonomy label joined from several (安全生产与节能环保) with its pieces.
 */
export function relatedTerms(
  curated: readonly (readonly string[])[],
  labels: readonly string[],
): Record<string, string[]> {
  const related = new Map<string, Set<string>>();
  const link = (from: string, to: string) => {
    if (from === to) return;
    const set = related.get(from) ?? new Set<string>();
    set.add(to);
    related.set(from, set);
  };
  const group = (head: string, others: readonly string[]) => {
    for (const other of others) {
      link(head, other);
      link(other, head);
    }
  };
  for (const [head, ...others] of curated) if (head) group(head, others);
  for (const label of labels) {
    const pieces = label.split(/[与和及等]/u).filter((piece) => [...piece].length >= 2);
    if (pieces.length > 1) group(label, pieces);
  }
  return Object.fromEntries([...related].map(([word, set]) => [word, [...set]]));
}
