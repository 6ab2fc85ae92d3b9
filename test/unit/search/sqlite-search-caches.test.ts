import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { loadDefinitions } from '../../../src/search/definitions.js';
import type { SearchDocument, SearchIndex, SearchParams } from '../../../src/search/port.js';
import { needsIndexes } from './needs-indexes.js';

/**
 * The SQLite adapter remembers, while the index stands still, the documents each set of words matches with
 * their scores (whatever the filter) and the documents each filter selects. A write must make a search
 * answer from the documents as they now are.
 */
const openNeeds = needsIndexes();

interface Need extends SearchDocument {
  title: string;
  city: string;
  status: string;
}

const need = (id: string, fields: Partial<Need> = {}): Need => ({
  id,
  revision: 1,
  title: '冷链物流温度监控',
  city: 'jinan',
  status: 'published',
  ...fields,
});

const inCity = (city: string, params: SearchParams = {}): SearchParams => ({
  filter: { field: 'city', op: 'eq', value: city },
  facets: ['city', 'status'],
  matchingStrategy: 'frequency',
  ...params,
});

const ids = async (index: SearchIndex, params: SearchParams) =>
  (await index.search('needs', params)).hits.map((h) => h.id);

describe('SQLite search caches', () => {
  for (const q of ['冷链', '冷链 温度监控']) {
    it(`finds "${q}" in each city from the same matches, and in the documents as a write left them`, async () => {
      const index = await openNeeds();
      await index.upsert('needs', [
        need('n1'),
        need('n2', { city: 'qingdao' }),
        need('n3', { city: 'qingdao' }),
      ]);
      expect(await ids(index, inCity('jinan', { q }))).toEqual(['n1']);
      expect((await ids(index, inCity('qingdao', { q }))).sort()).toEqual(['n2', 'n3']);

      await index.upsert('needs', [
        need('n2', { revision: 2, city: 'qingdao', title: '园区能耗在线监测' }),
        need('n4', { city: 'qingdao', title: '冷链仓储温度监控冷链' }),
      ]);
      expect((await ids(index, inCity('qingdao', { q }))).sort()).toEqual(['n3', 'n4']);
      await index.delete('needs', ['n3']);
      expect(await ids(index, inCity('qingdao', { q }))).toEqual(['n4']);
      expect(await ids(index, inCity('jinan', { q }))).toEqual(['n1']);
    });
  }

  it('ranks by the scores of the documents as a write left them', async () => {
    const index = await openNeeds();
    await index.upsert('needs', [
      need('n1', { title: '冷链物流温度监控冷链冷链' }),
      need('n2', { title: '冷链物流温度监控平台建设项目' }),
    ]);
    expect(await ids(index, inCity('jinan', { q: '冷链 温度监控' }))).toEqual(['n1', 'n2']);
    await index.upsert('needs', [
      need('n1', { revision: 2, title: '冷链物流温度监控平台建设项目' }),
      need('n2', { revision: 2, title: '冷链物流温度监控冷链冷链' }),
    ]);
    expect(await ids(index, inCity('jinan', { q: '冷链 温度监控' }))).toEqual(['n2', 'n1']);
  });

  it('counts the documents a filter selects as a write left them', async () => {
    const index = await openNeeds();
    await index.upsert('needs', [need('n1'), need('n2', { city: 'qingdao' })]);
    const jinan = inCity('jinan');
    expect((await index.search('needs', jinan)).total).toBe(1);

    await index.upsert('needs', [need('n3'), need('n2', { revision: 2, city: 'jinan' })]);
    const after = await index.search('needs', jinan);
    expect(after.total).toBe(3);
    expect(after.facetDistribution).toEqual({ city: { jinan: 3 }, status: { published: 3 } });

    await index.upsert('needs', [need('n1', { revision: 2, city: 'qingdao' })]);
    await index.delete('needs', ['n3']);
    expect(await ids(index, jinan)).toEqual(['n2']);
  });
});

/** Full-text reads (FTS5 MATCH statements) every adapter of this process runs while `work` does. */
async function fullTextReads(work: () => Promise<void>): Promise<number> {
  const probe = new Database(':memory:');
  const statement = Object.getPrototypeOf(probe.prepare('SELECT 1')) as Database.Statement;
  probe.close();
  const all = vi.spyOn(statement, 'all');
  try {
    await work();
    return all.mock.contexts.filter((s) => (s as Database.Statement).source.includes(' MATCH ')).length;
  } finally {
    all.mockRestore();
  }
}

describe('SQLite search caches and writes to other indexes', () => {
  it('keeps what it read of one index while another is written, and reads it again once that one is', async () => {
    const index = await openNeeds();
    await index.applySettings(loadDefinitions().get('need_matches')!);
    await index.upsert('needs', [need('n1'), need('n2', { title: '冷链仓储温度监控平台' })]);
    const retrieval: SearchParams = {
      q: '冷链 温度监控 平台',
      filter: { field: 'status', op: 'eq', value: 'published' },
      pageSize: 10,
      matchingStrategy: 'last',
    };
    expect(await fullTextReads(async () => void (await ids(index, retrieval)))).toBeGreaterThan(0);

    let found: string[] = [];
    const reads = await fullTextReads(async () => {
      await index.upsert('need_matches', [{ id: 'n1', revision: 1, needId: 'n1', results: [] }]);
      found = await ids(index, retrieval);
    });
    expect(reads).toBe(0);
    expect(found).toEqual(['n2', 'n1']);

    const afterWrite = await fullTextReads(async () => {
      await index.upsert('needs', [need('n3', { title: '冷链温度监控平台冷链' })]);
      found = await ids(index, retrieval);
    });
    expect(afterWrite).toBeGreaterThan(0);
    expect(found).toEqual(['n3', 'n2', 'n1']);
  });
});

describe('SQLite search over common words in a large index', () => {
  it('ranks the documents of a city alike whether it scored the whole index or the city alone', async () => {
    const index = await openNeeds();
    // More matches than are scored over the whole index: a search in one city scores that city's documents.
    const cities = ['jinan', 'qingdao', 'yantai', 'weifang'];
    const docs = Array.from({ length: 10_400 }, (_, i) =>
      need(`n${i}`, {
        city: cities[i % 4]!,
        title: `冷链物流${'温度监控'.repeat(1 + (i % 7))}${i % 3 ? '仓储' : ''}`,
      }),
    );
    for (let i = 0; i < docs.length; i += 2000) await index.upsert('needs', docs.slice(i, i + 2000));
    const params = { q: '冷链 仓储', pageSize: 50, matchingStrategy: 'frequency' as const };
    const cityFirst = await index.search('needs', inCity('yantai', params));
    const whole = await index.search('needs', { ...params, pageSize: 1000 });
    const cityAfter = await index.search('needs', inCity('yantai', params));
    expect(cityFirst.total).toBe(2600);
    expect(cityFirst.hits.map((h) => h.id)).toEqual(cityAfter.hits.map((h) => h.id));
    expect(cityFirst.hits.map((h) => h.id)).toEqual(
      whole.hits
        .filter((h) => (h as Need).city === 'yantai')
        .slice(0, 50)
        .map((h) => h.id),
    );
  }, 60_000);
});
