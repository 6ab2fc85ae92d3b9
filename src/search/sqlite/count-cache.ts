import type { FacetDistribution } from '../port.js';

export interface Counts {
  total: number;
  facetDistribution: FacetDistribution;
}

/**
 * Totals and facet counts of recent searches, each kept with the version of the index it was counted on
 * and used only while that version holds. Counting facets over tens of thousands of documents is the
 * costly part of a list page; the page itself is always read fresh.
 */
export function createCountCache(capacity = 256) {
  const entries = new Map<string, { version: string; counts: Counts }>();
  return {
    get(key: string, version: string): Counts | undefined {
      const entry = entries.get(key);
      if (!entry || entry.version !== version) return undefined;
      entries.delete(key);
      entries.set(key, entry);
      return entry.counts;
    },
    set(key: string, version: string, counts: Counts): void {
      entries.delete(key);
      entries.set(key, { version, counts });
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
    },
  };
}

export type CountCache = ReturnType<typeof createCountCache>;
