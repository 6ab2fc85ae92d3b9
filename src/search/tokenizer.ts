/**
 * The one Chinese segmentation used for indexing and for queries: jieba's default dictionary plus the domain
 * dictionary `search/dictionary.txt`, text normalized (NFKC, lower case, traditional characters folded to
 * simplified), punctuation and stop words dropped.
 *
 * The search index holds every dictionary word found anywhere in a text and every single character (jieba's
 * full mode, `searchTokens`): 人工智能排产 yields 人工智能, 人工, 智能, 智能排产 and 排, 产, whichever way the
 * precise cut would have split it. A query is cut precisely; a query word the dictionary knows is then in the
 * index wherever the text holds it, whatever stands next to it, and a word only the HMM found (排单) is
 * matched by its dictionary pieces. A domain term also matches all of its parts (冷链物流 → 冷链 物流).
 *
 * `indexTokens` (jieba's search-mode cut, without the single characters) is what matching weighs texts by.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Jieba, TfIdf } from '@node-rs/jieba';
import { dict, idf } from '@node-rs/jieba/dict.js';
import { SEARCH_DIR } from './definitions.js';
import { toSimplified } from './traditional.js';

export const DICTIONARY_PATH = join(SEARCH_DIR, 'dictionary.txt');
export const STOP_WORDS_PATH = join(SEARCH_DIR, 'stop-words.txt');

/** Meilisearch reads only the first 10 words of a query; the embedded index does the same. */
export const MAX_QUERY_TERMS = 10;

export interface QueryTerm {
  /** The word as segmented (normalized). */
  term: string;
  /**
   * For a domain term, the words it splits into: a document holding all of them matches too. For a word
   * the dictionary does not know, the pieces the index holds instead of it.
   */
  parts: string[];
  /** Whether the index holds the word itself (a dictionary word, or letters and digits). */
  indexed: boolean;
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
  return toSimplified(text.normalize('NFKC').toLowerCase());
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

const LATIN_WORD = /^[a-z0-9]+$/;

/**
 * The precise cut, with each run of letters and digits whole again: the domain dictionary's acronyms (his, ar)
 * would otherwise cut histdemander into his + tdemander, while the index's full mode keeps it whole.
 */
function preciseCut(text: string): string[] {
  const words: string[] = [];
  let latin = false;
  for (const word of load().jieba.cut(normalize(text), true)) {
    const isLatin = LATIN_WORD.test(word);
    if (isLatin && latin) words[words.length - 1] += word;
    else words.push(word);
    latin = isLatin;
  }
  return words;
}

/** The plain segmentation of a text (normalized, without punctuation and stop words). */
export function segment(text: string, stopWords: ReadonlySet<string> = defaultStopWords()): string[] {
  return preciseCut(text).filter(keep(stopWords));
}

/** A word of a text's precise cut, with where it starts (in characters) and whether it is searched for. */
export interface TextWord {
  text: string;
  start: number;
  /** False for punctuation, spaces and stop words. */
  kept: boolean;
}

/** The precise cut of a text, normalized, every piece kept in place: the words a correction may replace. */
export function queryWords(text: string, stopWords: ReadonlySet<string> = defaultStopWords()): TextWord[] {
  const kept = keep(stopWords);
  let start = 0;
  return preciseCut(text).map((word) => {
    const piece = { text: word, start, kept: kept(word) };
    start += [...word].length;
    return piece;
  });
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

/**
 * Tokens for the search index: every dictionary word and every character of the text (full mode), in text
 * order and as often as they occur, so that a query word is found wherever the text holds it.
 */
export function searchTokens(text: string, stopWords: ReadonlySet<string> = defaultStopWords()): string[] {
  return load().jieba.cutAll(normalize(text)).filter(keep(stopWords));
}

/** The distinct terms of a query, in order, at most MAX_QUERY_TERMS. */
export function queryTerms(text: string, stopWords: ReadonlySet<string> = defaultStopWords()): QueryTerm[] {
  const { jieba, parts } = load();
  const kept = keep(stopWords);
  const terms = [...new Set(segment(text, stopWords))].slice(0, MAX_QUERY_TERMS);
  return terms.map((term) => {
    // Full mode yields a word whole only when the dictionary has it (or it is a run of letters and digits).
    if (jieba.cutAll(term).includes(term)) {
      return { term, parts: (parts.get(term) ?? []).filter(kept), indexed: true };
    }
    return { term, parts: jieba.cut(term, false).filter(kept), indexed: false };
  });
}

let idfs: Map<string, number> | undefined;
let medianIdf = 0;

/**
 * How much a query word says, as jieba's inverse document frequency: 存在 and 东西 little, 养老 and 看护 much.
 * A word the corpus behind it never saw (a domain term, a product name, xyz) weighs the median, as jieba's
 * keyword extraction weighs it.
 */
export function termWeight(term: string): number {
  if (!idfs) {
    idfs = new Map();
    for (const line of Buffer.from(idf).toString('utf8').split('\n')) {
      const [word, value] = line.trim().split(' ');
      if (word && value) idfs.set(word, Number(value));
    }
    const sorted = [...idfs.values()].sort((a, b) => a - b);
    medianIdf = sorted[sorted.length >> 1] ?? 1;
  }
  return idfs.get(term) ?? medianIdf;
}

/**
 * Words weighing less than this are common (不 2.6, 存在 4.6, 东西 4.8, 管理 4.7): a query of such words
 * alone finds whatever happens to hold them, not what was meant.
 */
export const COMMON_WORD_WEIGHT = 5;

let domainTerms: Set<string> | undefined;

/** Whether a word tells what a text is about: a term of the domain dictionary, or rarer than common words. */
export function isTelling(word: string): boolean {
  const term = normalize(word);
  domainTerms ??= new Set(dictionaryTerms().map(normalize));
  return domainTerms.has(term) || termWeight(term) >= COMMON_WORD_WEIGHT;
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
