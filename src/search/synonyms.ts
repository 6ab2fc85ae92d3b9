import { join } from 'node:path';
import type { TechnologyEntry } from '../domain/shared/taxonomy.js';
import { SEARCH_DIR } from './definitions.js';

/**
 * `search/abbreviations.txt`: the standard abbreviations of the trade, each followed by what it stands for
 * (APS 高级计划排程 高级计划与排程). Written by hand from the domain, never from the judged queries. An
 * abbreviation means exactly its full form, so they are synonyms, at full weight.
 */
export const ABBREVIATIONS_PATH = join(SEARCH_DIR, 'abbreviations.txt');

/**
 * Search synonyms generated from the taxonomy: each technology's Chinese label ↔ each of its aliases, in
 * both directions (视觉检测 finds 机器视觉 and 机器视觉 finds 视觉检测), in Meilisearch's shape
 * `{ word: [synonyms] }`. Aliases of one technology are not made synonyms of each other: they are often
 * narrower than the label (传感器, 感知 under 物联网) and would drift apart.
 */
export function technologySynonyms(technologies: readonly TechnologyEntry[]): Record<string, string[]> {
  return linked(technologies.map((tech) => [tech.zh, ...tech.aliases]));
}

/** Each group's head ↔ each of the others, merged over the groups (a technology, an abbreviation's line). */
export function linked(groups: readonly (readonly string[])[]): Record<string, string[]> {
  const synonyms = new Map<string, Set<string>>();
  const link = (from: string, to: string) => {
    if (from === to) return;
    const set = synonyms.get(from) ?? new Set<string>();
    set.add(to);
    synonyms.set(from, set);
  };
  for (const [head, ...others] of groups) {
    for (const other of others) {
      link(head!, other);
      link(other, head!);
    }
  }
  return Object.fromEntries([...synonyms].map(([word, set]) => [word, [...set]]));
}
