import { type QueryTerm, queryTerms } from '../tokenizer.js';
import type { IndexState } from './index-state.js';
import { highlightNeedles, type TermQuery, termQuery } from './query.js';

/** A query's words as a search of one index uses them: its terms, their FTS5 expressions, the highlights. */
export interface QueryAnalysis {
  readonly terms: readonly QueryTerm[];
  readonly queries: readonly TermQuery[];
  /** The words to mark in highlights. */
  readonly needles: readonly string[];
}

/** Queries remembered per index: what people type comes back, in another city or on the next page. */
const MAX_ANALYSES = 1000;

const analyses = new WeakMap<IndexState, Map<string, QueryAnalysis>>();

/**
 * The analysis of `q` for the index: segmenting the words and expanding synonyms and related terms cost
 * more than some searches themselves. It depends on the index's definition and the dictionary alone,
 * never on the documents, so writes leave it valid; a changed definition makes a new state, and with it
 * a fresh set of analyses.
 */
export function analyzeQuery(state: IndexState, q: string): QueryAnalysis {
  let known = analyses.get(state);
  if (!known) {
    known = new Map();
    analyses.set(state, known);
  }
  let analysis = known.get(q);
  if (!analysis) {
    const terms = queryTerms(q, state.stopWords);
    analysis = {
      terms,
      queries: terms.map((term) => termQuery(term, state.synonyms, state.related)),
      needles: highlightNeedles(terms, state.synonyms, state.related),
    };
    if (known.size >= MAX_ANALYSES) known.delete(known.keys().next().value!);
    known.set(q, analysis);
  }
  return analysis;
}
