import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Clock } from '../../domain/shared/ids.js';
import { systemClock, UUID_PATTERN } from '../../domain/shared/ids.js';
import { createPrivateFile, makePrivateDir } from '../../private-files.js';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  JsonObject,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
} from '../port.js';
import { EventStoreUnavailableError } from '../port.js';
import { subscribeToAll } from './all-subscription.js';
import type { BatchStats, PendingAppend } from './append-batch.js';
import { createBatchWriter } from './append-batch.js';
import { startChain } from './chain-start.js';
import { createGroupCommit } from './group-commit.js';
import { migrate } from './schema.js';

export interface SqliteEventStoreOptions {
  /** The database file, e.g. `$YUNSUPEI_DATA_DIR/events.db`; its folder is created when missing. */
  path: string;
  /** FULL (default) makes every acknowledged append survive power loss; NORMAL only a process crash. */
  synchronous?: 'FULL' | 'NORMAL';
  clock?: Clock;
  /**
   * The audit chain's key (32 bytes, kept outside the data dir): every row is then sealed with its MAC
   * (chain.ts). The runtime always gives one; without it rows are not sealed, and a sealed file can only
   * be read.
   */
  chainKey?: Buffer;
  /** How long a write waits for another process holding the file's write lock. */
  busyTimeoutMs?: number;
  /** How often an idle subscription looks for events appended by other processes. */
  pollIntervalMs?: number;
  /** Called after each group commit, e.g. for metrics. */
  onCommit?: (stats: BatchStats) => void;
}

interface EventRow {
  position: bigint;
  id: string;
  stream: string;
  revision: bigint;
  type: string;
  data: string;
  metadata: string;
  time: bigint;
}

const NO_LIMIT = -1;
const MAX_REVISION = 0x7fff_ffff_ffff_ffffn;
const COLUMNS = 'position, id, stream, revision, type, data, metadata, time';

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    stream: row.stream,
    type: row.type,
    revision: row.revision,
    position: row.position,
    data: JSON.parse(row.data) as JsonObject,
    metadata: JSON.parse(row.metadata) as JsonObject,
    time: new Date(Number(row.time)),
  };
}

function limitOf(maxCount: number | undefined): number {
  if (maxCount === undefined) return NO_LIMIT;
  if (!Number.isSafeInteger(maxCount) || maxCount < 0) {
    throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
  }
  return maxCount;
}

