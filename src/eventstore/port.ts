/**
 * The EventStore port, named and shaped after KurrentDB so that a reader who knows the engine knows
 * this interface: streams with revisions, one global `$all` log with positions, expected revisions
 * for optimistic concurrency, catch-up subscriptions.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/** `no_stream`: the stream must not exist; `stream_exists`: it must; `any`: no check; a bigint: its last revision. */
export type ExpectedRevision = 'no_stream' | 'any' | 'stream_exists' | bigint;

/** What the store found when an expectation failed: the stream's last revision, or that it has none. */
export type ActualRevision = 'no_stream' | bigint;

export interface EventData {
  /** UUIDv7; the store assigns one when absent. */
  id?: string;
  type: string;
  data: JsonObject;
  metadata?: JsonObject;
}

export interface RecordedEvent {
  id: string;
  stream: string;
  type: string;
  /** 0-based position of the event inside its stream. */
  revision: bigint;
  /** Position in `$all`; strictly increasing in commit order. */
  position: bigint;
  data: JsonObject;
  metadata: JsonObject;
  time: Date;
}

export interface AppendOptions {
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  /** The revision of the last event written: pass it as `expectedRevision` for the next append. */
  nextExpectedRevision: bigint;
  /** The `$all` position of the last event written. */
  position: bigint;
}

export interface ReadStreamOptions {
  /** Inclusive; defaults to the start (forwards) or the end (backwards). */
  fromRevision?: bigint | 'start' | 'end';
  direction?: 'forwards' | 'backwards';
  maxCount?: number;
}

export interface ReadAllOptions {
  /** Inclusive, as KurrentDB's readAll; defaults to the start. */
  fromPosition?: bigint | 'start';
  maxCount?: number;
}

export interface SubscriptionFilter {
  streamPrefixes?: string[];
  eventTypes?: string[];
}

export interface SubscribeToAllOptions {
  /** Exclusive, as KurrentDB's subscribeToAll: delivery starts after this position (a checkpoint). */
  fromPosition?: bigint | 'start';
  filter?: SubscriptionFilter;
}

/** Catches up from its position, then delivers live events, until closed. */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  append(stream: string, events: EventData[], options?: AppendOptions): Promise<AppendResult>;
  /** Events of one stream; an absent stream reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;
  /** Position of the newest event in `$all`, or -1n when the store is empty. */
  headPosition(): Promise<bigint>;
  /** Throws when the backend cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class WrongExpectedVersionError extends Error {
  readonly code = 'concurrency';
  readonly status = 412;
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(`stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedVersionError';
  }
}

export class EventStoreUnavailableError extends Error {
  readonly code = 'store_unavailable';
  readonly status = 503;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}

/** The stream was deleted (or tombstoned) in the store: it takes no more events. */
export class StreamDeletedError extends Error {
  readonly code = 'stream_deleted';
  readonly status = 409;
  constructor(
    readonly stream: string,
    options?: { cause?: unknown },
  ) {
    super(`stream ${stream} is deleted`, options);
    this.name = 'StreamDeletedError';
  }
}

/** The events of one append are larger than the store takes at once (KurrentDB's MaxAppendSize). */
export class AppendTooLargeError extends Error {
  readonly code = 'append_too_large';
  readonly status = 413;
  constructor(
    readonly stream: string,
    readonly maxBytes: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(`append to ${stream} exceeds the store's limit${maxBytes ? ` of ${maxBytes} bytes` : ''}`, options);
    this.name = 'AppendTooLargeError';
  }
}

/** Whether a stream whose last revision is `actual` meets the caller's expectation. */
export function satisfiesExpected(expected: ExpectedRevision, actual: ActualRevision): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === 'no_stream';
  if (expected === 'stream_exists') return actual !== 'no_stream';
  return actual === expected;
}

export function matchesFilter(
  event: Pick<RecordedEvent, 'stream' | 'type'>,
  filter?: SubscriptionFilter,
): boolean {
  if (!filter) return true;
  if (filter.streamPrefixes?.length && !filter.streamPrefixes.some((p) => event.stream.startsWith(p))) {
    return false;
  }
  if (filter.eventTypes?.length && !filter.eventTypes.includes(event.type)) return false;
  return true;
}
