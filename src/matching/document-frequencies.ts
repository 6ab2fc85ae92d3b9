import { type CollectionStats, type TermCounts, totalCount } from './bm25.js';

/**
 * BM25 collection statistics kept up to date one document at a time, so that a corpus of 50,000 listings is
 * analyzed once and then only for what changes. Adding then removing the same counts leaves it as it was.
 */
export class DocumentFrequencies implements CollectionStats {
  private readonly frequencies = new Map<string, number>();
  private documents = 0;
  private totalLength = 0;

  get documentCount(): number {
    return this.documents;
  }

  get averageLength(): number {
    return this.documents ? this.totalLength / this.documents : 0;
  }

  documentFrequency(term: string): number {
    return this.frequencies.get(term) ?? 0;
  }

  add(doc: TermCounts): void {
    this.documents += 1;
    this.totalLength += totalCount(doc);
    for (const term of doc.keys()) this.frequencies.set(term, (this.frequencies.get(term) ?? 0) + 1);
  }

  remove(doc: TermCounts): void {
    this.documents -= 1;
    this.totalLength -= totalCount(doc);
    for (const term of doc.keys()) {
      const left = (this.frequencies.get(term) ?? 0) - 1;
      if (left > 0) this.frequencies.set(term, left);
      else this.frequencies.delete(term);
    }
  }
}
