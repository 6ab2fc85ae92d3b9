import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../../src/search/definitions.js';
import type { SearchIndex } from '../../../src/search/port.js';
import { relatedTerms } from '../../../src/search/related-terms.js';
import { openSqliteSearchIndex } from '../../../src/search/sqlite/sqlite-search-index.js';

describe('related terms', () => {
  it('links each curated word both ways, and a joined taxonomy label with its pieces', () => {
    const related = relatedTerms([['养老', '老人', '看护']], ['安全生产与节能环保', '城市治理']);
    expect(related.养老).toEqual(['老人', '看护']);
    expect(related.老人).toEqual(['养老']);
    expect(related.安全生产与节能环保).toEqual(['安全生产', '节能环保']);
    expect(related).not.toHaveProperty('城市治理');
  });

  describe('in the embedded index', () => {
    let index: SearchIndex;
    beforeAll(async () => {
      index = openSqliteSearchIndex({ path: ':memory:' });
      await index.applySettings(loadDefinitions().get('needs')!);
      await index.upsert('needs', [
        { id: 'care', revision: 1, title: '独居老人居家看护', description: '', status: 'published' },
        { id: 'pension', revision: 1, title: '社区养老服务平台', description: '', status: 'published' },
        { id: 'port', revision: 1, title: '港口设备预测性维护', description: '', status: 'published' },
      ]);
    });
    afterAll(() => index.close());

    it('finds through related terms with the strategy retrieval uses (云速配)', async () => {
      const found = await index.search('needs', { q: '养老', matchingStrategy: 'last' });
      expect(found.hits.map((h) => h.id).sort()).toEqual(['care', 'pension']);
    });

    it('ranks the word itself above a related term', async () => {
      const found = await index.search('needs', { q: '养老', matchingStrategy: 'frequency' });
      expect(found.hits.map((h) => h.id)).toEqual(['pension', 'care']);
    });

    it('finds a listing by its technologies and city, not only its text', async () => {
      await index.upsert('needs', [
        {
          id: 'tagged',
          revision: 1,
          title: '产线改造',
          description: '',
          technologies: ['machine-vision'],
          city: 'qingdao',
        },
      ]);
      for (const q of ['视觉检测', '机器视觉', '青岛']) {
        const found = await index.search('needs', { q, matchingStrategy: 'frequency' });
        expect(
          found.hits.map((h) => h.id),
          q,
        ).toEqual(['tagged']);
      }
    });
  });
});
