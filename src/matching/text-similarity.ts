/**
 * Text similarity of full listings (title + description) at query time: BM25 over segmented words plus BM25 over
 * character bigrams, both with document frequencies from the corpus being ranked. Words give precise, explainable
 * matches ("排程"); bigrams rescue the words the segmenter splits differently on the two sides.
 */
import { charBigrams } from './bigrams.js';
import type { MatchingConfig } from './config.js';
import {
  bm25Vector,
  contributions,
  type TermVector,
  termId,
  termVector,
  type VectorStats,
  vectorStatsOf,
  weighted,
} from './term-vector.js';

/** Chinese word segmentation, e.g. the search index's tokenizer. */
export type Segmenter = (text: string) => string[];

/** A listing's words and its character bigrams, each with how often they occur (title counted titleBoost times). */
export interface AnalyzedText {
  words: TermVector;
  bigrams: TermVector;
}

/**
 * Corpus statistics of the listings being ranked (published solutions for a need; open needs for a solution).
 * Production may build them from the search index; `corpusStatsOf` builds them from analyzed documents.
 */
export interface CorpusStats {
  words: VectorStats;
  bigrams: VectorStats;
}

export interface Listing {
  title: string;
  description: string;
  /** A need's brief (现状与痛点, 建设目标, 技术要求, 验收指标), matched on with its description; absent or null for others. */
  problem?: string | null;
  goals?: string | null;
  requirements?: string | null;
  acceptanceCriteria?: readonly string[];
}

/** What a listing says beyond its title: the description, then a need's brief parts, when it has them. */
export function listingBody(listing: Listing): string {
  const brief = [listing.problem, listing.goals, listing.requirements, ...(listing.acceptanceCriteria ?? [])];
  return [listing.description, ...brief.filter((part): part is string => Boolean(part))].join('\n');
}

type TextSettings = MatchingConfig['text'];

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** A word worth matching on: two characters or more (one astral character is two code units), with a letter or digit in it. */
function isWord(token: string): boolean {
  return (
    (token.length > 2 || (token.length === 2 && token.codePointAt(0)! <= 0xffff)) &&
    LETTER_OR_DIGIT.test(token)
  );
}

/** Counts by term number, the title's terms `titleBoost` times each. */
function weightedVector(title: string[], description: string[], titleBoost: number): TermVector {
  const counts = new Map<number, number>();
  const add = (terms: string[], weight: number) => {
    for (const term of terms) {
      const id = termId(term);
      counts.set(id, (counts.get(id) ?? 0) + weight);
    }
  };
  add(description, 1);
  add(title, titleBoost);
  return termVector(counts);
}

interface Analysis {
  title: string;
  description: string;
  segment: Segmenter;
  titleBoost: number;
  text: AnalyzedText;
}

const analyses = new WeakMap<Listing, Analysis>();

/**
 * The title counts `titleBoost` times: it says what the listing is about in a few words. Remembered per listing
 * object (and its current texts), since a listing is scored against many others in a match round.
 */
export function analyzeListing(listing: Listing, segment: Segmenter, settings: TextSettings): AnalyzedText {
  const known = analyses.get(listing);
  const body = listingBody(listing);
  if (
    known &&
    known.title === listing.title &&
    known.description === body &&
    known.segment === segment &&
    known.titleBoost === settings.titleBoost
  ) {
    return known.text;
  }
  const words = (text: string) =>
    segment(text)
      .map((t) => t.toLowerCase())
      .filter(isWord);
  const text = {
    words: weightedVector(words(listing.title), words(body), settings.titleBoost),
    bigrams: weightedVector(charBigrams(listing.title), charBigrams(body), settings.titleBoost),
  };
  analyses.set(listing, {
    title: listing.title,
    description: body,
    segment,
    titleBoost: settings.titleBoost,
    text,
  });
  return text;
}

export function corpusStatsOf(docs: readonly AnalyzedText[]): CorpusStats {
  return {
    words: vectorStatsOf(docs.map((d) => d.words)),
    bigrams: vectorStatsOf(docs.map((d) => d.bigrams)),
  };
}

