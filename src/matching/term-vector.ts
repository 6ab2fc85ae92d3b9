/**
 * Analyzed text in a compact form: the terms of a listing as sorted numbers (one vocabulary for the process)
 * with their counts, in typed arrays. A corpus of 50,000 listings is kept analyzed in about a tenth of the
 * memory string-keyed maps take, and BM25 becomes a merge of two sorted arrays.
 */
import type { Bm25Params } from './bm25.js';

const ids = new Map<string, number>();
const terms: string[] = [];

/** The number of a term, given on first sight; the vocabulary only grows (words and bigrams of listings). */
export function termId(term: string): number {
  let id = ids.get(term);
  if (id === undefined) {
    id = terms.length;
    terms.push(term);
    ids.set(term, id);
  }
  return id;
}

export interface TermVector {
  /** Term numbers, ascending. */
  ids: Uint32Array;
  counts: Float32Array;
  /** The sum of the counts. */
  length: number;
}

/** The vector of counts kept by term number. */
export function termVector(counts: ReadonlyMap<number, number>): TermVector {
  const sorted = Uint32Array.from(counts.keys()).sort();
  const vector: TermVector = { ids: sorted, counts: new Float32Array(sorted.length), length: 0 };
  sorted.forEach((id, i) => {
    const count = counts.get(id)!;
    vector.counts[i] = count;
    vector.length += count;
  });
  return vector;
}

function indexOf(vector: TermVector, id: number): number {
  let low = 0;
  let high = vector.ids.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const at = vector.ids[mid]!;
    if (at === id) return mid;
    if (at < id) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** How often the vector counts `term`; 0 when it does not. */
export function termCount(vector: TermVector, term: string): number {
  const id = ids.get(term);
  if (id === undefined) return 0;
  const at = indexOf(vector, id);
  return at < 0 ? 0 : vector.counts[at]!;
}

/** BM25 statistics of a collection of vectors, kept up to date one vector at a time. */
export class VectorStats {
  private frequencies = new Int32Array(1024);
  private documents = 0;
  private totalLength = 0;

  get documentCount(): number {
    return this.documents;
  }

  get averageLength(): number {
    return this.documents ? this.totalLength / this.documents : 0;
  }

  /** How many documents hold the term number `id`. */
  frequency(id: number): number {
    return id < this.frequencies.length ? this.frequencies[id]! : 0;
  }

  /** How many documents hold `term`. */
  documentFrequency(term: string): number {
    const id = ids.get(term);
    return id === undefined ? 0 : this.frequency(id);
  }

  add(vector: TermVector): void {
    this.move(vector, 1);
  }

  /** A copy that later changes of this one leave alone: statistics frozen as of now. */
  clone(): VectorStats {
    const copy = new VectorStats();
    copy.frequencies = this.frequencies.slice();
    copy.documents = this.documents;
    copy.totalLength = this.totalLength;
    return copy;
  }

  remove(vector: TermVector): void {
    this.move(vector, -1);
  }

  private move(vector: TermVector, by: 1 | -1): void {
    this.documents += by;
    this.totalLength += by * vector.length;
    const last = vector.ids.length ? vector.ids[vector.ids.length - 1]! : 0;
    if (last >= this.frequencies.length) {
      const grown = new Int32Array(Math.max(last + 1, this.frequencies.length * 2));
      grown.set(this.frequencies);
      this.frequencies = grown;
    }
    for (const id of vector.ids) this.frequencies[id]! += by;
  }
}

export function vectorStatsOf(vectors: readonly TermVector[]): VectorStats {
  const stats = new VectorStats();
  for (const vector of vectors) stats.add(vector);
  return stats;
}

/** Probabilistic IDF kept positive (the "+1" form used by Lucene), as in bm25.ts. */
function idf(frequency: number, documents: number): number {
  return Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
}

/** A query with each term's weight (count × IDF) worked out once for all the documents it scores. */
export interface WeightedVector {
  ids: Uint32Array;
  weights: Float64Array;
}

export function weighted(query: TermVector, stats: VectorStats): WeightedVector {
  const weights = new Float64Array(query.ids.length);
  query.ids.forEach((id, i) => {
    weights[i] = query.counts[i]! * idf(stats.frequency(id), stats.documentCount);
  });
  return { ids: query.ids, weights };
}

/** Okapi BM25 of a document for a weighted query; `each` sees every shared term's contribution. */
export function bm25Vector(
  query: WeightedVector,
  doc: TermVector,
  stats: VectorStats,
  params: Bm25Params,
  each?: (id: number, contribution: number) => void,
): number {
  const norm = params.k1 * (1 - params.b + (params.b * doc.length) / Math.max(stats.averageLength, 1));
  let score = 0;
  let i = 0;
  let j = 0;
  while (i < query.ids.length && j < doc.ids.length) {
    const q = query.ids[i]!;
    const d = doc.ids[j]!;
    if (q < d) i++;
    else if (q > d) j++;
    else {
      const tf = doc.counts[j]!;
      const contribution = (query.weights[i]! * tf * (params.k1 + 1)) / (tf + norm);
      score += contribution;
      each?.(q, contribution);
      i++;
      j++;
    }
  }
  return score;
}

/** Each shared term's contribution, by the term itself. */
export function contributions(
  query: WeightedVector,
  doc: TermVector,
  stats: VectorStats,
  params: Bm25Params,
): Map<string, number> {
  const found = new Map<string, number>();
  bm25Vector(query, doc, stats, params, (id, contribution) => found.set(terms[id]!, contribution));
  return found;
}
