/**
 * Keeps `search/` in step with the taxonomy. Run after changing the taxonomy, the stop words or the
 * dictionary: `node bin/run-ts.js src/search/generate-definitions.ts`.
 *
 * - writes the taxonomy synonyms into every definition that has a `synonyms` key, the related terms into
 *   every definition that has a `relatedTerms` key, the taxonomy labels of each searchable attribute holding
 *   codes into every definition that has a `labels` key, and the stop words of `search/stop-words.txt` into
 *   every definition;
 * - rewrites `search/dictionary.txt` in jieba's user-dictionary format `term freq tag`: the terms already
 *   there (a term may be added by hand on a line of its own) plus every taxonomy label and alias, each with a
 *   frequency high enough to keep it whole, and never lower than the default dictionary's own; and the
 *   words of `search/related-terms.txt` and `search/abbreviations.txt` the same way.
 * A unit test fails when the files drift from what this would write.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { dict } from '@node-rs/jieba/dict.js';
import {
  cities,
  industries,
  qualifications,
  scenarioTypes,
  technologies,
} from '../domain/shared/taxonomy.js';
import { SEARCH_DIR } from './definitions.js';
import { RELATED_TERMS_PATH, relatedTerms } from './related-terms.js';
import { ABBREVIATIONS_PATH, linked } from './synonyms.js';
import { DICTIONARY_PATH, STOP_WORDS_PATH } from './tokenizer.js';

/** Enough for a compound of two common words (冷链 + 物流) to win over its split, checked on the fixtures. */
export const DOMAIN_TERM_FREQUENCY = 1000;
const DOMAIN_TERM_TAG = 'nz';

/** Labels are split where jieba could not keep them whole (ISO/IEC 27001, 专精特新“小巨人”企业). */
function dictionaryPieces(label: string): string[] {
  return label.split(/[^\p{L}\p{N}]+/u).filter((piece) => /\p{L}/u.test(piece) && [...piece].length >= 2);
}

export function taxonomyTerms(): string[] {
  const labels = [
    ...industries.map((e) => e.zh),
    ...scenarioTypes.map((e) => e.zh),
    ...technologies.flatMap((e) => [e.zh, ...e.aliases]),
    ...cities.map((e) => e.zh),
    ...qualifications.map((e) => e.zh),
  ];
  return [...new Set(labels.flatMap(dictionaryPieces))];
}

/** The lines of a curated word list (related terms, abbreviations), each split into its words. */
function wordLines(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/).filter(Boolean))
    .filter((words) => words.length > 1);
}

/**
 * The words of the curated lists, for the dictionary where jieba's own lacks them: a query keeps them
 * whole, so a related term or an abbreviation's full form that jieba would split (疲劳驾驶, 制造执行系统)
 * still finds what it is linked to.
 */
export function curatedTerms(): string[] {
  return [...new Set([...wordLines(RELATED_TERMS_PATH), ...wordLines(ABBREVIATIONS_PATH)].flat())].flatMap(
    dictionaryPieces,
  );
}

