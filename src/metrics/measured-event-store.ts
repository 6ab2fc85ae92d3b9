import type { Histogram } from 'prom-client';
import { type EventStore, WrongExpectedVersionError } from '../eventstore/port.js';

/** The same store, timing each append: `ok`, `conflict` (a lost expected revision) or `error`. */
export function measureEventStore(store: EventStore, appendDuration: Histogram<'outcome'>): EventStore {
  return {
    async append(stream, events, options) {
      const stop = appendDuration.startTimer();
      try {
        const result = await store.append(stream, events, options);
        stop({ outcome: 'ok' });
        return result;
      } catch (error) {
        stop({ outcome: error instanceof WrongExpectedVersionError ? 'conflict' : 'error' });
        throw error;
      }
    },
    readStream: (stream, options) => store.readStream(stream, options),
    readAll: (options) => store.readAll(options),
    subscribeToAll: (options) => store.subscribeToAll(options),
    headPosition: () => store.headPosition(),
    ping: () => store.ping(),
    close: () => store.close(),
  };
}
