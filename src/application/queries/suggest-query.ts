import { z } from 'zod';
import { cities, industries, scenarioTypes, technologies } from '../../domain/shared/taxonomy.js';
import { parseInput } from '../../domain/shared/validation.js';
import { type ListingTitle, matchKey } from './listing-titles.js';

export const MAX_SUGGESTIONS = 20;
const DEFAULT_SUGGESTIONS = 8;
const MAX_PREFIX = 50;

export const suggestMessages = {
  q: `请输入 1 到 ${MAX_PREFIX} 个字符`,
  limit: `条数须为 1 到 ${MAX_SUGGESTIONS} 的整数`,
} as const;

export const suggestQuerySchema = z.object({
  q: z
    .string({ error: suggestMessages.q })
    .trim()
    .min(1, suggestMessages.q)
    .max(MAX_PREFIX, suggestMessages.q)
    .meta({ description: '已输入的文字（前缀）' }),
  limit: z.coerce
    .number({ error: suggestMessages.limit })
    .int(suggestMessages.limit)
    .min(1, suggestMessages.limit)
    .max(MAX_SUGGESTIONS, suggestMessages.limit)
    .default(DEFAULT_SUGGESTIONS)
    .meta({ description: `最多返回条数，默认 ${DEFAULT_SUGGESTIONS}，最多 ${MAX_SUGGESTIONS}` }),
});
export type SuggestQuery = z.input<typeof suggestQuerySchema>;

export type SuggestionKind = 'industry' | 'scenarioType' | 'technology' | 'city' | 'need' | 'solution';

export interface Suggestion {
  /** What to put in the search box. */
  text: string;
  kind: SuggestionKind;
  /** The taxonomy code, for a label. */
  code?: string;
  /** The listing's id, for a title. */
  id?: string;
}

interface Label {
  text: string;
  kind: SuggestionKind;
  code: string;
  key: string;
}

/** Every label a person may type: Chinese labels, and the technologies' aliases (AI, 视觉检测, SaaS…). */
const LABELS: readonly Label[] = [
  ...industries.map((e) => ({ text: e.zh, kind: 'industry' as const, code: e.code })),
  ...scenarioTypes.map((e) => ({ text: e.zh, kind: 'scenarioType' as const, code: e.code })),
  ...technologies.flatMap((e) =>
    [e.zh, ...e.aliases].map((text) => ({ text, kind: 'technology' as const, code: e.code })),
  ),
  ...cities.map((e) => ({ text: e.zh, kind: 'city' as const, code: e.code })),
].map((label) => ({ ...label, key: matchKey(label.text) }));

/**
 * GET /api/v1/suggest: what to offer under the search box as the visitor types. Labels of the taxonomy
 * and titles of public listings that begin with the typed text come first (labels, being short, before
 * titles), then titles that hold it further in; each text once.
 */
export function suggest(titles: readonly ListingTitle[], input: SuggestQuery): Suggestion[] {
  const query = parseInput(suggestQuerySchema, input);
  const typed = matchKey(query.q);
  const starts: Suggestion[] = [];
  const within: Suggestion[] = [];
  for (const label of LABELS) {
    if (label.key.startsWith(typed)) starts.push({ text: label.text, kind: label.kind, code: label.code });
  }
  for (const { kind, id, title, key } of titles) {
    const at = key.indexOf(typed);
    if (at === 0) starts.push({ text: title, kind, id });
    else if (at > 0) within.push({ text: title, kind, id });
  }
  const seen = new Set<string>();
  const unique = [...starts, ...within].filter((s) => !seen.has(s.text) && seen.add(s.text));
  return unique.slice(0, query.limit);
}

/**
 * The options of a search box's <datalist> on pages, which run no script: every label and the newest
 * `maxTitles` titles of the listings the box searches, each once; the browser narrows them to what the
 * visitor types.
 */
export function searchBoxOptions(
  titles: readonly ListingTitle[],
  kind: ListingTitle['kind'],
  maxTitles: number,
): string[] {
  const newest = titles.filter((t) => t.kind === kind).slice(0, maxTitles);
  return [...new Set([...LABELS.map((l) => l.text), ...newest.map((t) => t.title)])];
}
