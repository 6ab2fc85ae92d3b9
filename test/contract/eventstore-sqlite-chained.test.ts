import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { EventStore } from '../../src/eventstore/port.js';
import { verifyChain } from '../../src/eventstore/sqlite/chain-verify.js';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { runEventStoreContract } from './eventstore.contract.js';

// The whole contract again with the audit chain on (as the runtime opens the store): conflicts, batches
// rolled back and retried with savepoints, and two stores appending to one file all leave the chain whole.
runEventStoreContract('sqlite with the audit chain', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'yunsupei-es-chain-'));
  const path = join(dir, 'events.db');
  const chainKey = randomBytes(32);
  const opened: EventStore[] = [];
  const openOne = () => {
    const store = openSqliteEventStore({ path, pollIntervalMs: 50, chainKey });
    opened.push(store);
    return store;
  };
  return {
    store: openOne(),
    reopen: async () => openOne(),
    cleanup: async () => {
      for (const store of opened) await store.close();
      expect(verifyChain(path, chainKey)).toMatchObject({ intact: true });
      await rm(dir, { recursive: true, force: true });
    },
  };
});
