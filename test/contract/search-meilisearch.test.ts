import { Meilisearch } from 'meilisearch';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../src/domain/shared/ids.js';
import { loadDefinitions } from '../../src/search/definitions.js';
import { openMeilisearchSearchIndex } from '../../src/search/meilisearch/meilisearch-search-index.js';
import { SearchUnavailableError } from '../../src/search/port.js';
import { runSearchIndexContract } from './search.contract.js';

const host = process.env.MEILI_HOST;
const apiKey = process.env.MEILI_API_KEY;

// Without a server (no Docker here) the contract is listed as skipped rather than silently absent.
describe.skipIf(!host)('Meilisearch (MEILI_HOST)', () => {
  runSearchIndexContract('meilisearch', async () => {
    const indexPrefix = `contract${uuidv7().replaceAll('-', '')}_`;
    const open = () =>
      openMeilisearchSearchIndex({
        host: host!,
        apiKey,
        definitions: loadDefinitions().values(),
        indexPrefix,
      });
    return {
      index: open(),
      reopen: async () => open(),
      cleanup: async () => {
        const client = new Meilisearch({ host: host!, apiKey });
        const { results } = await client.getIndexes({ limit: 1000 });
        for (const index of results.filter((i) => i.uid.startsWith(indexPrefix))) {
          await client.deleteIndex(index.uid).waitTask();
        }
      },
    };
  });
});

describe('Meilisearch search index without a server', () => {
  it('reports an unreachable server as unavailable, naming it', async () => {
    const index = openMeilisearchSearchIndex({
      host: 'http://127.0.0.1:9',
      definitions: loadDefinitions().values(),
    });
    const error = await index.ping().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SearchUnavailableError);
    expect((error as Error).message).toContain('127.0.0.1:9');
    expect(await index.search('needs', { q: '冷链' }).catch((e: unknown) => e)).toBeInstanceOf(
      SearchUnavailableError,
    );
  });
});
