import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../../src/search/definitions.js';
import type { Filter } from '../../../src/search/filter.js';
import type { SearchDocument, SearchIndex, SearchParams, SortRule } from '../../../src/search/port.js';
import { openSqliteSearchIndex } from '../../../src/search/sqlite/sqlite-search-index.js';

/**
 * The SQLite adapter answers a search by one of several paths: filter and facets over its in-memory
 * columns or in SQL, a page sorted from the known matches, through the filter's indexes, or by walking the
 * first sort key's index up to the page's boundary. Whichever it takes, the answer is the same: checked
 * against an adapter that never uses memory and against the obvious computation over the documents.
 */
const needs = loadDefinitions().get('needs')!;
const CITIES = ['jinan', 'qingdao', 'weihai', 'linyi'];
const STATUSES = ['published', 'submitted', 'fulfilled', 'closed'];
const TECHNOLOGIES = ['ai', 'iot', 'cloud', 'big-data'];
const WORDS = ['冷链物流', '能耗监测', '视觉检测', '智能排产'];

interface Need extends SearchDocument {
  title: string;
  city: string;
  status: string;
  technologies: string[];
  budgetWan?: { min: number; max: number };
  publishedAt?: string;
}

/** 1,500 needs, enough for large result sets to take the index-walking paths; a fixed pseudo-random mix. */
function documents(): Need[] {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  return Array.from({ length: 1500 }, (_, i) => {
    const need: Need = {
      id: `n${String(i).padStart(4, '0')}`,
      revision: 1,
      title: `${WORDS[next(4)]}${WORDS[next(4)]}`,
      city: CITIES[next(4)]!,
      status: STATUSES[next(4)]!,
      technologies: TECHNOLOGIES.filter(() => next(3) === 0),
    };
    // Some needs lack the sort attributes (or hold an empty one), so pages run into those sorted last;
    // many share a value.
    if (next(5)) need.budgetWan = { min: 10 * next(30), max: 500 };
    if (next(4)) need.publishedAt = `2025-0${1 + next(9)}-1${next(10)}T00:00:00.000Z`;
    else if (next(3) === 0) need.publishedAt = '';
    return need;
  });
}

const all = documents();
const indexes: SearchIndex[] = [];
let inMemory: SearchIndex;
let inSql: SearchIndex;

beforeAll(async () => {
  inMemory = openSqliteSearchIndex({ path: ':memory:' });
  inSql = openSqliteSearchIndex({ path: ':memory:', inMemoryColumns: false });
  indexes.push(inMemory, inSql);
  for (const index of indexes) {
    await index.applySettings(needs);
    await index.upsert('needs', all);
  }
});

afterAll(async () => {
  for (const index of indexes) await index.close();
});

const condition: fc.Arbitrary<Filter> = fc.oneof(
  fc.record({
    field: fc.constant('city'),
    op: fc.constant('eq' as const),
    value: fc.constantFrom(...CITIES),
  }),
  fc.record({
    field: fc.constant('status'),
    op: fc.constant('in' as const),
    value: fc.uniqueArray(fc.constantFrom(...STATUSES), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    field: fc.constant('technologies'),
    op: fc.constant('eq' as const),
    value: fc.constantFrom(...TECHNOLOGIES),
  }),
  fc.record({ field: fc.constantFrom('publishedAt', 'technologies'), op: fc.constant('exists' as const) }),
  fc.record({
    field: fc.constant('budgetWan.min'),
    op: fc.constantFrom('gte' as const, 'lte' as const),
    value: fc.integer({ min: 0, max: 300 }),
  }),
  fc.record({
    field: fc.constant('publishedAt'),
    op: fc.constantFrom('gte' as const, 'lte' as const),
    value: fc.constantFrom('2025-03', '2025-05-15', '2025-09-1', ''),
  }),
);
const filter: fc.Arbitrary<Filter> = fc.oneof(
  { depthSize: 'small' },
  condition,
  fc.array(condition, { minLength: 2, maxLength: 3 }).map((and) => ({ and })),
  fc.array(condition, { minLength: 2, maxLength: 3 }).map((or) => ({ or })),
  condition.map((not) => ({ not })),
);
const sort = fc.constantFrom<SortRule[]>(
  [],
  ['publishedAt:desc'],
  ['publishedAt:desc', 'budgetWan.min:asc'],
  ['budgetWan.min:asc', 'publishedAt:desc'],
  ['budgetWan.min:desc'],
);
const search = fc.record({
  q: fc.option(fc.constantFrom(...WORDS), { nil: undefined }),
  filter: fc.option(filter, { nil: undefined }),
  sort,
  page: fc.integer({ min: 1, max: 40 }),
  pageSize: fc.constantFrom(5, 20),
});
/** Keyword searches as retrieval makes them: several words, a filter, no facets, any strategy. */
const keywordSearch = fc.record({
  q: fc.uniqueArray(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 3 }).map((w) => w.join(' ')),
  filter: fc.option(filter, { nil: undefined }),
  matchingStrategy: fc.constantFrom('last' as const, 'all' as const, 'frequency' as const),
  facets: fc.constantFrom<string[]>([], ['city']),
  page: fc.integer({ min: 1, max: 10 }),
  pageSize: fc.constantFrom(20, 200),
});

