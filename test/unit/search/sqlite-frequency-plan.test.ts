import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { loadDefinitions } from '../../../src/search/definitions.js';
import type { SearchParams } from '../../../src/search/port.js';
import { createCountCache } from '../../../src/search/sqlite/count-cache.js';
import { writeDocument } from '../../../src/search/sqlite/documents.js';
import type { IndexState } from '../../../src/search/sqlite/index-state.js';
import { createStatements, layoutOf } from '../../../src/search/sqlite/layout.js';
import { createMatchCache } from '../../../src/search/sqlite/match-cache.js';
import { createMemoryColumns } from '../../../src/search/sqlite/memory-columns.js';
import type { Prepare } from '../../../src/search/sqlite/prepare.js';
import { synonymLookup, termQuery } from '../../../src/search/sqlite/query.js';
import { HITS_TABLE, searchDocuments } from '../../../src/search/sqlite/search.js';
import { queryTerms } from '../../../src/search/tokenizer.js';

/**
 * Under `frequency` every document found is checked against each word and each word's related terms. The
 * list of documents matching one of them is read once per search (once per use, a keyword search at 100k
 * needs took three to four times as long), and not again while the index stands still: the same words come
 * back in the next search, in another city or on another page.
 */
it('reads the documents matching each word, and each set of related terms, once while the index stands still', () => {
  const definition = loadDefinitions().get('needs')!;
  const db = new Database(':memory:');
  db.exec(HITS_TABLE);
  const layout = layoutOf('needs', definition);
  for (const sql of createStatements(layout)) db.exec(sql);
  const stopWords = new Set(definition.stopWords);
  const state: IndexState = {
    definition,
    stored: '',
    layout,
    stopWords,
    synonyms: synonymLookup(definition.synonyms, stopWords),
    related: synonymLookup(definition.relatedTerms, stopWords),
    memory: createMemoryColumns(layout),
  };
  const reads: string[] = [];
  const prepare: Prepare = (sql, shape) => {
    if (sql.includes('ORDER BY rowid')) reads.push(sql);
    const statement = db.prepare(sql);
    if (shape === 'pluck') statement.pluck();
    if (shape === 'raw') statement.raw();
    return statement;
  };
  const titles = [
    '独居高龄老人智慧养老服务',
    '高龄老人居家看护服务',
    '独居高龄老人居家安全智能看护',
    '社区智慧养老服务平台',
    '冷链物流监管',
  ];
  titles.forEach((title, i) => {
    writeDocument(prepare, state, { id: `n${i}`, revision: 1, title, city: i === 0 ? 'qingdao' : 'jinan' });
  });
  const context = {
    cache: createCountCache(),
    matches: createMatchCache(),
    version: '1',
    memory: () => null,
    useResult: () => undefined,
  };
  const q = '独居高龄老人 智慧养老服务';
  const search = (params: SearchParams, within: typeof context | null = context) =>
    searchDocuments(
      prepare,
      state,
      { q, matchingStrategy: 'frequency', ...params },
      within ?? undefined,
    ).hits.map((hit) => hit.id);
  const inQingdao: SearchParams = { filter: { field: 'city', op: 'eq', value: 'qingdao' } };
  const uncached = { everywhere: search({}, null), inQingdao: search(inQingdao, null) };
  expect(uncached.everywhere.length).toBeGreaterThan(uncached.inQingdao.length);
  expect(uncached.inQingdao.length).toBeGreaterThan(0);

  reads.length = 0;
  const everywhere = search({});
  const words = queryTerms(q, stopWords).map((term) => termQuery(term, state.synonyms, state.related));
  expect(words.some((word) => word.related !== null)).toBe(true);
  expect(reads).toHaveLength(words.length + words.filter((word) => word.related !== null).length);
  expect(everywhere).toEqual(uncached.everywhere);

  reads.length = 0;
  expect(search(inQingdao)).toEqual(uncached.inQingdao);
  expect(search({})).toEqual(uncached.everywhere);
  expect(reads).toEqual([]);

  context.version = '2';
  search({});
  expect(reads.length).toBeGreaterThan(0);
});
