import type { TechnologyEntry } from '../domain/shared/taxonomy.js';

/**
 * Search synonyms generated from the taxonomy: each technology's Chinese label ↔ each of its aliases, in
 * both directions (视觉检测 finds 机器视觉 and 机器视觉 finds 视觉检测), in Meilisearch's shape
 * `{ word: [synonyms] }`. Aliases of one technology are not made synonyms of each other: they are often
 * narrower than the label (传感器, 感知 under 物联网) and would drift apart.
 */
export function technologySynonyms(technologies: readonly TechnologyEntry[]): Record<string, string[]> {
  const synonyms = new Map<string, Set<string>>();
  const link = (from: string, to: string) => {
    if (from === to) return;
    const set = synonyms.get(from) ?? new Set<string>();
    set.add(to);
    synonyms.set(from, set);
  };
  for (const tech of technologies) {
    for (const alias of tech.aliases) {
      link(tech.zh, alias);
      link(alias, tech.zh);
    }
  }
  return Object.fromEntries([...synonyms].map(([word, set]) => [word, [...set]]));
}
