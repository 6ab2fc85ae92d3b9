import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { loadDefinitions } from '../../src/search/definitions.js';
import { openSearchIndex } from '../../src/search/open.js';
import { InvalidDocumentError, type SearchIndex } from '../../src/search/port.js';
import { openSqliteSearchIndex } from '../../src/search/sqlite/sqlite-search-index.js';
import { runSearchIndexContract } from './search.contract.js';

runSearchIndexContract('sqlite', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'yunsupei-search-'));
  const path = join(dir, 'search.db');
  const opened: SearchIndex[] = [];
  const openOne = () => {
    const index = openSqliteSearchIndex({ path });
    opened.push(index);
    return index;
  };
  return {
    index: openOne(),
    reopen: async () => openOne(),
    cleanup: async () => {
      for (const index of opened) await index.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite search index', () => {
  const needs = loadDefinitions().get('needs')!;
  let dir: string;
  const opened: SearchIndex[] = [];
  const open = () => {
    const index = openSqliteSearchIndex({ path: join(dir, 'nested', 'search.db') });
    opened.push(index);
    return index;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yunsupei-search-'));
  });
  afterEach(async () => {
    for (const index of opened.splice(0)) await index.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps indexes, documents and checkpoints in its file across reopening', async () => {
    const first = open();
    await first.applySettings(needs);
    await first.applyBatch('needs', { upserts: [{ id: 'n1', revision: 1, title: '智慧园区能耗监测' }] }, 3n);
    await first.close();
    const second = open();
    expect((await second.search('needs', { q: '能耗' })).total).toBe(1);
    expect(await second.getCheckpoint('needs')).toBe(3n);
  });

  it('re-derives its tables from the stored documents when a definition changes', async () => {
    const index = open();
    await index.applySettings(needs);
    await index.upsert('needs', [{ id: 'n1', revision: 1, title: '冷链监控', orgName: '鲁中冷链有限公司' }]);
    expect((await index.search('needs', { q: '鲁中' })).total).toBe(1);

    await index.applySettings({
      ...needs,
      searchableAttributes: ['title'],
      filterableAttributes: [...needs.filterableAttributes, 'orgName'],
    });
    expect((await index.search('needs', { q: '鲁中' })).total).toBe(0);
    const byOrg = await index.search('needs', {
      q: '冷链',
      filter: { field: 'orgName', op: 'eq', value: '鲁中冷链有限公司' },
    });
    expect(byOrg.hits.map((h) => h.id)).toEqual(['n1']);
  });

  it('refuses a document whose scalar attribute holds an array, naming the attribute', async () => {
    const index = open();
    await index.applySettings(needs);
    const error = await index
      .upsert('needs', [{ id: 'n1', revision: 1, title: 'x', city: ['jinan'] }])
      .catch((e) => e);
    expect(error).toBeInstanceOf(InvalidDocumentError);
    expect(error.message).toMatch(/city/);
  });

  it('treats FTS5 syntax in a query as words', async () => {
    const index = open();
    await index.applySettings(needs);
    await index.upsert('needs', [{ id: 'n1', revision: 1, title: 'AND OR NOT 冷链 "引号" NEAR(a b)' }]);
    for (const q of ['"', 'NOT', '冷链 OR', '* ^ :', 'NEAR(a b)', '"引号" AND', 'title:冷链']) {
      await expect(index.search('needs', { q })).resolves.toBeDefined();
    }
    expect((await index.search('needs', { q: 'NOT' })).total).toBe(1);
  });

  it('recounts facets after a write from this or another connection', async () => {
    const reader = open();
    const writer = open();
    await reader.applySettings(needs);
    const cities = async () =>
      (
        await reader.search('needs', {
          filter: { field: 'status', op: 'eq', value: 'published' },
          facets: ['city'],
        })
      ).facetDistribution.city;
    const published = (id: string, city: string) => ({
      id,
      revision: 1,
      title: '需求',
      status: 'published',
      city,
    });
    await reader.upsert('needs', [published('n1', 'jinan')]);
    expect(await cities()).toEqual({ jinan: 1 });
    await reader.upsert('needs', [published('n2', 'jinan')]);
    expect(await cities()).toEqual({ jinan: 2 });
    await writer.upsert('needs', [published('n3', 'qingdao')]);
    expect(await cities()).toEqual({ jinan: 2, qingdao: 1 });
  });

  it('opens search.db in the data folder with every definition of search/ applied', async () => {
    const index = await openSearchIndex(loadConfig({ YUNSUPEI_DATA_DIR: dir }), createLogger('silent'));
    opened.push(index);
    for (const uid of loadDefinitions().keys()) expect((await index.search(uid)).total).toBe(0);
  });
});
