/** Okapi BM25 over bags of terms (string-keyed), for the lexical baselines; the matcher's own is in term-vector.ts. */
export type TermCounts = ReadonlyMap<string, number>;

export interface Bm25Params {
  k1: number;
  b: number;
}

/** What BM25 needs to know about the collection the scored documents belong to. */
export interface CollectionStats {
  documentCount: number;
  averageLength: number;
  documentFrequency(term: string): number;
}

export function countTerms(terms: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

export function totalCount(counts: TermCounts): number {
  let total = 0;
  for (const n of counts.values()) total += n;
  return total;
}

/** Probabilistic IDF kept positive (the "+1" form used by Lucene), so very common terms add little but never subtract. */
export function idf(term: string, stats: CollectionStats): number {
  const df = stats.documentFrequency(term);
  return Math.log(1 + (stats.documentCount - df + 0.5) / (df + 0.5));
}

/** Okapi BM25; the query's terms repeat as in a bag-of-words query. */
export function bm25(query: TermCounts, doc: TermCounts, stats: CollectionStats, params: Bm25Params): number {
  const norm = params.k1 * (1 - params.b + (params.b * totalCount(doc)) / Math.max(stats.averageLength, 1));
  let score = 0;
  for (const [term, queryCount] of query) {
    const tf = doc.get(term);
    if (tf) score += (queryCount * idf(term, stats) * tf * (params.k1 + 1)) / (tf + norm);
  }
  return score;
}

/** Document frequencies and mean length of a set of documents. */
export function collectionStatsOf(docs: readonly TermCounts[]): CollectionStats {
  const df = new Map<string, number>();
  let lengths = 0;
  for (const doc of docs) {
    lengths += totalCount(doc);
    for (const term of doc.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  }
  return {
    documentCount: docs.length,
    averageLength: docs.length ? lengths / docs.length : 0,
    documentFrequency: (term) => df.get(term) ?? 0,
  };
}
