import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { loadDefinitions } from '../../../src/search/definitions.js';
import type { IndexState } from '../../../src/search/sqlite/index-state.js';
import { createStatements, layoutOf } from '../../../src/search/sqlite/layout.js';
import { createMemoryColumns } from '../../../src/search/sqlite/memory-columns.js';
import { synonymLookup, termQuery } from '../../../src/search/sqlite/query.js';
import { HITS_TABLE, searchDocuments } from '../../../src/search/sqlite/search.js';
import { queryTerms } from '../../../src/search/tokenizer.js';

/**
 * Under `frequency` every document found is checked against each word and each word's related terms. The
 * list of documents matching one of them is built once per search: built once per use of the word's level
 * in the ranking, a keyword search at 100k needs took three to four times as long.
 */
it('builds the list of documents matching each word, and each set of related terms, once per search', () => {
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
  const q = '独居高龄老人 智慧养老服务';
  const statements: string[] = [];
  searchDocuments(
    (sql) => {
      statements.push(sql);
      return db.prepare(sql);
    },
    state,
    { q, matchingStrategy: 'frequency' },
  );

  const collect = statements.find((sql) => sql.includes('INSERT INTO temp.search_hits'))!;
  const parameters = collect.match(/\?/g)!.length;
  const plan = db.prepare(`EXPLAIN QUERY PLAN ${collect}`).all(...Array<null>(parameters).fill(null)) as {
    detail: string;
  }[];
  const lists = plan.filter(({ detail }) => detail.startsWith('LIST SUBQUERY')).length;
  const words = queryTerms(q, stopWords).map((term) => termQuery(term, state.synonyms, state.related));
  const matched = words.length + words.filter((word) => word.related !== null).length;
  expect(words.some((word) => word.related !== null)).toBe(true);
  expect(lists).toBe(matched);
});
