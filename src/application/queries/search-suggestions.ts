import { industries, scenarioTypes, technologies } from '../../domain/shared/taxonomy.js';
import { isTelling, normalize, segment } from '../../search/tokenizer.js';

const MAX_SUGGESTIONS = 5;

/** The taxonomy's words a visitor might have meant: technologies with their aliases, industries, scenarios. */
const TAXONOMY_WORDS = [
  ...new Set([
    ...technologies.flatMap((t) => [t.zh, ...t.aliases]),
    ...industries.map((e) => e.zh),
    ...scenarioTypes.map((e) => e.zh),
  ]),
];

/** Shared characters over all characters (Dice), so 视觉监测 is close to 视觉检测 and far from 云计算. */
function closeness(a: string, b: string): number {
  const left = [...normalize(a)];
  const right = new Set(normalize(b));
  const shared = left.filter((c) => right.has(c)).length;
  return (2 * shared) / (left.length + right.size);
}

/**
 * What to search instead of a query that found nothing (您是不是要找…): the query with one word dropped, then
 * the closest taxonomy terms, each only if it finds something and holds a word that tells what is meant:
 * 不 存在 东西 (不存在的东西xyz without xyz) would find whatever happens to contain 存在. `finds` answers
 * how many listings a query finds for the same viewer and filters.
 */
export async function searchSuggestions(q: string, finds: (q: string) => Promise<number>): Promise<string[]> {
  const words = segment(q);
  const dropped = words.length > 1 ? words.map((_, i) => words.filter((__, j) => j !== i).join(' ')) : [];
  const close = TAXONOMY_WORDS.map((word) => ({ word, score: closeness(q, word) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_SUGGESTIONS)
    .map(({ word }) => word);
  const suggestions: string[] = [];
  const telling = (candidate: string) => segment(candidate).some(isTelling);
  for (const candidate of [...new Set([...dropped, ...close])].filter(telling)) {
    if (suggestions.length === MAX_SUGGESTIONS) break;
    if ((await finds(candidate)) > 0) suggestions.push(candidate);
  }
  return suggestions;
}