/**
 * What the text scores of a candidate set were scaled by: the best raw score of each channel, and the best
 * blend of the two once scaled. A listing that beats none of them scores the same whether or not it was in the
 * set, and leaves the others' scores as they were.
 */
export interface TextScale {
  words: number;
  bigrams: number;
  blend: number;
}

const share = (value: number, max: number) => (max > 0 ? value / max : 0);

function rawScores(query: AnalyzedText, doc: AnalyzedText, stats: CorpusStats, settings: TextSettings) {
  const params = { k1: settings.k1, b: settings.b };
  return {
    words: bm25Vector(weighted(query.words, stats.words), doc.words, stats.words, params),
    bigrams: bm25Vector(weighted(query.bigrams, stats.bigrams), doc.bigrams, stats.bigrams, params),
  };
}

/**
 * Scores `query` against every document, each channel scaled by its best score in the set so that the best
 * candidate gets 1; with the scale, so that a listing added later can be scored as if it had been in the set.
 */
export function scaledTextScores(
  query: AnalyzedText,
  docs: readonly AnalyzedText[],
  stats: CorpusStats,
  settings: TextSettings,
): { scores: number[]; scale: TextScale } {
  const params = { k1: settings.k1, b: settings.b };
  const wordQuery = weighted(query.words, stats.words);
  const bigramQuery = weighted(query.bigrams, stats.bigrams);
  const words = docs.map((d) => bm25Vector(wordQuery, d.words, stats.words, params));
  const bigrams = docs.map((d) => bm25Vector(bigramQuery, d.bigrams, stats.bigrams, params));
  const maxWords = Math.max(0, ...words);
  const maxBigrams = Math.max(0, ...bigrams);
  const blends = docs.map(
    (_, i) =>
      settings.wordShare * share(words[i]!, maxWords) +
      (1 - settings.wordShare) * share(bigrams[i]!, maxBigrams),
  );
  const maxBlend = Math.max(0, ...blends);
  return {
    scores: blends.map((b) => share(b, maxBlend)),
    scale: { words: maxWords, bigrams: maxBigrams, blend: maxBlend },
  };
}

export function textScores(
  query: AnalyzedText,
  docs: readonly AnalyzedText[],
  stats: CorpusStats,
  settings: TextSettings,
): number[] {
  return scaledTextScores(query, docs, stats, settings).scores;
}

/**
 * The text score `doc` would get in the candidate set `scale` describes, or null when it would beat the set's
 * best (every score of the set would then change).
 */
export function textScoreWithin(
  query: AnalyzedText,
  doc: AnalyzedText,
  stats: CorpusStats,
  settings: TextSettings,
  scale: TextScale,
): number | null {
  const raw = rawScores(query, doc, stats, settings);
  if (raw.words > scale.words || raw.bigrams > scale.bigrams) return null;
  const blend =
    settings.wordShare * share(raw.words, scale.words) +
    (1 - settings.wordShare) * share(raw.bigrams, scale.bigrams);
  return blend > scale.blend ? null : share(blend, scale.blend);
}

/** The words of `doc` that contribute most to its similarity with `query`, for the explanation. */
export function sharedTerms(
  query: AnalyzedText,
  doc: AnalyzedText,
  stats: CorpusStats,
  settings: TextSettings,
): string[] {
  const params = { k1: settings.k1, b: settings.b };
  return telling(
    contributions(weighted(query.words, stats.words), doc.words, stats.words, params),
    settings.sharedTermsShown,
  );
}

/**
 * The shared words to show, strongest first. Search-mode segmentation yields a term and its pieces (高级计划排程,
 * 计划, 排程); among the strongest few, a piece of a longer term already shown adds nothing.
 */
function telling(found: ReadonlyMap<string, number>, count: number): string[] {
  const strongest = [...found].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, count * 3);
  const longestFirst = [...strongest].sort((a, b) => b[0].length - a[0].length || b[1] - a[1]);
  const shown = new Set<string>();
  for (const [term] of longestFirst) {
    if (![...shown].some((longer) => longer.includes(term))) shown.add(term);
  }
  return strongest
    .map(([term]) => term)
    .filter((term) => shown.has(term))
    .slice(0, count);
}
