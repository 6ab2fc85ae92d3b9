import { afterEach } from 'vitest';
import { loadDefinitions } from '../../../src/search/definitions.js';
import type { SearchIndex } from '../../../src/search/port.js';
import { openSqliteSearchIndex } from '../../../src/search/sqlite/sqlite-search-index.js';

/**
 * Opens in-memory SQLite search indexes holding the needs index, each closed after the test that opened it.
 * Call once at the top of a test file.
 */
export function needsIndexes(): () => Promise<SearchIndex> {
  const opened: SearchIndex[] = [];
  afterEach(async () => {
    for (const index of opened.splice(0)) await index.close();
  });
  return async () => {
    const index = openSqliteSearchIndex({ path: ':memory:' });
    opened.push(index);
    await index.applySettings(loadDefinitions().get('needs')!);
    return index;
  };
}
