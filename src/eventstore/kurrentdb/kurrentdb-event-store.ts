import type { Position, ReadPosition } from '@kurrent/kurrentdb-client';
import { KurrentDBClient, StreamNotFoundError } from '@kurrent/kurrentdb-client';
import type { Logger } from 'pino';
import { uuidv7 } from '../../domain/shared/ids.js';
import type {
  AllSubscription,
  EventData,
  EventStore,
  ExpectedRevision,
  ReadStreamOptions,
  RecordedEvent,
} from '../port.js';
import { EventStoreUnavailableError, satisfiesExpected, WrongExpectedVersionError } from '../port.js';
import { describeError, isTransient, isUnavailable, redactConnectionString, toPortError } from './errors.js';
import { isSystemEvent, toClientEvent, toRecordedEvent } from './events.js';
import { comparePositions, toReadPosition } from './positions.js';
import { resilientSubscription } from './resilient-subscription.js';
import { toStreamState } from './revisions.js';
import { serverFilterFor } from './server-filter.js';

export interface KurrentDbEventStoreOptions {
  /** e.g. `kurrentdb://localhost:2113?tls=false`. */
  connectionString: string;
  logger?: Logger;
  /** How long the first ping may take before opening fails; start-up must fail within 5 s. */
  connectTimeoutMs?: number;
}

/**
 * `$all` is read unfiltered and filtered here, so that a short page always means the end; when system
 * events thinned a page, the next one asks for at least this many.
 */
const ALL_PAGE_SIZE = 64;
const PING_TIMEOUT_MS = 2000;
/** The pauses before each new try of an append that failed transiently; then the failure is the caller's. */
const APPEND_RETRY_DELAYS_MS = [100, 400, 1000];

function limitOf(maxCount: number | undefined): number {
  if (maxCount === undefined) return Number.POSITIVE_INFINITY;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) {
    throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  }
  return maxCount;
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/**
 * The native bridge behind reads reports a failed connection as a bare "unavailable"; a gRPC call says
 * why (connection refused, name not resolved, TLS…). Asked only once start-up has failed.
 */
async function connectionProblem(client: KurrentDBClient, timeoutMs: number): Promise<string | undefined> {
  const probe = client.subscribeToAll({ fromPosition: 'end' });
  try {
    return await withDeadline(
      new Promise<string | undefined>((resolve) => {
        probe.once('confirmation', () => resolve(undefined));
        probe.once('error', (error) => resolve(describeError(error)));
      }),
      timeoutMs,
    );
  } catch {
    return undefined;
  } finally {
    probe.on('error', () => {});
    probe.destroy();
    probe.unsubscribe().catch(() => {});
  }
}

/**
 * Opens the store and pings it, so that a wrong URL or a server that is down fails start-up at once with
 * one line naming the URL, rather than at the first request.
 */
export async function openKurrentDbEventStore(options: KurrentDbEventStoreOptions): Promise<EventStore> {
  const url = redactConnectionString(options.connectionString);
  let client: KurrentDBClient;
  try {
    client = KurrentDBClient.connectionString(options.connectionString);
  } catch (error) {
    const reason = describeError(error);
    throw new EventStoreUnavailableError(`KurrentDB connection string ${url} is invalid: ${reason}`, {
      cause: error,
    });
  }
  const store = kurrentDbEventStore(client, url, options.logger);
  try {
    await store.ping(options.connectTimeoutMs ?? 3000);
  } catch (error) {
    const cause = error instanceof EventStoreUnavailableError ? (error.cause ?? error) : error;
    const explained = isUnavailable(cause) ? await connectionProblem(client, 1000) : undefined;
    const reason = explained ?? describeError(cause);
    await store.close();
    throw new EventStoreUnavailableError(`KurrentDB at ${url} is unreachable: ${reason}`, { cause: error });
  }
  return store;
}

export interface KurrentDbEventStore extends EventStore {
  ping(timeoutMs?: number): Promise<void>;
}

