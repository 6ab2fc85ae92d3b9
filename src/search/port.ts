/**
 * The SearchIndex port, named and shaped after Meilisearch so that a reader who knows the engine knows this
 * interface: indexes holding documents with a primary key `id`, settings, search with a filter, facets
 * (facetDistribution), sort and highlights, index swaps. Read models are plain JSON documents written by the
 * projections; this port never interprets them beyond the attributes an index definition names.
 */
import type { IndexDefinition } from './definitions.js';
import type { Filter } from './filter.js';

export {
  IndexNotFoundError,
  InvalidDocumentError,
  InvalidFilterError,
  InvalidSearchError,
  SearchIndexError,
  SearchUnavailableError,
} from './errors.js';

/**
 * A read model. `revision` is any number that grows with every change of the document — the entity's stream
 * revision, or the `$all` position for documents folded from several streams — so a replayed older version
 * never overwrites a newer one.
 */
export interface SearchDocument {
  id: string;
  revision: number;
  [attribute: string]: unknown;
}

/** `attribute:asc` or `attribute:desc`, the attribute one of the index's sortableAttributes. */
export type SortRule = `${string}:${'asc' | 'desc'}`;

/**
 * `all`: every query term must match. `last` (default), as Meilisearch: documents matching every term rank
 * first, then those matching all but the last term, and so on down to the first term alone. `frequency`:
 * documents holding every term first, then those missing the commonest terms, and only while they hold
 * more than half the query's weight (each term weighs its rarity; a term found through a related term
 * only half): a query whose telling words match nothing finds nothing.
 */
export type MatchingStrategy = 'all' | 'last' | 'frequency';

export interface SearchParams {
  /** Free text; only its first 10 terms count, as in Meilisearch. Empty: filter and sort only. */
  q?: string;
  filter?: Filter;
  /** Filterable attributes to count over the whole result set, not only the page. */
  facets?: string[];
  /** Applied after the `words` rule (matching terms first), as the definitions' rankingRules place it. */
  sort?: SortRule[];
  /** 1-based; default 1. */
  page?: number;
  /** Default 20, at most MAX_PAGE_SIZE. */
  pageSize?: number;
  /** String attributes to return in `_highlight`, HTML-escaped, with matched terms wrapped in `<em>`. */
  highlight?: string[];
  matchingStrategy?: MatchingStrategy;
}

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;

export type Hit<D extends SearchDocument = SearchDocument> = D & { _highlight?: Record<string, string> };

/** Meilisearch's facetDistribution: `{ city: { jinan: 12, qingdao: 3 } }`, values in alphabetical order. */
export type FacetDistribution = Record<string, Record<string, number>>;

export interface SearchResult<D extends SearchDocument = SearchDocument> {
  hits: Hit<D>[];
  /** Documents matching q and filter, exhaustively counted. */
  total: number;
  page: number;
  pageSize: number;
  /** One entry per requested facet, even when it has no values. */
  facetDistribution: FacetDistribution;
}

/**
 * Writes a projector makes for one batch of events. Each id appears once across upserts and deletes: the
 * projector folds a batch down to the final state of each document it touches.
 */
export interface DocumentBatch<D extends SearchDocument = SearchDocument> {
  upserts?: D[];
  deletes?: string[];
}

export interface SearchIndex {
  /** Creates the index when missing and applies the definition's settings; a no-op when they are unchanged. */
  applySettings(definition: IndexDefinition): Promise<void>;
  /** Adds or replaces whole documents; a document older (by `revision`) than the stored one is ignored. */
  upsert<D extends SearchDocument>(index: string, documents: D[]): Promise<void>;
  /** Ids that are absent are ignored. */
  delete(index: string, ids: string[]): Promise<void>;
  /**
   * Applies a batch and moves the index's checkpoint to `checkpoint` together: after a crash either both
   * happened or the batch will be replayed from the previous checkpoint (safe: writes are idempotent).
   */
  applyBatch<D extends SearchDocument>(
    index: string,
    batch: DocumentBatch<D>,
    checkpoint: bigint,
  ): Promise<void>;
  /** The position the index's projection has processed up to, or null before its first batch. */
  getCheckpoint(index: string): Promise<bigint | null>;
  get<D extends SearchDocument>(index: string, id: string): Promise<D | null>;
  search<D extends SearchDocument>(index: string, params?: SearchParams): Promise<SearchResult<D>>;
  /**
   * Creates an empty `<index>_rebuild` with the index's settings (dropping any earlier one) and returns its
   * name: fill it through the methods above while searches keep answering from `<index>`.
   */
  prepareRebuild(index: string): Promise<string>;
  /** Swaps `<index>_rebuild` in as `<index>`, checkpoint included, and drops the old copy. */
  swap(index: string): Promise<void>;
  /** Throws SearchUnavailableError when the backend cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
