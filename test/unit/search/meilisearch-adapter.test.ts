import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../../src/search/definitions.js';
import {
  IndexNotFoundError,
  InvalidFilterError,
  InvalidSearchError,
  SearchUnavailableError,
} from '../../../src/search/errors.js';
import {
  openMeilisearchSearchIndex,
  SearchTaskFailedError,
} from '../../../src/search/meilisearch/meilisearch-search-index.js';
import type { SearchIndex } from '../../../src/search/port.js';

interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/**
 * A stand-in for the Meilisearch HTTP API that records requests and answers with canned responses: enough to
 * check what the adapter asks for and how it reads the answers. The contract suite runs against a real
 * server when MEILI_HOST is set.
 */
function fakeMeilisearch() {
  const requests: Recorded[] = [];
  const failing = new Map<string, string>();
  const tasks = new Map<number, { type: string; indexUid: string; failWith?: string }>();
  let searchResponse: Record<string, unknown> = {};
  let searchFailure: { status: number; body: Record<string, unknown> } | undefined;
  let storedDocuments: Record<string, unknown>[] = [];
  const checkpoints = new Map<string, string>();
  let nextTask = 1;

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => {
      raw += chunk;
    });
    req.on('end', () => {
      const url = new URL(req.url!, 'http://fake');
      const body = raw ? JSON.parse(raw) : undefined;
      requests.push({ method: req.method!, path: url.pathname, query: url.searchParams, body });
      const reply = (status: number, payload: unknown) => {
        res.writeHead(status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(payload));
      };
      const task = url.pathname.match(/^\/tasks\/(\d+)$/);
      if (task) {
        const uid = Number(task[1]);
        const known = tasks.get(uid)!;
        const error = known.failWith ? { code: known.failWith, message: `${known.failWith} happened` } : null;
        return reply(200, {
          uid,
          indexUid: known.indexUid,
          type: known.type,
          status: error ? 'failed' : 'succeeded',
          error,
        });
      }
      if (url.pathname.endsWith('/search')) {
        return searchFailure ? reply(searchFailure.status, searchFailure.body) : reply(200, searchResponse);
      }
      if (req.method === 'GET' && url.pathname.endsWith('/documents')) {
        return reply(200, { results: storedDocuments, total: storedDocuments.length, offset: 0, limit: 20 });
      }
      const checkpoint = url.pathname.match(/^\/indexes\/test__checkpoints\/documents\/(\w+)$/);
      if (req.method === 'GET' && checkpoint) {
        const position = checkpoints.get(checkpoint[1]!);
        return position
          ? reply(200, { id: checkpoint[1], position })
          : reply(404, {
              code: 'document_not_found',
              message: 'not found',
              type: 'invalid_request',
              link: '',
            });
      }
      const indexUid = url.pathname.split('/')[2] ?? '';
      const type = `${req.method} ${url.pathname}`;
      const uid = nextTask++;
      tasks.set(uid, { type, indexUid, failWith: failing.get(type) });
      return reply(202, {
        taskUid: uid,
        indexUid,
        status: 'enqueued',
        type,
        enqueuedAt: new Date().toISOString(),
      });
    });
  });

  return {
    requests,
    writes: () => requests.filter((r) => r.method !== 'GET' && !r.path.endsWith('/search')),
    failNext: (type: string, code: string) => failing.set(type, code),
    answerSearch: (response: Record<string, unknown>) => {
      searchResponse = response;
    },
    /** Answers searches as Meilisearch answers an error: its status and `{ message, code, type, link }`. */
    failSearch: (status: number, code: string, type = 'invalid_request') => {
      searchFailure = { status, body: { message: `${code} happened`, code, type, link: '' } };
    },
    storeDocuments: (documents: Record<string, unknown>[]) => {
      storedDocuments = documents;
    },
    storeCheckpoint: (index: string, position: string) => checkpoints.set(index, position),
    async start(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('Meilisearch search index (against a recording fake)', () => {
  const definitions = loadDefinitions();
  let fake: ReturnType<typeof fakeMeilisearch>;
  let index: SearchIndex;

  beforeEach(async () => {
    fake = fakeMeilisearch();
    const host = await fake.start();
    index = openMeilisearchSearchIndex({
      host,
      definitions: definitions.values(),
      indexPrefix: 'test_',
      taskTimeoutMs: 2000,
    });
  });
  afterEach(() => fake.stop());

  it('creates the index and applies the settings of its definition, waiting for each task', async () => {
    await index.applySettings(definitions.get('needs')!);
    const writes = fake.writes();
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /indexes',
      'POST /indexes',
      'PATCH /indexes/test_needs/settings',
    ]);
    expect(writes.map((r) => r.body)).toMatchObject([
      { uid: 'test__checkpoints', primaryKey: 'id' },
      { uid: 'test_needs', primaryKey: 'id' },
      {
        searchableAttributes: [
          'title',
          'description',
          'problem',
          'goals',
          'requirements',
          'acceptanceCriteria',
          '_labels.technologies',
          '_labels.scenarioType',
          '_labels.industry',
          '_labels.city',
          'orgName',
          '_tokens',
        ],
      },
    ]);
    expect((writes[2]!.body as { dictionary: string[] }).dictionary).toContain('冷链物流');
    expect(fake.requests.filter((r) => r.path.startsWith('/tasks/')).length).toBeGreaterThanOrEqual(3);
  });

  it.each(['needs', 'solutions'])(
    'sends the %s definition’s fields, synonyms, abbreviations and related terms, and the frequency strategy',
    async (uid) => {
      const definition = definitions.get(uid)!;
      await index.applySettings(definition);
      const settings = fake.writes().at(-1)!.body as {
        searchableAttributes: string[];
        synonyms: Record<string, string[]>;
        stopWords: string[];
        dictionary: string[];
      };
      // Every searchable field in the definition's order: label fields as their words, then the tokens.
      expect(settings.searchableAttributes).toEqual([
        ...definition.searchableAttributes.map((a) => (a in definition.labels ? `_labels.${a}` : a)),
        '_tokens',
      ]);
      // Every synonym and every related term of the definition (Meilisearch has no weaker kind).
      for (const source of [definition.synonyms, definition.relatedTerms]) {
        for (const [word, others] of Object.entries(source)) {
          expect(settings.synonyms[word], word).toEqual(expect.arrayContaining(others));
        }
      }
      expect(settings.synonyms.AI).toContain('人工智能');
      expect(settings.synonyms.APS).toEqual(expect.arrayContaining(['高级计划排程', '高级计划与排程']));
      expect(settings.synonyms.充电桩).toContain('充电站');
      expect(settings.stopWords).toEqual(definition.stopWords);
      expect(settings.dictionary).toEqual(expect.arrayContaining(['高级计划与排程', '疲劳驾驶']));

      fake.answerSearch({ hits: [], totalHits: 0, page: 1, hitsPerPage: 20, totalPages: 0 });
      await index.search(uid, { q: '养老', matchingStrategy: 'frequency' });
      const request = fake.requests.find((r) => r.path.endsWith('/search'))!;
      expect(request.body).toMatchObject({ q: '养老', matchingStrategy: 'frequency' });
    },
  );

  it('writes only documents newer than the stored ones, with their tokens, then the checkpoint', async () => {
    fake.storeDocuments([
      { id: 'n1', revision: 5 },
      { id: 'n2', revision: 1 },
    ]);
    await index.applyBatch(
      'needs',
      {
        upserts: [
          { id: 'n1', revision: 4, title: '旧版本' },
          { id: 'n2', revision: 2, title: '冷链物流监控', technologies: ['machine-vision'], city: 'jinan' },
          { id: 'n3', revision: 1, title: '新需求' },
        ],
        deletes: ['n9'],
      },
      42n,
    );
    const fetch = fake.requests.find((r) => r.method === 'GET' && r.path.endsWith('/documents'))!;
    expect(fetch.query.get('ids')).toBe('n1,n2,n3');
    const writes = fake.writes();
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /indexes/test_needs/documents/delete-batch',
      'POST /indexes/test_needs/documents',
      'POST /indexes/test__checkpoints/documents',
    ]);
    expect(writes[0]!.body).toEqual(['n9']);
    const added = writes[1]!.body as { id: string; _tokens: string; _labels: Record<string, string> }[];
    expect(added.map((d) => d.id)).toEqual(['n2', 'n3']);
    expect(added[0]!._tokens.split(' ')).toEqual(
      expect.arrayContaining(['冷链物流', '冷链', '物流', '监控', '视觉检测', '济南']),
    );
    expect(added[0]!._labels).toMatchObject({
      technologies: '机器视觉 视觉检测 图像识别 计算机视觉',
      city: '济南',
    });
    expect(writes[2]!.body).toEqual([{ id: 'needs', position: '42' }]);
  });

  it('fails a write whose task failed, and does not move the checkpoint', async () => {
    fake.failNext('POST /indexes/test_needs/documents', 'invalid_document_fields');
    const error = await index
      .applyBatch('needs', { upserts: [{ id: 'n1', revision: 1, title: 'x' }] }, 7n)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchTaskFailedError);
    expect((error as Error).message).toContain('invalid_document_fields happened');
    expect(fake.writes().some((r) => r.path.includes('_checkpoints'))).toBe(false);
  });

  it('reports a task that failed for a missing index as IndexNotFoundError', async () => {
    fake.failNext('POST /indexes/test_needs/documents/delete-batch', 'index_not_found');
    expect(await index.delete('needs', ['n1']).catch((e: unknown) => e)).toBeInstanceOf(IndexNotFoundError);
  });

  it('sends a compiled filter, pages and locales, and returns hits without tokens, highlighted safely', async () => {
    fake.answerSearch({
      hits: [
        {
          id: 'n1',
          revision: 1,
          title: '<b>冷链</b>物流',
          _tokens: '冷链 物流',
          _formatted: { title: '<b>\u0002冷链\u0003</b>物流', _tokens: 'x' },
        },
      ],
      totalHits: 41,
      page: 2,
      hitsPerPage: 10,
      totalPages: 5,
      facetDistribution: { city: { qingdao: 3, jinan: 38 } },
    });
    const result = await index.search('needs', {
      q: '冷链',
      filter: {
        and: [
          { field: 'city', op: 'eq', value: '"x" OR 1=1' },
          { field: 'technologies', op: 'in', value: ['ai'] },
        ],
      },
      facets: ['city', 'technologies'],
      sort: ['publishedAt:desc'],
      page: 2,
      pageSize: 10,
      highlight: ['title'],
    });
    const request = fake.requests.find((r) => r.path.endsWith('/search'))!;
    expect(request.path).toBe('/indexes/test_needs/search');
    expect(request.body).toMatchObject({
      q: '冷链',
      filter: '(city = "\\"x\\" OR 1=1" AND technologies IN ["ai"])',
      facets: ['city', 'technologies'],
      sort: ['publishedAt:desc'],
      page: 2,
      hitsPerPage: 10,
      matchingStrategy: 'last',
      locales: ['cmn'],
      attributesToHighlight: ['title'],
    });
    expect(result).toEqual({
      hits: [
        {
          id: 'n1',
          revision: 1,
          title: '<b>冷链</b>物流',
          _highlight: { title: '&lt;b&gt;<em>冷链</em>&lt;/b&gt;物流' },
        },
      ],
      total: 41,
      page: 2,
      pageSize: 10,
      facetDistribution: { city: { jinan: 38, qingdao: 3 }, technologies: {} },
    });
  });

  it('swaps the rebuilt copy in and carries its checkpoint over', async () => {
    expect(await index.prepareRebuild('needs')).toBe('needs_rebuild');
    expect(fake.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      'DELETE /indexes/test_needs_rebuild',
      'POST /indexes',
      'PATCH /indexes/test_needs_rebuild/settings',
      'DELETE /indexes/test__checkpoints/documents/needs_rebuild',
    ]);
    fake.storeCheckpoint('needs_rebuild', '77');
    fake.requests.length = 0;
    await index.swap('needs');
    const writes = fake.writes();
    expect(writes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /swap-indexes',
      'POST /indexes/test__checkpoints/documents',
      'DELETE /indexes/test_needs_rebuild',
      'DELETE /indexes/test__checkpoints/documents/needs_rebuild',
    ]);
    expect(writes[0]!.body).toEqual([{ indexes: ['test_needs', 'test_needs_rebuild'], rename: false }]);
    expect(writes[1]!.body).toEqual([{ id: 'needs', position: '77' }]);
  });

  it('sends range bounds on dates as Meilisearch stores string facets (lower case), and backslashes escaped', async () => {
    fake.answerSearch({ hits: [], totalHits: 0, page: 1, hitsPerPage: 20, totalPages: 0 });
    await index.search('needs', {
      filter: {
        and: [
          { field: 'publishedAt', op: 'gte', value: '2025-03-01T08:00:00.000Z' },
          { field: 'deadline', op: 'lte', value: '2025-12-31' },
          { field: 'orgId', op: 'eq', value: 'a\\b"c\\' },
        ],
      },
    });
    const request = fake.requests.find((r) => r.path.endsWith('/search'))!;
    expect((request.body as { filter: string }).filter).toBe(
      '(publishedAt >= "2025-03-01t08:00:00.000z" AND deadline <= "2025-12-31" AND orgId = "a\\\\b\\"c\\\\")',
    );
  });

  it('turns a filter or search Meilisearch refuses into the port’s 400 errors', async () => {
    fake.failSearch(400, 'invalid_search_filter');
    const refused = await index.search('needs', {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidFilterError);
    expect(refused).toMatchObject({ status: 400, code: 'search.invalid_filter' });
    fake.failSearch(400, 'invalid_search_sort');
    expect(await index.search('needs', {}).catch((e: unknown) => e)).toBeInstanceOf(InvalidSearchError);
  });

  it('turns a server that fails or refuses our key into SearchUnavailableError (503)', async () => {
    for (const [status, code] of [
      [500, 'internal'],
      [503, 'unavailable'],
      [403, 'invalid_api_key'],
    ] as const) {
      fake.failSearch(status, code, status === 403 ? 'auth' : 'internal');
      const error = await index.search('needs', {}).catch((e: unknown) => e);
      expect(error, `${status} ${code}`).toBeInstanceOf(SearchUnavailableError);
      expect((error as SearchUnavailableError).status).toBe(503);
    }
  });
});