export function readStopWords(): string[] {
  return readFileSync(STOP_WORDS_PATH, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The technologies' labels ↔ their aliases, and the abbreviations ↔ their full forms. */
export function generatedSynonyms(): Record<string, string[]> {
  return linked([
    ...technologies.map((tech) => [tech.zh, ...tech.aliases]),
    ...wordLines(ABBREVIATIONS_PATH),
  ]);
}

export function generatedRelatedTerms(): Record<string, string[]> {
  return relatedTerms(
    wordLines(RELATED_TERMS_PATH),
    [...industries, ...scenarioTypes].map((e) => e.zh),
  );
}

/** Which taxonomy a searchable attribute's codes come from. */
const LABELLED: Record<string, 'industry' | 'scenarioType' | 'technology' | 'city'> = {
  industry: 'industry',
  industries: 'industry',
  scenarioType: 'scenarioType',
  scenarioTypes: 'scenarioType',
  technologies: 'technology',
  city: 'city',
  regionsServed: 'city',
};

/** A code's words: its label, and a technology's aliases too; a region `*` is the whole province. */
function codeWords(kind: (typeof LABELLED)[string]): Record<string, string[]> {
  switch (kind) {
    case 'technology':
      return Object.fromEntries(technologies.map((e) => [e.code, [e.zh, ...e.aliases]]));
    case 'city':
      return { '*': ['全省', '山东'], ...Object.fromEntries(cities.map((e) => [e.code, [e.zh]])) };
    case 'industry':
      return Object.fromEntries(industries.map((e) => [e.code, [e.zh]]));
    case 'scenarioType':
      return Object.fromEntries(scenarioTypes.map((e) => [e.code, [e.zh]]));
  }
}

export function generatedLabels(searchable: readonly string[]): Record<string, Record<string, string[]>> {
  return Object.fromEntries(
    searchable.flatMap((name) => {
      const kind = LABELLED[name];
      return kind ? [[name, codeWords(kind)]] : [];
    }),
  );
}

/** A definition file's JSON as the generator would write it; keys keep their order. */
export function generatedDefinition(raw: Record<string, unknown>): Record<string, unknown> {
  const next: Record<string, unknown> = { ...raw, stopWords: readStopWords() };
  if ('synonyms' in raw) next.synonyms = generatedSynonyms();
  if ('relatedTerms' in raw) next.relatedTerms = generatedRelatedTerms();
  if ('labels' in raw) next.labels = generatedLabels(raw.searchableAttributes as string[]);
  return next;
}

/** The default dictionary's frequency and tag of the given (lower-case) words, where it has them. */
function defaultEntries(words: ReadonlySet<string>): Map<string, { freq: number; tag: string }> {
  const entries = new Map<string, { freq: number; tag: string }>();
  for (const line of Buffer.from(dict).toString('utf8').split('\n')) {
    const word = line.slice(0, line.indexOf(' ')).toLowerCase();
    if (!words.has(word)) continue;
    const [, freq, tag] = line.trim().split(/\s+/);
    const known = entries.get(word);
    if (freq && (!known || known.freq < Number(freq))) {
      entries.set(word, { freq: Number(freq), tag: tag ?? DOMAIN_TERM_TAG });
    }
  }
  return entries;
}

/** The dictionary lines for the given existing lines: their terms first, then missing taxonomy terms. */
export function generatedDictionary(existing: readonly string[]): string[] {
  const existingTerms = existing.map((line) => line.trim().split(/\s+/)[0]).filter((t): t is string => !!t);
  const curated = curatedTerms();
  const defaults = defaultEntries(
    new Set([...existingTerms, ...taxonomyTerms(), ...curated].map((t) => t.toLowerCase())),
  );
  // A curated word the default dictionary has is kept whole already.
  const terms = [
    ...existingTerms,
    ...taxonomyTerms(),
    ...curated.filter((t) => !defaults.has(t.toLowerCase())),
  ];
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const term of terms) {
    const key = term.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const known = defaults.get(key);
    const freq = Math.max(DOMAIN_TERM_FREQUENCY, known?.freq ?? 0);
    lines.push(`${term} ${freq} ${known?.tag ?? DOMAIN_TERM_TAG}`);
  }
  return lines;
}

export function definitionFiles(): string[] {
  return readdirSync(SEARCH_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => join(SEARCH_DIR, f));
}

export const formatJson = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

function main(): void {
  for (const file of definitionFiles()) {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    writeFileSync(file, formatJson(generatedDefinition(raw)));
    console.log(`wrote ${file}`);
  }
  const existing = readFileSync(DICTIONARY_PATH, 'utf8').split('\n');
  const lines = generatedDictionary(existing);
  writeFileSync(DICTIONARY_PATH, `${lines.join('\n')}\n`);
  console.log(`wrote ${DICTIONARY_PATH} (${lines.length} terms)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
