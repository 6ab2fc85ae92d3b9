/**
 * Text statistics of a whole corpus (every published solution, or every open need) for the text factor, which
 * must weigh words by how rare they are among all listings, not among the few candidates of one search; and,
 * since every listing is analyzed to count it, each listing's analyzed text (compact: about 2 kB) and the
 * technologies its text names, so that scoring a candidate never segments it again.
 *
 * Built once by paging through the index, then kept up to date incrementally: when the index's checkpoint has
 * moved, a one-hit search (count and newest update) tells whether the corpus changed; only then is it paged
 * through again, and only listings whose text is new or gone are analyzed. A change that leaves count and
 * newest update alike (one vendor suspended while another with as many solutions is reinstated) is caught by
 * the full rescan every `rescanMs`. Requests never wait for a refresh after the first build: statistics a few
 * seconds old weigh words all but the same.
 */
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Logger } from '../logger.js';
import type { Filter } from '../search/filter.js';
import type { SearchDocument, SearchIndex } from '../search/port.js';
import { technologiesMentioned } from './technology-terms.js';
import { VectorStats } from './term-vector.js';
import { type AnalyzedText, type CorpusStats, type Listing, listingBody } from './text-similarity.js';

export interface CorpusOptions {
  search: SearchIndex;
  index: string;
  /** The documents that make up the corpus at `now`. */
  filter: (now: Date) => Filter;
  analyze: (listing: Listing) => AnalyzedText;
  logger: Logger;
  /** How often, at most, a request looks for a change of the index. */
  checkIntervalMs?: number;
  /** How often the corpus is paged through even when nothing seems to have changed. */
  rescanMs?: number;
  pageSize?: number;
}

export type CorpusDocument = SearchDocument & Listing & { updatedAt: string };

export interface CorpusRefresh {
  /** Whether the index was paged through (false: nothing had changed). */
  scanned: boolean;
  documents: number;
  /** Listings analyzed because they were new, changed or gone. */
  analyzed: number;
  ms: number;
}

const PROGRESS_EVERY = 10_000;

/** What the corpus keeps of each listing it counted. */
interface Counted {
  title: string;
  description: string;
  text: AnalyzedText;
  /** Technology codes its title and description name. */
  mentions: ReadonlySet<string>;
}

export class ListingCorpus {
  private readonly words = new VectorStats();
  private readonly bigrams = new VectorStats();
  private readonly counted = new Map<string, Counted>();
  private built = false;
  private refreshing: Promise<CorpusRefresh> | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private scannedAt = Number.NEGATIVE_INFINITY;
  private checkpoint: bigint | null | undefined;
  private fingerprint = '';
  private filterKey = '';

  constructor(private readonly options: CorpusOptions) {}

  get size(): number {
    return this.counted.size;
  }

  private known(listing: Listing & { id: string }): Counted | undefined {
    const counted = this.counted.get(listing.id);
    // What was counted is the listing's whole body: a need's brief parts follow its description.
    return counted?.title === listing.title && counted.description === listingBody(listing)
      ? counted
      : undefined;
  }

  /** The analyzed text of a listing of the corpus, when its text is the one counted. */
  analysisOf(listing: Listing & { id: string }): AnalyzedText | undefined {
    return this.known(listing)?.text;
  }

  /** The technologies a listing of the corpus names in its text, when its text is the one counted. */
  mentionsOf(listing: Listing & { id: string }): ReadonlySet<string> | undefined {
    return this.known(listing)?.mentions;
  }

  /** The statistics now; the first call builds them, later calls refresh them in the background when due. */
  async stats(now: Date): Promise<CorpusStats> {
    if (!this.built) await this.refresh(now);
    else if (performance.now() - this.checkedAt >= (this.options.checkIntervalMs ?? 2000)) {
      this.refresh(now).catch((error: unknown) =>
        this.options.logger.warn(
          { err: error, index: this.options.index },
          'corpus statistics not refreshed',
        ),
      );
    }
    return { words: this.words, bigrams: this.bigrams };
  }

  /** Brings the statistics up to date with the index (one refresh at a time). */
  refresh(now: Date): Promise<CorpusRefresh> {
    this.refreshing ??= this.update(now).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async update(now: Date): Promise<CorpusRefresh> {
    const started = performance.now();
    this.checkedAt = started;
    const { search, index } = this.options;
    const filter = this.options.filter(now);
    const filterKey = JSON.stringify(filter);
    const checkpoint = await search.getCheckpoint(index);
    const rescanDue = started - this.scannedAt >= (this.options.rescanMs ?? 600_000);
    if (this.built && !rescanDue && checkpoint === this.checkpoint && filterKey === this.filterKey) {
      return this.unchanged(started);
    }
    const newest = await search.search<CorpusDocument>(index, {
      filter,
      pageSize: 1,
      sort: ['updatedAt:desc'],
    });
    const fingerprint = JSON.stringify([
      filterKey,
      newest.total,
      newest.hits[0]?.id,
      newest.hits[0]?.updatedAt,
    ]);
    this.checkpoint = checkpoint;
    this.filterKey = filterKey;
    if (this.built && !rescanDue && fingerprint === this.fingerprint) return this.unchanged(started);
    const analyzed = await this.scan(filter);
    this.fingerprint = fingerprint;
    this.scannedAt = started;
    this.built = true;
    const ms = performance.now() - started;
    const refresh = { scanned: true, documents: this.counted.size, analyzed, ms };
    this.options.logger.debug({ index, ...refresh }, 'corpus statistics refreshed');
    return refresh;
  }

  private unchanged(started: number): CorpusRefresh {
    return { scanned: false, documents: this.counted.size, analyzed: 0, ms: performance.now() - started };
  }

  /**
   * Pages through the corpus, counting new and changed listings and discounting those gone. Pages are read
   * while projections may write: a listing that leaves the corpus mid-scan can shift one other out of sight
   * until the next scan, which is harmless to statistics of thousands of listings.
   */
  private async scan(filter: Filter): Promise<number> {
    const { search, index, analyze, logger } = this.options;
    const pageSize = this.options.pageSize ?? 1000;
    const seen = new Set<string>();
    let analyzed = 0;
    for (let page = 1; ; page++) {
      const result = await search.search<CorpusDocument>(index, { filter, page, pageSize });
      for (const hit of result.hits) {
        seen.add(hit.id);
        const known = this.counted.get(hit.id);
        const description = listingBody(hit);
        if (known?.title === hit.title && known.description === description) continue;
        if (known) this.discount(known);
        const { title } = hit;
        // A fresh object: the analysis is kept here, not with a search hit.
        const text = analyze({ title, description });
        this.words.add(text.words);
        this.bigrams.add(text.bigrams);
        this.counted.set(hit.id, {
          title,
          description,
          text,
          // As `technologiesMentionedIn` reads a listing: its title and description, not a need's brief.
          mentions: technologiesMentioned(`${title}\n${hit.description}`),
        });
        analyzed += 1;
        if (!this.built && analyzed % PROGRESS_EVERY === 0) {
          logger.info({ index, analyzed, total: result.total }, 'building corpus statistics');
        }
      }
      if (result.hits.length < pageSize || page * pageSize >= result.total) break;
      // Segmenting a page takes a few hundred milliseconds: let requests in between.
      await yieldToEventLoop();
    }
    for (const [id, known] of this.counted) {
      if (seen.has(id)) continue;
      this.discount(known);
      this.counted.delete(id);
      analyzed += 1;
    }
    return analyzed;
  }

  private discount(known: Counted): void {
    this.words.remove(known.text.words);
    this.bigrams.remove(known.text.bigrams);
  }
}
