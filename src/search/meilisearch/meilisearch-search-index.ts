import {
  type EnqueuedTaskPromise,
  type Hit as MeiliHit,
  Meilisearch,
  MeilisearchApiError,
  MeilisearchError,
  type Task,
} from 'meilisearch';
import type { Logger } from '../../logger.js';
import { baseUidOf, type IndexDefinition, rebuildUidOf } from '../definitions.js';
import {
  IndexNotFoundError,
  InvalidDocumentError,
  InvalidFilterError,
  InvalidSearchError,
  SearchIndexError,
  SearchUnavailableError,
} from '../errors.js';
import { escapeHtml } from '../highlight.js';
import type {
  DocumentBatch,
  FacetDistribution,
  Hit,
  SearchDocument,
  SearchIndex,
  SearchParams,
  SearchResult,
} from '../port.js';
import { normalizeSearch } from '../search-params.js';
import { searchableStrings } from '../searchable.js';
import { dictionaryTerms, searchTokens } from '../tokenizer.js';
import { compileFilter } from './filter.js';
import { LABELS_ATTRIBUTE, meilisearchSettings, queryLocales, TOKENS_ATTRIBUTE } from './settings.js';

export interface MeilisearchSearchIndexOptions {
  host: string;
  apiKey?: string;
  /** The definitions of `search/`: filters, facets and sort are checked against them before a request. */
  definitions: Iterable<IndexDefinition>;
  /** Put before every index uid, so that several deployments (or test runs) can share one server. */
  indexPrefix?: string;
  /** How long a write waits for its task; a task still enqueued then fails the write. */
  taskTimeoutMs?: number;
  /** How long one HTTP request may take, so that an unreachable server fails start within seconds. */
  requestTimeoutMs?: number;
  logger?: Logger;
}

/** A Meilisearch task that ended `failed` or `canceled`: the write it stood for did not happen. */
export class SearchTaskFailedError extends SearchIndexError {
  constructor(
    readonly task: Pick<Task, 'uid' | 'status' | 'type' | 'indexUid' | 'error'>,
    what: string,
  ) {
    super(
      'search.task_failed',
      `${what}: Meilisearch task ${task.uid} (${task.type}) ${task.status}${task.error ? `: ${task.error.message}` : ''}`,
      500,
    );
    this.name = 'SearchTaskFailedError';
  }
}

const CHECKPOINTS = '_checkpoints';
/** Control characters cannot appear in escaped HTML, so they mark highlights until the text is escaped. */
const PRE_TAG = '\u0002';
const POST_TAG = '\u0003';
const FETCH_CHUNK = 1000;

interface CheckpointDocument {
  id: string;
  position: string;
}

const apiCode = (error: unknown) => (error instanceof MeilisearchApiError ? error.cause?.code : undefined);

/**
 * What a failed request means to the port's callers: a search Meilisearch refuses is the caller's (400); a
 * server that cannot be reached, answers with its own failure (5xx) or refuses our key is unavailable (503).
 * Anything else (a request this adapter should never have made) passes through as it is.
 */
