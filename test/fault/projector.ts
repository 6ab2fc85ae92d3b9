/**
 * Child process for the projector crash test: projects `<dataDir>/events.db` into `<dataDir>/search.db` in
 * small batches, printing `batch <index> <checkpoint>` once each batch is committed, and `caught-up` when
 * the indexes have passed the head the store had at start.
 * Usage: projector.ts <dataDir> <batchSize>
 */
import { join } from 'node:path';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { createLogger } from '../../src/logger.js';
import { Projector } from '../../src/projections/projector.js';
import { loadDefinitions } from '../../src/search/definitions.js';
import type { SearchIndex } from '../../src/search/port.js';
import { openSqliteSearchIndex } from '../../src/search/sqlite/sqlite-search-index.js';

const [dataDir, batchSizeArg] = process.argv.slice(2);
if (!dataDir || !batchSizeArg) {
  console.error('usage: projector.ts <dataDir> <batchSize>');
  process.exit(2);
}
const logger = createLogger('warn');
const store = openSqliteEventStore({ path: join(dataDir, 'events.db') });
const search = openSqliteSearchIndex({ path: join(dataDir, 'search.db'), logger });
for (const definition of loadDefinitions().values()) await search.applySettings(definition);
const reporting: SearchIndex = {
  ...search,
  async applyBatch(index, batch, checkpoint) {
    await search.applyBatch(index, batch, checkpoint);
    process.stdout.write(`batch ${index} ${checkpoint}\n`);
  },
};
const head = await store.headPosition();
const projector = new Projector({ store, search: reporting, logger, batchSize: Number(batchSizeArg) });
await projector.start();
const caughtUp = await projector.waitFor(head, 120_000);
await projector.stop();
await search.close();
await store.close();
if (!caughtUp) process.exit(1);
process.stdout.write('caught-up\n');
