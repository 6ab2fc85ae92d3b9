import { join } from 'node:path';
import { type Config, keyDirOf } from '../config.js';
import type { Logger } from '../logger.js';
import { openFileKeyStore } from '../personal-data/file-key-store.js';
import type { KeyStore } from '../personal-data/key-store.js';
import { makePrivateDir } from '../private-files.js';
import { loadAuditKey } from './audit-key.js';
import { openKurrentDbEventStore } from './kurrentdb/kurrentdb-event-store.js';
import { encryptPersonalData } from './personal-data-cipher.js';
import type { EventStore } from './port.js';
import { openSqliteEventStore } from './sqlite/sqlite-event-store.js';

/**
 * The event store the configuration names: embedded SQLite by default, KurrentDB at scale; either keeps
 * personal data encrypted under the subjects' keys (`personal-data-cipher.ts`).
 */
export async function openEventStore(
  config: Config,
  logger: Logger,
  keys: KeyStore = openKeyStore(config),
): Promise<EventStore> {
  if (config.YUNSUPEI_STORE === 'kurrentdb') {
    return encryptPersonalData(
      await openKurrentDbEventStore({ connectionString: config.KURRENTDB_URL!, logger }),
      keys,
    );
  }
  makePrivateDir(config.YUNSUPEI_DATA_DIR);
  const store = openSqliteEventStore({
    path: join(config.YUNSUPEI_DATA_DIR, 'events.db'),
    synchronous: config.YUNSUPEI_SQLITE_SYNCHRONOUS,
    chainKey: loadAuditKey(keyDirOf(config), config.YUNSUPEI_DATA_DIR),
  });
  return encryptPersonalData(store, keys);
}

/** The personal-data key store: the key file in YUNSUPEI_KEY_DIR. */
export function openKeyStore(config: Config): KeyStore {
  return openFileKeyStore(keyDirOf(config));
}
