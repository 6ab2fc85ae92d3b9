import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { loadDefinitions } from './definitions.js';
import { openMeilisearchSearchIndex } from './meilisearch/meilisearch-search-index.js';
import type { SearchIndex } from './port.js';
import { openSqliteSearchIndex } from './sqlite/sqlite-search-index.js';

/**
 * The search index the configuration names — SQLite FTS5 in `$YUNSUPEI_DATA_DIR/search.db` by default,
 * Meilisearch at scale — with the settings of every `search/*.json` applied, so it is ready to use.
 */
export async function openSearchIndex(config: Config, logger: Logger): Promise<SearchIndex> {
  const definitions = loadDefinitions();
  const index =
    config.YUNSUPEI_SEARCH === 'meilisearch'
      ? openMeilisearchSearchIndex({
          host: config.MEILI_HOST!,
          apiKey: config.MEILI_API_KEY,
          definitions: definitions.values(),
          logger,
        })
      : openSqliteSearchIndex({ path: join(config.YUNSUPEI_DATA_DIR, 'search.db'), logger });
  try {
    await index.ping();
    for (const definition of definitions.values()) await index.applySettings(definition);
  } catch (error) {
    await index.close();
    throw error;
  }
  return index;
}
