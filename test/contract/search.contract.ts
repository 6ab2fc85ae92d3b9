import { afterEach, describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../src/search/definitions.js';
import { InvalidFilterError } from '../../src/search/filter.js';
import {
  IndexNotFoundError,
  InvalidSearchError,
  type SearchDocument,
  type SearchIndex,
  type SearchParams,
} from '../../src/search/port.js';

export interface SearchIndexHarness {
  index: SearchIndex;
  /** Another connection to the same backing store, as another process would have. */
  reopen: () => Promise<SearchIndex>;
  /** Closes everything the harness opened and removes what it created. */
  cleanup: () => Promise<void>;
}

const definitions = loadDefinitions();

interface NeedDocument extends SearchDocument {
  title: string;
  description: string;
  city: string;
  status: string;
  technologies: string[];
  industry?: string;
  budgetWan?: { min: number; max: number };
  publishedAt?: string;
  campaignId?: string;
}

const need = (id: string, fields: Partial<NeedDocument> & Pick<NeedDocument, 'title'>): NeedDocument => ({
  id,
  revision: 1,
  description: '',
  city: 'jinan',
  status: 'published',
  technologies: [],
  ...fields,
});

/** Needs written the way people write them: the same things segmented in different ways. */
const needs: NeedDocument[] = [
  need('n-cold', {
    title: '冷链物流全程温度监控',
    description: '冷库温湿度自动采集，冷藏车实时定位和车厢温度回传',
    city: 'linyi',
    industry: 'transport-logistics',
    technologies: ['iot', 'beidou'],
    budgetWan: { min: 30, max: 80 },
    publishedAt: '2025-03-01T08:00:00.000Z',
    campaignId: 'c-2025-1',
  }),
  need('n-seafood', {
    title: '即食海参冷链流通质量追溯',
    description: '从养殖海区、加工到销售终端的全过程记录，一物一码',
    city: 'weihai',
    industry: 'modern-marine',
    technologies: ['blockchain', 'iot', 'iot'],
    budgetWan: { min: 20, max: 50 },
    publishedAt: '2025-02-10T08:00:00.000Z',
  }),
  need('n-delivery', {
    title: '城市物流配送车辆调度优化',
    description: '根据订单自动规划配送路线',
    city: 'jinan',
    industry: 'transport-logistics',
    technologies: ['ai'],
    budgetWan: { min: 50, max: 100 },
    publishedAt: '2025-01-05T08:00:00.000Z',
  }),
  need('n-port', {
    title: '港口装卸设备预测性维护',
    description: '岸桥和场桥的振动监测与故障预警',
    city: 'qingdao',
    industry: 'modern-marine',
    technologies: ['iot', 'ai', 'digital-twin'],
    budgetWan: { min: 100, max: 300 },
  }),
  need('n-tyre', {
    title: '子午线轮胎外观缺陷自动检测',
    description: '采用机器视觉替代人工目检',
    city: 'qingdao',
    industry: 'high-end-chemicals',
    technologies: ['machine-vision', 'ai'],
    publishedAt: '2025-02-20T08:00:00.000Z',
  }),
  need('n-draft', {
    title: '纺织车间机器视觉验布',
    description: '布面瑕疵在线识别',
    city: 'weifang',
    status: 'draft',
    technologies: ['machine-vision'],
  }),
];

const idsOf = (hits: { id: string }[]) => hits.map((h) => h.id);
const sorted = (ids: string[]) => [...ids].sort();

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  );
}

