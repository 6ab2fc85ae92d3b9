import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SearchDocument } from '../../../src/search/port.js';
import { needsIndexes } from './needs-indexes.js';

/**
 * The SQLite adapter writes only what changed in a document and counts facets from an in-memory index it
 * keeps up to date with its own writes: both must leave searches answering exactly as a full rewrite and a
 * GROUP BY would.
 */
const openNeeds = needsIndexes();

const FACETS = ['city', 'status', 'technologies'];
const TECHNOLOGIES = ['ai', 'iot', 'cloud', 'big-data'];

interface Need extends SearchDocument {
  title: string;
  city: string;
  status: string;
  technologies: string[];
}

const need = (id: string, fields: Partial<Need> = {}): Need => ({
  id,
  revision: 1,
  title: '冷链物流温度监控',
  city: 'jinan',
  status: 'published',
  technologies: ['iot'],
  ...fields,
});

/** What the facets of a result set are, counted the slow and obvious way from the documents. */
function expectedFacets(documents: Need[]) {
  const count = (values: string[]) => {
    const counts: Record<string, number> = {};
    for (const value of [...values].sort()) counts[value] = (counts[value] ?? 0) + 1;
    return counts;
  };
  return {
    city: count(documents.map((d) => d.city)),
    status: count(documents.map((d) => d.status)),
    technologies: count(documents.flatMap((d) => [...new Set(d.technologies)])),
  };
}

describe('SQLite search index writes', () => {
  it('finds a document by its new words and no longer by its old ones once its text changed', async () => {
    const index = await openNeeds();
    await index.upsert('needs', [need('n1')]);
    await index.upsert('needs', [need('n1', { revision: 2, title: '园区能耗在线监测' })]);
    expect((await index.search('needs', { q: '冷链' })).total).toBe(0);
    expect((await index.search('needs', { q: '能耗' })).hits.map((h) => h.id)).toEqual(['n1']);
  });

  it('keeps a document findable by its words when only its status and arrays changed', async () => {
    const index = await openNeeds();
    await index.upsert('needs', [need('n1')]);
    await index.upsert('needs', [
      need('n1', { revision: 2, status: 'fulfilled', technologies: ['ai', 'cloud'] }),
    ]);
    const found = await index.search('needs', {
      q: '冷链',
      filter: { field: 'technologies', op: 'eq', value: 'cloud' },
      facets: FACETS,
    });
    expect(found.hits.map((h) => [h.id, h.status])).toEqual([['n1', 'fulfilled']]);
    expect(found.facetDistribution).toEqual({
      city: { jinan: 1 },
      status: { fulfilled: 1 },
      technologies: { ai: 1, cloud: 1 },
    });
    const byOldTechnology = await index.search('needs', {
      filter: { field: 'technologies', op: 'eq', value: 'iot' },
    });
    expect(byOldTechnology.total).toBe(0);
  });

  it('leaves the facet counts alone when a batch is rolled back', async () => {
    const index = await openNeeds();
    await index.upsert('needs', [need('n1'), need('n2', { city: 'qingdao' })]);
    const before = await index.search('needs', { facets: FACETS });
    const failed = index.upsert('needs', [
      need('n3', { city: 'weihai' }),
      { id: 'n4', revision: 1, city: ['x'] },
    ]);
    await expect(failed).rejects.toThrow(/city/);
    expect((await index.search('needs', { facets: FACETS })).facetDistribution).toEqual(
      before.facetDistribution,
    );
  });

  it('counts facets as the documents say after any sequence of upserts and deletes', async () => {
    const id = fc.constantFrom('n1', 'n2', 'n3', 'n4', 'n5');
    const write = fc.oneof(
      fc.record({
        kind: fc.constant('upsert' as const),
        id,
        city: fc.constantFrom('jinan', 'qingdao', 'weihai'),
        status: fc.constantFrom('published', 'submitted', 'fulfilled'),
        technologies: fc.array(fc.constantFrom(...TECHNOLOGIES), { maxLength: 3 }),
        title: fc.constantFrom('冷链物流温度监控', '园区能耗在线监测', '冷链仓储能耗管理'),
      }),
      fc.record({ kind: fc.constant('delete' as const), id }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(write, { minLength: 1, maxLength: 4 }), { maxLength: 8 }),
        async (batches) => {
          const index = await openNeeds();
          const model = new Map<string, Need>();
          let revision = 0;
          // The facet index is loaded by the first search and then kept up to date by the writes that follow.
          await index.search('needs', { facets: FACETS });
          for (const batch of batches) {
            const last = new Map(batch.map((w) => [w.id, w]));
            const upserts: Need[] = [];
            const deletes: string[] = [];
            for (const w of last.values()) {
              if (w.kind === 'delete') {
                deletes.push(w.id);
                model.delete(w.id);
              } else {
                const document = need(w.id, { ...w, revision: ++revision });
                upserts.push(document);
                model.set(w.id, document);
              }
            }
            await index.applyBatch('needs', { upserts, deletes }, BigInt(revision));
            const all = await index.search('needs', { facets: FACETS, pageSize: 10 });
            expect(all.total).toBe(model.size);
            expect(all.facetDistribution).toEqual(expectedFacets([...model.values()]));
            const cold = await index.search('needs', { q: '冷链', facets: FACETS, pageSize: 10 });
            expect(cold.facetDistribution).toEqual(
              expectedFacets([...model.values()].filter((d) => d.title.includes('冷链'))),
            );
            // Without facets a filter runs in SQL, over the values table the writes keep.
            for (const technology of TECHNOLOGIES) {
              const holding = await index.search('needs', {
                filter: { field: 'technologies', op: 'eq', value: technology },
                pageSize: 10,
              });
              expect(holding.hits.map((h) => h.id).sort()).toEqual(
                [...model.values()]
                  .filter((d) => d.technologies.includes(technology))
                  .map((d) => d.id)
                  .sort(),
              );
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
