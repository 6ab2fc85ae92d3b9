import type { AllSubscription, RecordedEvent, SubscribeToAllOptions } from '../port.js';
import { matchesFilter } from '../port.js';

export interface SubscriptionSource {
  /** Events with a position greater than `after`, oldest first. */
  readAfter(after: bigint, limit: number): RecordedEvent[];
  /** Calls `listener` after each commit of this process; returns the unsubscribe function. */
  onCommit(listener: () => void): () => void;
}

const PAGE_SIZE = 500;

/** SQLITE_BUSY and friends pass once the other connection is done: wait for the next poll. */
function isTransient(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

/**
 * Catch-up and live are one loop: read the page after the cursor, and when there is none, sleep until
 * this process commits or the poll interval passes (other processes writing to the file have no way to
 * wake us). Since writers to one SQLite file are serialized and positions grow with commits, a page read
 * after the cursor can never skip an event that becomes visible later, so nothing is lost or repeated at
 * the catch-up→live boundary.
 */
export function subscribeToAll(
  source: SubscriptionSource,
  options: SubscribeToAllOptions,
  pollIntervalMs: number,
  onClose: () => void,
): AllSubscription {
  let cursor =
    options.fromPosition === undefined || options.fromPosition === 'start' ? -1n : options.fromPosition;
  let buffer: RecordedEvent[] = [];
  let closed = false;
  const sleepers = new Set<() => void>();

  const sleep = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        unsubscribe();
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, pollIntervalMs);
      const unsubscribe = source.onCommit(done);
      sleepers.add(done);
    });

  /** Reads one page into the buffer; false when there was nothing new. */
  const readPage = (): boolean => {
    const page = source.readAfter(cursor, PAGE_SIZE);
    const last = page.at(-1);
    if (!last) return false;
    cursor = last.position;
    buffer = page.filter((event) => matchesFilter(event, options.filter));
    return true;
  };

  const close = async () => {
    if (closed) return;
    closed = true;
    buffer = [];
    for (const wake of [...sleepers]) wake();
    onClose();
  };

  const next = async (): Promise<IteratorResult<RecordedEvent>> => {
    while (!closed) {
      const event = buffer.shift();
      if (event) return { value: event, done: false };
      let read: boolean;
      try {
        read = readPage();
      } catch (error) {
        if (!isTransient(error)) throw error;
        read = false;
      }
      if (!read) await sleep();
      // A page filtered down to nothing yields to the event loop, so a long catch-up does not starve the process.
      else if (buffer.length === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return { value: undefined, done: true };
  };

  return {
    close,
    [Symbol.asyncIterator]: () => ({
      next,
      return: async () => {
        await close();
        return { value: undefined, done: true };
      },
    }),
  };
}