export function runSearchIndexContract(name: string, open: () => Promise<SearchIndexHarness>): void {
  describe(`SearchIndex contract: ${name}`, () => {
    let harness: SearchIndexHarness | undefined;
    const start = async (documents: NeedDocument[] = needs) => {
      harness = await open();
      await harness.index.applySettings(definitions.get('needs')!);
      if (documents.length) await harness.index.upsert('needs', documents);
      return harness;
    };
    const searchIds = async (index: SearchIndex, params: SearchParams) =>
      idsOf((await index.search('needs', { pageSize: 100, ...params })).hits);
    afterEach(async () => {
      await harness?.cleanup();
      harness = undefined;
    });

    describe('Chinese queries', () => {
      it('finds a term whichever way documents and queries segment it', async () => {
        const { index } = await start();
        expect(sorted(await searchIds(index, { q: '冷链' }))).toEqual(['n-cold', 'n-seafood']);
        expect(sorted(await searchIds(index, { q: '物流' }))).toEqual(['n-cold', 'n-delivery']);
        expect(await searchIds(index, { q: '冷链物流' })).toEqual(['n-cold']);
        expect(await searchIds(index, { q: '预测性维护' })).toEqual(['n-port']);
        expect(await searchIds(index, { q: '预测 维护' })).toEqual(['n-port']);
        expect(await searchIds(index, { q: '维护预测' })).toEqual(['n-port']);
      });

      it('expands the taxonomy synonyms: 视觉检测 finds 机器视觉', async () => {
        const { index } = await start();
        expect(sorted(await searchIds(index, { q: '视觉检测' }))).toEqual(['n-draft', 'n-tyre']);
        expect(
          await searchIds(index, {
            q: '视觉检测',
            filter: { field: 'status', op: 'eq', value: 'published' },
          }),
        ).toEqual(['n-tyre']);
      });

      it('ranks documents with every term first, then falls back to fewer terms (matchingStrategy last)', async () => {
        const { index } = await start();
        expect(await searchIds(index, { q: '冷链 物流' })).toEqual(['n-cold', 'n-seafood']);
        expect(await searchIds(index, { q: '冷链 物流', matchingStrategy: 'all' })).toEqual(['n-cold']);
        expect(await searchIds(index, { q: '冷链 港口', matchingStrategy: 'all' })).toEqual([]);
      });

      it('answers an empty query with the filtered, sorted documents', async () => {
        const { index } = await start();
        const result = await index.search('needs', {
          filter: { field: 'status', op: 'eq', value: 'published' },
          sort: ['publishedAt:desc'],
          pageSize: 10,
        });
        expect(result.total).toBe(5);
        expect(idsOf(result.hits).slice(0, 4)).toEqual(['n-cold', 'n-tyre', 'n-seafood', 'n-delivery']);
        expect(idsOf(result.hits)[4]).toBe('n-port');
      });
    });

    describe('filters', () => {
      it('matches array attributes when any element matches', async () => {
        const { index } = await start();
        const tech = (value: string) => ({ field: 'technologies', op: 'eq' as const, value });
        expect(sorted(await searchIds(index, { filter: tech('ai') }))).toEqual([
          'n-delivery',
          'n-port',
          'n-tyre',
        ]);
        expect(
          sorted(
            await searchIds(index, {
              filter: { field: 'technologies', op: 'in', value: ['beidou', 'blockchain'] },
            }),
          ),
        ).toEqual(['n-cold', 'n-seafood']);
        expect(sorted(await searchIds(index, { filter: { not: tech('iot') } }))).toEqual([
          'n-delivery',
          'n-draft',
          'n-tyre',
        ]);
        expect(sorted(await searchIds(index, { filter: { and: [tech('ai'), tech('iot')] } }))).toEqual([
          'n-port',
        ]);
      });

      it('combines and, or, not, ranges and exists on scalar and nested attributes', async () => {
        const { index } = await start();
        expect(
          sorted(
            await searchIds(index, {
              filter: {
                and: [
                  { field: 'budgetWan.min', op: 'gte', value: 30 },
                  { field: 'budgetWan.max', op: 'lte', value: 100 },
                ],
              },
            }),
          ),
        ).toEqual(['n-cold', 'n-delivery']);
        expect(
          sorted(
            await searchIds(index, {
              filter: {
                or: [
                  { field: 'city', op: 'eq', value: 'weihai' },
                  { field: 'publishedAt', op: 'gte', value: '2025-02-15T00:00:00.000Z' },
                ],
              },
            }),
          ),
        ).toEqual(['n-cold', 'n-seafood', 'n-tyre']);
        // Within one day: Meilisearch stores string facets in lower case (`…t08:00:00.000z`), so a bound
        // compared as given (`…T09…`) would sort after it and drop the need.
        expect(
          await searchIds(index, {
            filter: {
              and: [
                { field: 'publishedAt', op: 'gte', value: '2025-03-01T07:00:00.000Z' },
                { field: 'publishedAt', op: 'lte', value: '2025-03-01T09:00:00.000Z' },
              ],
            },
          }),
        ).toEqual(['n-cold']);
        expect(await searchIds(index, { filter: { field: 'campaignId', op: 'exists' } })).toEqual(['n-cold']);
        expect(
          sorted(await searchIds(index, { filter: { not: { field: 'budgetWan.min', op: 'exists' } } })),
        ).toEqual(['n-draft', 'n-tyre']);
        expect(
          sorted(
            await searchIds(index, { filter: { not: { field: 'campaignId', op: 'eq', value: 'c-2025-1' } } }),
          ),
        ).toEqual(['n-delivery', 'n-draft', 'n-port', 'n-seafood', 'n-tyre']);
      });

      it('treats quotes, operators and SQL in a value as the value itself', async () => {
        const hostile = [
          '"x" OR 1=1',
          "'; DROP TABLE needs; --",
          'a\\" OR city = "jinan',
          '") OR ("1"="1',
          'back\\slash',
          'ends with a backslash\\',
          'not a newline: \\n',
        ];
        const { index } = await start([
          ...needs,
          ...hostile.map((city, i) => need(`n-hostile-${i}`, { title: '异常值', city })),
        ]);
        for (const [i, city] of hostile.entries()) {
          expect(await searchIds(index, { filter: { field: 'city', op: 'eq', value: city } })).toEqual([
            `n-hostile-${i}`,
          ]);
          expect(
            await searchIds(index, { filter: { field: 'city', op: 'in', value: [city, 'nowhere'] } }),
          ).toEqual([`n-hostile-${i}`]);
        }
        expect(await searchIds(index, { filter: { field: 'city', op: 'eq', value: 'x' } })).toEqual([]);
        expect((await index.search('needs')).total).toBe(needs.length + hostile.length);
      });

      it('refuses a filter on an attribute that is not filterable, or of the wrong shape', async () => {
        const { index } = await start();
        const refused = async (filter: unknown) =>
          rejection(index.search('needs', { filter: filter as SearchParams['filter'] }));
        expect(await refused({ field: 'description', op: 'eq', value: 'x' })).toBeInstanceOf(
          InvalidFilterError,
        );
        expect(await refused({ field: 'city', op: 'like', value: 'x' })).toBeInstanceOf(InvalidFilterError);
        expect(await refused({ field: 'city', op: 'in', value: [] })).toBeInstanceOf(InvalidFilterError);
        expect(await refused({ field: 'city', op: 'eq', value: { $ne: 1 } })).toBeInstanceOf(
          InvalidFilterError,
        );
        expect(await refused({ or: [] })).toBeInstanceOf(InvalidFilterError);
        expect(await refused('city = jinan')).toBeInstanceOf(InvalidFilterError);
      });
    });

    describe('facets, sort and pagination', () => {
      it('counts facets over the whole result set, each value once per document', async () => {
        const { index } = await start();
        const result = await index.search('needs', {
          filter: { field: 'status', op: 'eq', value: 'published' },
          facets: ['city', 'technologies', 'status'],
          pageSize: 1,
        });
        expect(result.hits).toHaveLength(1);
        expect(result.total).toBe(5);
        expect(result.facetDistribution).toEqual({
          city: { jinan: 1, linyi: 1, qingdao: 2, weihai: 1 },
          technologies: { ai: 3, beidou: 1, blockchain: 1, 'digital-twin': 1, iot: 3, 'machine-vision': 1 },
          status: { published: 5 },
        });
        const cold = await index.search('needs', { q: '冷链', facets: ['city', 'industry', 'campaignId'] });
        expect(cold.facetDistribution).toEqual({
          city: { linyi: 1, weihai: 1 },
          industry: { 'modern-marine': 1, 'transport-logistics': 1 },
          campaignId: { 'c-2025-1': 1 },
        });
      });

      it('sorts, pages through every hit exactly once, and reports the total on each page', async () => {
        const { index } = await start();
        const pages = [];
        for (let page = 1; page <= 3; page++) {
          const result = await index.search('needs', { sort: ['budgetWan.min:asc'], page, pageSize: 2 });
          expect(result).toMatchObject({ total: 6, page, pageSize: 2 });
          pages.push(idsOf(result.hits));
        }
        expect(pages.slice(0, 2)).toEqual([
          ['n-seafood', 'n-cold'],
          ['n-delivery', 'n-port'],
        ]);
        expect(sorted(pages[2]!)).toEqual(['n-draft', 'n-tyre']);
        expect((await index.search('needs', { page: 4, pageSize: 2 })).hits).toEqual([]);
      });

      it('refuses unknown sort and facet attributes and bad page sizes', async () => {
        const { index } = await start();
        expect(await rejection(index.search('needs', { sort: ['description:asc'] }))).toBeInstanceOf(
          InvalidSearchError,
        );
        expect(
          await rejection(index.search('needs', { sort: ['publishedAt:sideways' as 'publishedAt:asc'] })),
        ).toBeInstanceOf(InvalidSearchError);
        expect(await rejection(index.search('needs', { facets: ['title'] }))).toBeInstanceOf(
          InvalidSearchError,
        );
        expect(await rejection(index.search('needs', { pageSize: 0 }))).toBeInstanceOf(InvalidSearchError);
        expect(await rejection(index.search('needs', { page: 1.5 }))).toBeInstanceOf(InvalidSearchError);
      });
    });

    describe('highlights', () => {
      it('wraps matched terms in <em> in the requested attributes', async () => {
        const { index } = await start();
        const [hit] = (
          await index.search('needs', { q: '冷链', highlight: ['title'], sort: ['publishedAt:desc'] })
        ).hits;
        expect(hit?._highlight).toEqual({ title: '<em>冷链</em>物流全程温度监控' });
        const [port] = (await index.search('needs', { q: '振动', highlight: ['title', 'description'] })).hits;
        expect(port?._highlight).toEqual({
          title: '港口装卸设备预测性维护',
          description: '岸桥和场桥的<em>振动</em>监测与故障预警',
        });
      });

      it('escapes the HTML of the text before marking it', async () => {
        const { index } = await start([need('n-html', { title: '<b>危险</b> & "引号" 危险品运输' })]);
        const [hit] = (await index.search('needs', { q: '危险品', highlight: ['title'] })).hits;
        expect(hit?._highlight?.title).toBe(
          '&lt;b&gt;危险&lt;/b&gt; &amp; &quot;引号&quot; <em>危险品</em>运输',
        );
        const [plain] = (await index.search('needs', { highlight: ['title'] })).hits;
        expect(plain?._highlight?.title).toBe('&lt;b&gt;危险&lt;/b&gt; &amp; &quot;引号&quot; 危险品运输');
        expect(plain?.title).toBe('<b>危险</b> & "引号" 危险品运输');
      });
    });

    describe('documents and revisions', () => {
      it('gets documents by id as they were written, null when absent', async () => {
        const { index } = await start();
        expect(await index.get('needs', 'n-cold')).toEqual(needs[0]);
        expect(await index.get('needs', 'nothing')).toBeNull();
      });

      it('ignores an upsert older than the stored revision, so replays are safe', async () => {
        const { index } = await start([]);
        const v2 = need('n-1', { revision: 2, title: '智慧园区能耗监测' });
        const v1 = need('n-1', { revision: 1, title: '园区旧标题' });
        await index.upsert('needs', [v2]);
        await index.upsert('needs', [v1]);
        expect(await index.get('needs', 'n-1')).toEqual(v2);
        expect(await searchIds(index, { q: '旧标题' })).toEqual([]);
        expect(await searchIds(index, { q: '能耗监测' })).toEqual(['n-1']);

        const v3 = need('n-1', { revision: 3, title: '智慧园区碳排放监测' });
        await index.upsert('needs', [v3, v2]);
        await index.upsert('needs', [v3]);
        expect(await index.get('needs', 'n-1')).toEqual(v3);
        expect((await index.search('needs', { q: '监测' })).total).toBe(1);
      });

      it('deletes documents, ignoring ids it does not have', async () => {
        const { index } = await start();
        await index.delete('needs', ['n-cold', 'never-there']);
        expect(await index.get('needs', 'n-cold')).toBeNull();
        expect(await searchIds(index, { q: '冷链' })).toEqual(['n-seafood']);
        expect((await index.search('needs', { facets: ['city'] })).facetDistribution.city).not.toHaveProperty(
          'linyi',
        );
      });

      it('refuses to work with an index whose settings were never applied', async () => {
        const { index } = await start([]);
        expect(await rejection(index.search('solutions'))).toBeInstanceOf(IndexNotFoundError);
        expect(await rejection(index.upsert('solutions', [need('s', { title: 'x' })]))).toBeInstanceOf(
          IndexNotFoundError,
        );
      });
    });

    describe('checkpoints', () => {
      it('moves the checkpoint together with the batch it covers', async () => {
        const { index, reopen } = await start([]);
        expect(await index.getCheckpoint('needs')).toBeNull();
        await index.applyBatch('needs', { upserts: [needs[0]!, needs[1]!] }, 5n);
        expect(await index.getCheckpoint('needs')).toBe(5n);
        await index.applyBatch('needs', { upserts: [needs[2]!], deletes: ['n-cold'] }, 9n);
        expect(sorted(await searchIds(index, {}))).toEqual(['n-delivery', 'n-seafood']);
        expect(await (await reopen()).getCheckpoint('needs')).toBe(9n);
        await index.applyBatch('needs', {}, 12n);
        expect(await index.getCheckpoint('needs')).toBe(12n);
      });

      it('leaves documents and checkpoint untouched when a batch cannot be applied', async () => {
        const { index } = await start([]);
        await index.applyBatch('needs', { upserts: [needs[0]!] }, 5n);
        const broken = { ...needs[2]!, revision: undefined } as unknown as NeedDocument;
        await rejection(index.applyBatch('needs', { upserts: [needs[1]!, broken], deletes: ['n-cold'] }, 9n));
        await rejection(index.applyBatch('needs', { upserts: [needs[1]!], deletes: ['n-seafood'] }, 9n));
        expect(await index.getCheckpoint('needs')).toBe(5n);
        expect(await searchIds(index, {})).toEqual(['n-cold']);
      });
    });

    describe('rebuild and swap', () => {
      it('fills a fresh copy while searches answer from the old one, then swaps it in', async () => {
        const old = needs.slice(0, 3);
        const { index, reopen } = await start(old);
        await index.applyBatch('needs', {}, 40n);
        const other = await reopen();

        const copy = await index.prepareRebuild('needs');
        expect(copy).toBe('needs_rebuild');
        expect(await index.getCheckpoint(copy)).toBeNull();
        const rebuilt = needs.slice(2).map((n) => ({ ...n, revision: 7 }));
        await index.applyBatch(copy, { upserts: rebuilt }, 77n);
        expect(sorted(await searchIds(other, {}))).toEqual(sorted(idsOf(old)));
        expect(sorted(await searchIds(index, { q: '冷链' }))).toEqual(['n-cold', 'n-seafood']);

        const before = sorted(idsOf(old));
        const after = sorted(idsOf(rebuilt));
        const answers = Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? index : other).search('needs', { pageSize: 100 }).then((r) => sorted(idsOf(r.hits))),
        );
        await Promise.all([index.swap('needs'), ...answers]);
        for (const answer of await Promise.all(answers)) expect([before, after]).toContainEqual(answer);

        for (const reader of [index, other]) {
          expect(sorted(await searchIds(reader, {}))).toEqual(after);
          expect(await searchIds(reader, { q: '冷链' })).toEqual([]);
          expect(await reader.getCheckpoint('needs')).toBe(77n);
        }
        expect(await rejection(index.search('needs_rebuild'))).toBeInstanceOf(IndexNotFoundError);
        expect(await index.prepareRebuild('needs')).toBe('needs_rebuild');
        expect(await searchIds(index, { q: '冷链' })).toEqual([]);
        expect((await index.search('needs_rebuild')).total).toBe(0);
      });
    });
  });
}