/** The open file, and whether it takes appends (chain-start.ts). */
function openDatabase(options: SqliteEventStoreOptions): { db: Database.Database; writable: boolean } {
  let db: Database.Database | undefined;
  try {
    if (options.path !== ':memory:') {
      makePrivateDir(dirname(options.path));
      createPrivateFile(options.path);
    }
    db = new Database(options.path, { timeout: options.busyTimeoutMs ?? 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    // Appends to many streams touch as many pages of the (stream, revision) index; the default 2 MB
    // cache evicts them between commits, which costs about a fifth of the throughput at 64 writers.
    db.pragma('cache_size = -32768');
    db.defaultSafeIntegers(true);
    migrate(db);
    const writable = startChain(db, options.chainKey, options.clock ?? systemClock);
    return { db, writable };
  } catch (error) {
    db?.close();
    const reason = error instanceof Error ? error.message : String(error);
    throw new EventStoreUnavailableError(`cannot open event store ${options.path}: ${reason}`, {
      cause: error,
    });
  }
}

export function openSqliteEventStore(options: SqliteEventStoreOptions): EventStore {
  const { db, writable } = openDatabase(options);
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const commitListeners = new Set<() => void>();
  const subscriptions = new Set<AllSubscription>();
  let closed = false;

  const writeBatch = createBatchWriter(db, options.clock ?? systemClock, options.chainKey, (stats) => {
    options.onCommit?.(stats);
    if (stats.appends > 0) for (const listener of [...commitListeners]) listener();
  });
  const appends = createGroupCommit<PendingAppend, AppendResult>((batch) => {
    try {
      return writeBatch(batch);
    } catch (error) {
      throw new EventStoreUnavailableError(`event store ${options.path} could not commit`, { cause: error });
    }
  });

  const streamForwards = db.prepare<[string, bigint, number], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision LIMIT ?`,
  );
  const streamBackwards = db.prepare<[string, bigint, number], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
  );
  const allFrom = db.prepare<[bigint, number], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`,
  );
  const allAfter = db.prepare<[bigint, number], EventRow>(
    `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
  );
  const head = db.prepare<[], bigint | null>('SELECT max(position) FROM events').pluck();
  const probe = db.prepare('SELECT 1');

  const assertOpen = () => {
    if (closed) throw new EventStoreUnavailableError(`event store ${options.path} is closed`);
  };

  return {
    async append(stream, events, appendOptions = {}) {
      assertOpen();
      if (stream.length === 0) throw new TypeError('stream name is empty');
      if (!writable) {
        throw new EventStoreUnavailableError(
          `event store ${options.path} is sealed by the audit chain: appends need its key (YUNSUPEI_KEY_DIR)`,
        );
      }
      return appends.submit({
        stream,
        expectedRevision: appendOptions.expectedRevision ?? 'any',
        events: events.map((event) => {
          if (event.type.length === 0) throw new TypeError(`event type is empty in stream ${stream}`);
          if (event.id !== undefined && !UUID_PATTERN.test(event.id)) {
            throw new TypeError(`event id ${event.id} in stream ${stream} is not a lowercase UUID`);
          }
          if (typeof event.data !== 'object' || event.data === null || Array.isArray(event.data)) {
            throw new TypeError(`event ${event.type} in stream ${stream} has no data object`);
          }
          return {
            id: event.id,
            type: event.type,
            data: JSON.stringify(event.data),
            metadata: JSON.stringify(event.metadata ?? {}),
          };
        }),
      });
    },

    async readStream(stream, readOptions: ReadStreamOptions = {}) {
      assertOpen();
      const limit = limitOf(readOptions.maxCount);
      const from = readOptions.fromRevision;
      if (readOptions.direction === 'backwards') {
        const start = from === undefined || from === 'end' ? MAX_REVISION : from === 'start' ? 0n : from;
        return streamBackwards.all(stream, start, limit).map(toRecorded);
      }
      // Forwards from the end is past every event, as in KurrentDB.
      if (from === 'end') return [];
      return streamForwards
        .all(stream, from === undefined || from === 'start' ? 0n : from, limit)
        .map(toRecorded);
    },

    async readAll(readOptions: ReadAllOptions = {}) {
      assertOpen();
      const from = readOptions.fromPosition;
      return allFrom
        .all(from === undefined || from === 'start' ? 0n : from, limitOf(readOptions.maxCount))
        .map(toRecorded);
    },

    subscribeToAll(subscribeOptions = {}) {
      assertOpen();
      const subscription = subscribeToAll(
        {
          readAfter: (after, limit) => allAfter.all(after, limit).map(toRecorded),
          onCommit: (listener) => {
            commitListeners.add(listener);
            return () => commitListeners.delete(listener);
          },
        },
        subscribeOptions,
        pollIntervalMs,
        () => subscriptions.delete(subscription),
      );
      subscriptions.add(subscription);
      return subscription;
    },

    async headPosition() {
      assertOpen();
      return head.get() ?? -1n;
    },

    async ping() {
      assertOpen();
      try {
        probe.get();
      } catch (error) {
        throw new EventStoreUnavailableError(`event store ${options.path} does not answer`, { cause: error });
      }
    },

    async close() {
      if (closed) return;
      appends.flush();
      closed = true;
      await Promise.all([...subscriptions].map((subscription) => subscription.close()));
      db.close();
    },
  };
}