function matches(need: Need, f: Filter): boolean {
  if ('and' in f) return f.and.every((c) => matches(need, c));
  if ('or' in f) return f.or.some((c) => matches(need, c));
  if ('not' in f) return !matches(need, f.not);
  const value = f.field === 'budgetWan.min' ? need.budgetWan?.min : need[f.field];
  const values = (Array.isArray(value) ? value : value === undefined ? [] : [value]) as (string | number)[];
  switch (f.op) {
    case 'eq':
      return values.includes(f.value as string);
    case 'in':
      return values.some((v) => (f.value as unknown[]).includes(v));
    case 'exists':
      return values.some((v) => v !== '');
    case 'gte':
      return values.some((v) => v >= f.value);
    case 'lte':
      return values.some((v) => v <= f.value);
  }
}

const sortValue = (need: Need, field: string) =>
  field === 'publishedAt' ? need.publishedAt : need.budgetWan?.min;

/** Sort keys with missing values last, then the order of writing (rid), descending if the first key is. */
function ordered(list: Need[], rules: SortRule[]): Need[] {
  const keys = rules.map((r) => r.split(':') as [string, 'asc' | 'desc']);
  const position = new Map(all.map((n, i) => [n.id, i]));
  const descending = keys[0]?.[1] === 'desc';
  return [...list].sort((a, b) => {
    for (const [field, order] of keys) {
      const x = sortValue(a, field);
      const y = sortValue(b, field);
      if (x === y) continue;
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      return (x < y ? -1 : 1) * (order === 'desc' ? -1 : 1);
    }
    return (position.get(a.id)! - position.get(b.id)!) * (descending ? -1 : 1);
  });
}

function facetsOf(list: Need[]) {
  const count = (values: string[]) => {
    const counts: Record<string, number> = {};
    for (const value of [...values].sort()) counts[value] = (counts[value] ?? 0) + 1;
    return counts;
  };
  return {
    city: count(list.map((n) => n.city)),
    status: count(list.map((n) => n.status)),
    technologies: count(list.flatMap((n) => n.technologies)),
  };
}

describe('SQLite search paths', () => {
  it('answer every search alike, in memory or in SQL, and as the documents say', async () => {
    await fc.assert(
      fc.asyncProperty(search, async (drawn) => {
        const params: SearchParams = { ...drawn, facets: ['city', 'status', 'technologies'] };
        const fromMemory = await inMemory.search<Need>('needs', params);
        const fromSql = await inSql.search<Need>('needs', params);
        const summary = (r: typeof fromMemory) => ({
          ids: r.hits.map((h) => h.id),
          total: r.total,
          facets: r.facetDistribution,
        });
        expect(summary(fromMemory)).toEqual(summary(fromSql));
        if (drawn.q) return;
        const expected = ordered(
          all.filter((n) => drawn.filter === undefined || matches(n, drawn.filter)),
          drawn.sort,
        );
        expect(fromMemory.total).toBe(expected.length);
        expect(fromMemory.facetDistribution).toEqual(facetsOf(expected));
        const start = (drawn.page - 1) * drawn.pageSize;
        expect(fromMemory.hits.map((h) => h.id)).toEqual(
          expected.slice(start, start + drawn.pageSize).map((n) => n.id),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('rank the hits of a keyword search alike, in memory or in SQL, whatever the strategy', async () => {
    await fc.assert(
      fc.asyncProperty(keywordSearch, async (params) => {
        const fromMemory = await inMemory.search<Need>('needs', params);
        const fromSql = await inSql.search<Need>('needs', params);
        expect(fromMemory.hits.map((h) => h.id)).toEqual(fromSql.hits.map((h) => h.id));
        expect(fromMemory.total).toBe(fromSql.total);
        expect(fromMemory.facetDistribution).toEqual(fromSql.facetDistribution);
      }),
      { numRuns: 150 },
    );
  });

  it('compare values in a range as SQLite orders them: numbers before text, text in UTF-8 bytes', async () => {
    // U+1F600 comes after U+FF5E in UTF-8, before it in JavaScript's UTF-16 order.
    const values: Need[] = [
      { id: 'a', revision: 1, title: '冷链', city: '😀', status: '～', technologies: [] },
      { id: 'b', revision: 1, title: '冷链', city: '～', status: 'published', technologies: [] },
      { id: 'c', revision: 1, title: '冷链', city: 'jinan', status: 'published', technologies: [] },
      { id: 'd', revision: 1, title: '冷链', city: 'jinan', status: '12', technologies: [] },
    ];
    const pair = [openSqliteSearchIndex({ path: ':memory:' })];
    pair.push(openSqliteSearchIndex({ path: ':memory:', inMemoryColumns: false }));
    try {
      const found: string[][] = [];
      for (const index of pair) {
        await index.applySettings(needs);
        await index.upsert('needs', values);
        for (const filter of [
          { field: 'city', op: 'gte', value: '～' },
          { field: 'city', op: 'lte', value: '～' },
          { field: 'status', op: 'gte', value: 5 },
          { field: 'status', op: 'lte', value: 'p' },
        ] satisfies Filter[]) {
          const result = await index.search('needs', { q: '冷链', filter, facets: ['city'] });
          found.push(result.hits.map((h) => h.id).sort());
        }
      }
      expect(found.slice(0, 4)).toEqual([['a', 'b'], ['b', 'c', 'd'], ['a', 'b', 'c', 'd'], ['d']]);
      expect(found.slice(4)).toEqual(found.slice(0, 4));
    } finally {
      for (const index of pair) await index.close();
    }
  });
});
