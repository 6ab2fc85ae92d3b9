import { userDecider } from '../domain/user/decider.js';
import { userStream } from '../domain/user/stream.js';
import type { EventStore } from '../eventstore/port.js';
import { readEntity } from './command-handler.js';

const BATCH = 1000;

/**
 * Whether an active staff account exists: without one, nobody can verify a new organization. Users have no
 * read model, so this reads the log from the start and stops at the first active staff account, which is
 * usually among the very first events; only a store without one is read to the end.
 */
export async function activeStaffExists(store: EventStore): Promise<boolean> {
  let from: bigint | 'start' = 'start';
  for (;;) {
    const batch = await store.readAll({ fromPosition: from, maxCount: BATCH });
    for (const event of batch) {
      if (event.type !== 'UserRegistered' || event.data.role !== 'staff') continue;
      const { state } = await readEntity(store, userStream(String(event.data.userId)), userDecider);
      if (state.status === 'active') return true;
    }
    const last = batch.at(-1);
    if (batch.length < BATCH || !last) return false;
    from = last.position + 1n;
  }
}
