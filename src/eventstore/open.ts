import { join } from 'node:path';
import { type Config, keyDirOf } from '../config.js';
import type { Logger } from '../logger.js';
import { makePrivateDir } from '../private-files.js';
import { loadAuditKey } from './audit-key.js';
import { openKurrentDbEventStore } from './kurrentdb/kurrentdb-event-store.js';
import type { EventStore } from './port.js';
import { openSqliteEventStore } from './sqlite/sqlite-event-store.js';

/** The event store the configuration names: embedded SQLite by default, KurrentDB at scale. */
export async function openEventStore(config: Config, logger: Logger): Promise<EventStore> {
  if (config.YUNSUPEI_STORE === 'kurrentdb') {
    return openKurrentDbEventStore({ connectionString: config.KURRENTDB_URL!, logger });
  }
  makePrivateDir(config.YUNSUPEI_DATA_DIR);
  return openSqliteEventStore({
    path: join(config.YUNSUPEI_DATA_DIR, 'events.db'),
    synchronous: config.YUNSUPEI_SQLITE_SYNCHRONOUS,
    chainKey: loadAuditKey(keyDirOf(config), config.YUNSUPEI_DATA_DIR),
  });
}