/** The store over a client that is already made; `openKurrentDbEventStore` is the way in for the product. */
export function kurrentDbEventStore(
  client: KurrentDBClient,
  url: string,
  logger: Logger | undefined,
  appendRetryDelaysMs: readonly number[] = APPEND_RETRY_DELAYS_MS,
): KurrentDbEventStore {
  const subscriptions = new Set<AllSubscription>();
  const inFlight = new Set<Promise<unknown>>();
  let closed = false;

  /** Calls accepted before `close()` finish before the client goes away. */
  const tracked = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    const settled = () => inFlight.delete(work);
    work.then(settled, settled);
    return work;
  };

  const assertOpen = () => {
    if (closed) throw new EventStoreUnavailableError(`KurrentDB at ${url} is closed`);
  };

  /**
   * Reads `$all` without KurrentDB's system events. A continuation page starts at the last event seen,
   * which a forwards read includes and a backwards read does not; comparing positions covers both.
   */
  const readAllVisible = async (from: ReadPosition, direction: 'forwards' | 'backwards', limit: number) => {
    const events: RecordedEvent[] = [];
    let lastSeen: Position | undefined;
    let fromPosition = from;
    while (events.length < limit) {
      const remaining = limit - events.length;
      const pageSize = lastSeen ? Math.max(remaining, ALL_PAGE_SIZE) + 1 : remaining;
      let received = 0;
      try {
        for await (const resolved of client.readAll({
          fromPosition,
          direction,
          ...(Number.isFinite(pageSize) && { maxCount: pageSize }),
        })) {
          received += 1;
          const record = resolved.event;
          if (!record?.position) continue;
          if (lastSeen) {
            const order = comparePositions(record.position, lastSeen);
            if (direction === 'forwards' ? order <= 0 : order >= 0) continue;
          }
          lastSeen = record.position;
          const event = toRecordedEvent(record);
          if (isSystemEvent(event)) continue;
          events.push(event);
          if (events.length >= limit) break;
        }
      } catch (error) {
        throw toPortError(error, url);
      }
      if (received < pageSize || !lastSeen) break;
      fromPosition = lastSeen;
    }
    return events;
  };

  const readStreamEvents = async (stream: string, limit: number, options: ReadStreamOptions) => {
    const direction = options.direction ?? 'forwards';
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of client.readStream(stream, {
        direction,
        fromRevision: options.fromRevision ?? (direction === 'backwards' ? 'end' : 'start'),
        ...(Number.isFinite(limit) && { maxCount: limit }),
      })) {
        if (resolved.event) events.push(toRecordedEvent(resolved.event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw toPortError(error, url);
    }
    return events;
  };

  const appendEvents = async (stream: string, events: EventData[], expected: ExpectedRevision) => {
    if (events.length === 0) {
      // Nothing to write, yet the expectation is still checked and answered.
      const [last] = await readStreamEvents(stream, 1, { direction: 'backwards' });
      const actual = last ? last.revision : 'no_stream';
      if (!satisfiesExpected(expected, actual)) throw new WrongExpectedVersionError(stream, expected, actual);
      return { nextExpectedRevision: last?.revision ?? -1n, position: last?.position ?? -1n };
    }
    // Ids are given once, before the first try: a retry after a timeout that did write must name the
    // same events, so that the server acknowledges them instead of writing them twice.
    const proposed = events.map((event) => toClientEvent(event, () => uuidv7()));
    for (let tries = 0; ; tries++) {
      try {
        const result = await client.appendToStream(stream, proposed, {
          streamState: toStreamState(expected),
        });
        // A retried append of events the server already has is acknowledged without a position.
        return {
          nextExpectedRevision: result.nextExpectedRevision,
          position: result.position?.commit ?? -1n,
        };
      } catch (error) {
        const delayMs = appendRetryDelaysMs[tries];
        if (delayMs === undefined || !isTransient(error)) throw toPortError(error, url, { stream, expected });
        logger?.warn(
          { err: error, stream, try: tries + 1 },
          'append failed; retrying with the same event ids',
        );
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  };

  return {
    async append(stream, events, options = {}) {
      assertOpen();
      if (stream.length === 0) throw new TypeError('stream name is empty');
      for (const event of events) {
        if (event.type.length === 0) throw new TypeError(`event type is empty in stream ${stream}`);
      }
      return tracked(appendEvents(stream, events, options.expectedRevision ?? 'any'));
    },

    async readStream(stream, options = {}) {
      assertOpen();
      const limit = limitOf(options.maxCount);
      if (limit === 0) return [];
      return tracked(readStreamEvents(stream, limit, options));
    },

    async readAll(options = {}) {
      assertOpen();
      const limit = limitOf(options.maxCount);
      if (limit === 0) return [];
      return tracked(readAllVisible(toReadPosition(options.fromPosition), 'forwards', limit));
    },

    subscribeToAll(options = {}) {
      assertOpen();
      const server = serverFilterFor(options.filter);
      const subscription = resilientSubscription({
        from: toReadPosition(options.fromPosition),
        ...(options.filter && { filter: options.filter }),
        open: (from) => client.subscribeToAll({ fromPosition: from, filter: server }),
        ...(logger && { logger }),
        onClose: () => subscriptions.delete(subscription),
      });
      subscriptions.add(subscription);
      return subscription;
    },

    async headPosition() {
      assertOpen();
      const [last] = await tracked(readAllVisible('end', 'backwards', 1));
      return last?.position ?? -1n;
    },

    async ping(timeoutMs = PING_TIMEOUT_MS) {
      assertOpen();
      const reads = client.readAll({ direction: 'backwards', fromPosition: 'end', maxCount: 1 });
      try {
        await withDeadline(reads.next(), timeoutMs);
      } catch (error) {
        throw new EventStoreUnavailableError(`KurrentDB at ${url} is unavailable: ${describeError(error)}`, {
          cause: error,
        });
      } finally {
        // Not awaited: after a timeout the read may never settle.
        reads.return?.().catch(() => {});
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      await Promise.allSettled([...inFlight]);
      await client.dispose();
    },
  };
}
