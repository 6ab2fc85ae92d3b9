/**
 * The one Chinese segmentation used for indexing and for queries: jieba's default dictionary plus the domain
 * dictionary `search/dictionary.txt`, text normalized (NFKC, lower case), punctuation and stop words dropped.
 *
 * Indexing emits jieba's search-mode cut (冷链物流 also yields 冷链 and 物流, 预测性维护 yields 预测, 预测性,
 * 维护) plus, for every domain term, the words the default dictionary splits it into (冷链物流 → 冷链 物流).
 * A query term that is a domain term matches the term itself or all of its parts, so 冷链物流, 冷链 and
 * 物流 find each other whichever way a document or a query happens to be segmented.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';
import { SEARCH_DIR } from './definitions.js';

export const DICTIONARY_PATH = join(SEARCH_DIR, 'dictionary.txt');
export const STOP_WORDS_PATH = join(SEARCH_DIR, 'stop-words.txt');

/** Meilisearch reads only the first 10 words of a query; the embedded index does the same. */
export const MAX_QUERY_TERMS = 10;

export interface QueryTerm {
  /** The word as segmented (normalized). */
  term: string;
  /** For a domain term, the words it splits into: a document holding all of them matches too. */
  parts: string[];
}

export interface Keyword {
  keyword: string;
  weight: number;
}

interface Segmenter {
  jieba: Jieba;
  parts: ReadonlyMap<string, readonly string[]>;
  stopWords: ReadonlySet<string>;
}

let segmenter: Segmenter | undefined;
let tfidf: TfIdf | undefined;

const WORD = /[\p{L}\p{N}]/u;
/** Keywords need a letter: a bare number (12, 2.8, 40%) says nothing about what a text is about. */
const LETTER = /\p{L}/u;

export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

function lines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

/** The terms of the domain dictionary as written (first column), e.g. for Meilisearch's `dictionary`. */
export function dictionaryTerms(): string[] {
  return lines(DICTIONARY_PATH).map((line) => line.split(/\s+/)[0]!);
}

/** Loaded on first use (a few hundred milliseconds), then shared by the whole process. */
function load(): Segmenter {
  if (segmenter) return segmenter;
  const jieba = Jieba.withDict(dict);
  const entries = lines(DICTIONARY_PATH).map((line) => normalize(line));
  // The parts come from the default dictionary alone, so they are cut before the domain terms are added.
  const parts = new Map<string, string[]>();
  for (const entry of entries) {
    const term = entry.split(/\s+/)[0]!;
    const split = jieba.cut(term, true).filter((w) => WORD.test(w));
    if (split.length > 1) parts.set(term, split);
  }
  jieba.loadDict(Buffer.from(entries.join('\n')));
  const stopWords = new Set(lines(STOP_WORDS_PATH).map(normalize));
  segmenter = { jieba, parts, stopWords };
  return segmenter;
}

/** The stop words of `search/stop-words.txt`, which the generator also writes into every definition. */
export function defaultStopWords(): ReadonlySet<string> {
  return load().stopWords;
}

const keep = (stopWords: ReadonlySet<string>) => (word: string) => WORD.test(word) && !stopWords.has(word);

/** The plain segmentation of a text (normalized, without punctuation and stop words). */
export function segment(text: string, stopWords: ReadonlySet<string> = defaultStopWords()): string[] {
  return load().jieba.cut(normalize(text), true).filter(keep(stopWords));
}

/** Tokens to index for a text, in text order, repeated as often as they occur (term frequency counts). */
export function indexTokens(text: string, stopWords: ReadonlySet<string> = defaultStopWords()): string[] {
  const { jieba, parts } = load();
  const kept = keep(stopWords);
  const tokens: string[] = [];
  for (const word of jieba.cutForSearch(normalize(text), true)) {
    if (!kept(word)) continue;
    tokens.push(word);
    for (const part of parts.get(word) ?? []) if (kept(part)) tokens.push(part);
  }
  return tokens;
}

/** The distinct terms of a query, in order, at most MAX_QUERY_TERMS. */
export function queryTerms(text: string, stopWords: ReadonlySet<string> = defaultStopWords()): QueryTerm[] {
  const { parts } = load();
  const kept = keep(stopWords);
  const terms = [...new Set(segment(text, stopWords))].slice(0, MAX_QUERY_TERMS);
  return terms.map((term) => ({ term, parts: (parts.get(term) ?? []).filter(kept) }));
}

/**
 * The top-N keywords of a text by jieba's TF-IDF, best first: what the matcher searches with, since a
 * description pasted as a query would be cut to its first 10 words. `allowedPos` keeps only those jieba
 * part-of-speech tags (n, nz, vn, v…; domain terms are nz).
 */
export function extractKeywords(text: string, topN: number, allowedPos?: string[]): Keyword[] {
  const { jieba, stopWords } = load();
  if (!tfidf) {
    tfidf = TfIdf.withDict(idf);
    // Stop words are filtered below: this binding fails on a stopWords option (napi conversion error).
    tfidf.setConfig({ minKeywordLength: 2, useHmm: true });
  }
  return tfidf
    .extractKeywords(jieba, normalize(text), topN * 2, allowedPos)
    .filter(({ keyword }) => LETTER.test(keyword) && !stopWords.has(keyword))
    .slice(0, topN);
}
