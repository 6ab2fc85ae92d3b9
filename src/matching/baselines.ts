/**
 * The systems the matcher is measured against (keyword search of the title, BM25 over character bigrams of
 * the full texts, technology-tag overlap; see `npm run eval:match`), each ranking solution ids for a need.
 * They see the same eligible solutions as the matcher and return only solutions with a positive score.
 */

import { indexTokens, queryTerms } from '../search/tokenizer.js';
import { charBigrams } from './bigrams.js';
import { bm25, type CollectionStats, collectionStatsOf, countTerms, type TermCounts } from './bm25.js';
import { resolvedTechnologies } from './technology-terms.js';
import type { NeedDoc, SolutionDoc } from './types.js';

export type NeedRanker = (need: NeedDoc) => string[];

const STANDARD_BM25 = { k1: 1.2, b: 0.75 };

function fullText(doc: { title: string; description: string }): string {
  return `${doc.title}\n${doc.description}`;
}

function rankPositive(
  solutions: readonly SolutionDoc[],
  score: (solution: SolutionDoc, i: number) => number,
) {
  return solutions
    .map((solution, i) => ({ id: solution.id, score: score(solution, i), i }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((s) => s.id);
}

function bm25Ranker(
  solutions: readonly SolutionDoc[],
  analyze: (text: string) => string[],
  queryOf: (need: NeedDoc) => string,
) {
  const docs: TermCounts[] = solutions.map((s) => countTerms(analyze(fullText(s))));
  const stats: CollectionStats = collectionStatsOf(docs);
  return (need: NeedDoc) => {
    const query = countTerms(analyze(queryOf(need)));
    return rankPositive(solutions, (_, i) => bm25(query, docs[i]!, stats, STANDARD_BM25));
  };
}

/** Okapi BM25 (k1 1.2, b 0.75) over character bigrams of the need's full text against each solution's. */
export function bigramBm25Baseline(solutions: readonly SolutionDoc[]): NeedRanker {
  return bm25Ranker(solutions, charBigrams, fullText);
}

/**
 * Keyword search of the need's title alone, the words a person would type into the search box: the search
 * index's query terms (first 10) scored with BM25 against its index tokens of each solution.
 */
export function titleKeywordBaseline(solutions: readonly SolutionDoc[]): NeedRanker {
  const docs: TermCounts[] = solutions.map((s) => countTerms(indexTokens(fullText(s))));
  const stats = collectionStatsOf(docs);
  return (need) => {
    const query = countTerms(queryTerms(need.title).map((t) => t.term));
    return rankPositive(solutions, (_, i) => bm25(query, docs[i]!, stats, STANDARD_BM25));
  };
}

/** Jaccard overlap of the technology tags (aliases resolved) and nothing else. */
export function technologyOverlapBaseline(solutions: readonly SolutionDoc[]): NeedRanker {
  const tags = solutions.map((s) => resolvedTechnologies(s.technologies));
  return (need) => {
    const wanted = resolvedTechnologies(need.technologies);
    return rankPositive(solutions, (_, i) => {
      const offered = tags[i]!;
      const shared = [...wanted].filter((t) => offered.has(t)).length;
      return shared / (wanted.size + offered.size - shared || 1);
    });
  };
}
