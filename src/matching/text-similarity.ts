/**
 * Text similarity of full listings (title + description) at query time: BM25 over segmented words plus BM25 over
 * character bigrams, both with document frequencies from the corpus being ranked. Words give precise, explainable
 * matches ("排程"); bigrams rescue the words the segmenter splits differently on the two sides.
 */
import { charBigrams } from './bigrams.js';
import {
  bm25,
  bm25Contributions,
  type CollectionStats,
  collectionStatsOf,
  countTerms,
  type TermCounts,
} from './bm25.js';
import type { MatchingConfig } from './config.js';
import type { TextMatch } from './factors/factor.js';

/** Chinese word segmentation, e.g. the search index's tokenizer. */
export type Segmenter = (text: string) => string[];

export interface AnalyzedText {
  words: TermCounts;
  bigrams: TermCounts;
}

/**
 * Corpus statistics of the listings being ranked (published solutions for a need; open needs for a solution).
 * Production may build them from the search index; `corpusStatsOf` builds them from analyzed documents.
 */
export interface CorpusStats {
  words: CollectionStats;
  bigrams: CollectionStats;
}

export interface Listing {
  title: string;
  description: string;
}

type TextSettings = MatchingConfig['text'];

/** A word worth matching on: two characters or more, with a letter or digit in it. */
function isWord(token: string): boolean {
  return [...token].length >= 2 && /[\p{L}\p{N}]/u.test(token);
}

function weightedCounts(title: string[], description: string[], titleBoost: number): Map<string, number> {
  const counts = countTerms(description);
  for (const [term, n] of countTerms(title)) counts.set(term, (counts.get(term) ?? 0) + n * titleBoost);
  return counts;
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
  if (
    known &&
    known.title === listing.title &&
    known.description === listing.description &&
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
    words: weightedCounts(words(listing.title), words(listing.description), settings.titleBoost),
    bigrams: weightedCounts(
      charBigrams(listing.title),
      charBigrams(listing.description),
      settings.titleBoost,
    ),
  };
  const { title, description } = listing;
  analyses.set(listing, { title, description, segment, titleBoost: settings.titleBoost, text });
  return text;
}

export function corpusStatsOf(docs: readonly AnalyzedText[]): CorpusStats {
  return {
    words: collectionStatsOf(docs.map((d) => d.words)),
    bigrams: collectionStatsOf(docs.map((d) => d.bigrams)),
  };
}

function scaledByMax(values: number[]): number[] {
  const max = Math.max(0, ...values);
  return values.map((v) => (max > 0 ? v / max : 0));
}

/**
 * Scores `query` against every document, each channel scaled by its best score in the set so that the best
 * candidate gets 1; with the words that contribute most, for the explanation.
 */
export function textMatches(
  query: AnalyzedText,
  docs: readonly AnalyzedText[],
  stats: CorpusStats,
  settings: TextSettings,
): TextMatch[] {
  const params = { k1: settings.k1, b: settings.b };
  const wordContributions = docs.map((d) => bm25Contributions(query.words, d.words, stats.words, params));
  const words = scaledByMax(wordContributions.map((c) => [...c.values()].reduce((a, b) => a + b, 0)));
  const bigrams = scaledByMax(docs.map((d) => bm25(query.bigrams, d.bigrams, stats.bigrams, params)));
  const combined = scaledByMax(
    docs.map((_, i) => settings.wordShare * words[i]! + (1 - settings.wordShare) * bigrams[i]!),
  );
  return docs.map((_, i) => ({
    score: combined[i]!,
    sharedTerms: telling(wordContributions[i]!, settings.sharedTermsShown),
  }));
}

/**
 * The shared words to show, strongest first. Search-mode segmentation yields a term and its pieces (高级计划排程,
 * 计划, 排程); among the strongest few, a piece of a longer term already shown adds nothing.
 */
function telling(contributions: ReadonlyMap<string, number>, count: number): string[] {
  const strongest = [...contributions].sort((a, b) => b[1] - a[1]).slice(0, count * 3);
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