export function portError(error: unknown, index: string, host: string): unknown {
  const code = apiCode(error);
  if (code === 'index_not_found') return new IndexNotFoundError(index);
  if (code === 'invalid_search_filter') {
    return new InvalidFilterError(`Meilisearch refused the filter: ${(error as Error).message}`, undefined, {
      cause: error,
    });
  }
  if (code?.startsWith('invalid_search_')) {
    return new InvalidSearchError(`Meilisearch refused the search: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const unavailable =
    error instanceof MeilisearchApiError
      ? error.response.status >= 500 || error.response.status === 401 || error.response.status === 403
      : error instanceof MeilisearchError;
  if (unavailable) {
    return new SearchUnavailableError(`Meilisearch at ${host}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return error;
}

/** Documents as Meilisearch stores them: with the tokenizer's output, which readers never see. */
function withoutTokens<D>(document: Record<string, unknown>): D {
  const { [TOKENS_ATTRIBUTE]: _, [LABELS_ATTRIBUTE]: __, _formatted: ___, ...rest } = document;
  return rest as D;
}

function highlighted(formatted: Record<string, unknown> | undefined, attributes: string[]) {
  const marked: Record<string, string> = {};
  for (const attribute of attributes) {
    const value = formatted?.[attribute];
    if (typeof value !== 'string') continue;
    marked[attribute] = escapeHtml(value).replaceAll(PRE_TAG, '<em>').replaceAll(POST_TAG, '</em>');
  }
  return marked;
}

/**
 * The SearchIndex on a Meilisearch server. Every write waits for its task and fails unless the task
 * succeeded; a batch's checkpoint is stored (in the `_checkpoints` index) only after its documents, so a
 * crash in between replays the batch, which revisions make harmless.
 */
export function openMeilisearchSearchIndex(options: MeilisearchSearchIndexOptions): SearchIndex {
  const client = new Meilisearch({
    host: options.host,
    apiKey: options.apiKey,
    timeout: options.requestTimeoutMs ?? 10_000,
    defaultWaitOptions: { timeout: options.taskTimeoutMs ?? 120_000 },
  });
  const prefix = options.indexPrefix ?? '';
  const definitions = new Map<string, IndexDefinition>([...options.definitions].map((d) => [d.uid, d]));
  let dictionary: string[] | undefined;

  const uidOf = (index: string) => `${prefix}${index}`;
  const checkpoints = () => client.index<CheckpointDocument>(uidOf(CHECKPOINTS));

  const definitionOf = (index: string): IndexDefinition => {
    const definition = definitions.get(baseUidOf(index));
    if (!definition) throw new IndexNotFoundError(index);
    return definition;
  };

  /** Runs a request, turning Meilisearch's refusals and transport failures into this port's errors. */
  const call = async <T>(index: string, request: () => Promise<T>): Promise<T> => {
    try {
      return await request();
    } catch (error) {
      throw portError(error, index, options.host);
    }
  };

  /** Waits for the task; a failed task resolves in the client, so it is turned into an error here. */
  const settle = async (
    index: string,
    what: string,
    task: EnqueuedTaskPromise,
    tolerated: string[] = [],
  ): Promise<void> => {
    const done = await call(index, () => task.waitTask());
    if (done.status === 'succeeded') return;
    const code = done.error?.code;
    if (done.status === 'failed' && code && tolerated.includes(code)) return;
    if (code === 'index_not_found') throw new IndexNotFoundError(index);
    throw new SearchTaskFailedError(done, what);
  };

  const createIndex = (index: string) =>
    settle(index, `create index ${index}`, client.createIndex(uidOf(index), { primaryKey: 'id' }), [
      'index_already_exists',
    ]);

  const configure = async (index: string, definition: IndexDefinition) => {
    dictionary ??= dictionaryTerms();
    await createIndex(index);
    await settle(
      index,
      `settings of ${index}`,
      client.index(uidOf(index)).updateSettings(meilisearchSettings(definition, dictionary)),
    );
  };

  const prepared = (index: string, documents: SearchDocument[]): SearchDocument[] => {
    const definition = definitionOf(index);
    const stopWords = new Set(definition.stopWords);
    const latest = new Map<string, SearchDocument>();
    for (const document of documents) {
      if (typeof document?.id !== 'string' || document.id === '') {
        throw new InvalidDocumentError(index, 'a document needs a non-empty string id');
      }
      if (typeof document.revision !== 'number' || !Number.isFinite(document.revision)) {
        throw new InvalidDocumentError(index, `document ${document.id} needs a numeric revision`);
      }
      const kept = latest.get(document.id);
      if (!kept || kept.revision <= document.revision) latest.set(document.id, document);
    }
    const strings = (document: SearchDocument, attribute: string) =>
      searchableStrings(document[attribute], definition.labels[attribute]);
    return [...latest.values()].map((document) => ({
      ...document,
      [LABELS_ATTRIBUTE]: Object.fromEntries(
        Object.keys(definition.labels).map((attribute) => [
          attribute,
          strings(document, attribute).join(' '),
        ]),
      ),
      [TOKENS_ATTRIBUTE]: definition.searchableAttributes
        .flatMap((attribute) => strings(document, attribute).flatMap((text) => searchTokens(text, stopWords)))
        .join(' '),
    }));
  };

  /** Drops documents older than the stored ones: one projector writes each index, so read-then-write holds. */
  const newerOnly = async (index: string, documents: SearchDocument[]): Promise<SearchDocument[]> => {
    const stored = new Map<string, number>();
    for (let i = 0; i < documents.length; i += FETCH_CHUNK) {
      const ids = documents.slice(i, i + FETCH_CHUNK).map((d) => d.id);
      const found = await call(index, () =>
        client
          .index<SearchDocument>(uidOf(index))
          .getDocuments({ ids, fields: ['id', 'revision'], limit: ids.length }),
      );
      for (const document of found.results) stored.set(String(document.id), Number(document.revision));
    }
    return documents.filter((d) => (stored.get(d.id) ?? Number.NEGATIVE_INFINITY) <= d.revision);
  };

  const write = async (index: string, batch: DocumentBatch<SearchDocument>) => {
    const upserts = prepared(index, batch.upserts ?? []);
    const deletes = batch.deletes ?? [];
    const deleted = new Set(deletes);
    if (deleted.size < deletes.length || upserts.some((d) => deleted.has(d.id))) {
      throw new InvalidDocumentError(
        index,
        'an id appears twice across the deletes and upserts of one batch',
      );
    }
    const target = client.index(uidOf(index));
    if (deletes.length) await settle(index, `delete from ${index}`, target.deleteDocuments(deletes));
    const fresh = upserts.length ? await newerOnly(index, upserts) : [];
    if (fresh.length) {
      await settle(index, `upsert into ${index}`, target.addDocuments(fresh, { primaryKey: 'id' }));
    }
  };

  const storeCheckpoint = (index: string, position: bigint | null) =>
    position === null
      ? settle(CHECKPOINTS, `reset checkpoint of ${index}`, checkpoints().deleteDocument(index))
      : settle(
          CHECKPOINTS,
          `checkpoint of ${index}`,
          checkpoints().addDocuments([{ id: index, position: position.toString() }], { primaryKey: 'id' }),
        );

  const readCheckpoint = async (index: string): Promise<bigint | null> => {
    try {
      const document = await call(index, () => checkpoints().getDocument(index));
      return BigInt(document.position);
    } catch (error) {
      if (error instanceof IndexNotFoundError || apiCode(error) === 'document_not_found') return null;
      throw error;
    }
  };

  const search = async <D extends SearchDocument>(
    index: string,
    params: SearchParams,
  ): Promise<SearchResult<D>> => {
    const definition = definitionOf(index);
    const request = normalizeSearch(params, definition);
    const response = await call(index, () =>
      client.index(uidOf(index)).search(request.q, {
        filter: request.filter ? compileFilter(request.filter) : undefined,
        facets: request.facets.length ? request.facets : undefined,
        sort: request.sort.length ? request.sort.map((s) => `${s.field}:${s.order}`) : undefined,
        page: request.page,
        hitsPerPage: request.pageSize,
        matchingStrategy: request.matchingStrategy,
        locales: queryLocales(definition),
        ...(request.highlight.length
          ? { attributesToHighlight: request.highlight, highlightPreTag: PRE_TAG, highlightPostTag: POST_TAG }
          : {}),
      }),
    );
    const facetDistribution: FacetDistribution = {};
    for (const facet of request.facets) {
      const counts = response.facetDistribution?.[facet] ?? {};
      facetDistribution[facet] = Object.fromEntries(
        Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    }
    const hits = (response.hits as MeiliHit[]).map((raw) => {
      const hit = withoutTokens<Hit<D>>(raw);
      if (request.highlight.length) hit._highlight = highlighted(raw._formatted, request.highlight);
      return hit;
    });
    return {
      hits,
      total: response.totalHits,
      page: request.page,
      pageSize: request.pageSize,
      facetDistribution,
    };
  };

  return {
    async applySettings(definition) {
      definitions.set(definition.uid, definition);
      await createIndex(CHECKPOINTS);
      await configure(definition.uid, definition);
      options.logger?.info({ index: uidOf(definition.uid) }, 'search index settings applied');
    },
    upsert: (index, documents) => write(index, { upserts: documents }),
    delete: (index, ids) => write(index, { deletes: ids }),
    async applyBatch(index, batch, checkpoint) {
      await write(index, batch);
      await storeCheckpoint(index, checkpoint);
    },
    getCheckpoint: readCheckpoint,
    async get<D extends SearchDocument>(index: string, id: string) {
      definitionOf(index);
      try {
        return withoutTokens<D>(await call(index, () => client.index(uidOf(index)).getDocument(id)));
      } catch (error) {
        if (apiCode(error) === 'document_not_found') return null;
        throw error;
      }
    },
    search: (index, params = {}) => search(index, params),
    async prepareRebuild(index) {
      const definition = definitionOf(index);
      const copy = rebuildUidOf(index);
      await settle(copy, `drop ${copy}`, client.deleteIndex(uidOf(copy)), ['index_not_found']);
      await configure(copy, definition);
      await storeCheckpoint(copy, null);
      return copy;
    },
    async swap(index) {
      const copy = rebuildUidOf(index);
      definitionOf(index);
      await settle(
        index,
        `swap ${copy} into ${index}`,
        client.swapIndexes([{ indexes: [uidOf(index), uidOf(copy)], rename: false }]),
      );
      // From here the new copy answers searches; a crash before the checkpoint moves only causes a replay.
      await storeCheckpoint(index, await readCheckpoint(copy));
      await settle(copy, `drop ${copy}`, client.deleteIndex(uidOf(copy)), ['index_not_found']);
      await storeCheckpoint(copy, null);
    },
    async ping() {
      try {
        await client.health();
      } catch (error) {
        throw new SearchUnavailableError(`Meilisearch at ${options.host}: ${(error as Error).message}`, {
          cause: error,
        });
      }
    },
    // The client keeps no connection open between requests, so there is nothing to release.
    async close() {},
  };
}
