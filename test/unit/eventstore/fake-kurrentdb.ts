import { PassThrough } from 'node:stream';
import type {
  AllStreamResolvedEvent,
  AppendStreamState,
  EventData,
  Filter,
  KurrentDBClient,
  Position,
  ReadPosition,
  ReadRevision,
} from '@kurrent/kurrentdb-client';
import { StreamNotFoundError, WrongExpectedVersionError } from '@kurrent/kurrentdb-client';

interface StoredRecord {
  streamId: string;
  id: string;
  type: string;
  revision: bigint;
  created: Date;
  data: unknown;
  metadata: unknown;
  isJson: true;
  position: Position;
}

/**
 * An in-memory KurrentDB behind the client calls the adapter makes, with the server's semantics as read in
 * KurrentDB's AllReader: positions are log offsets with commit = prepare per event, forwards reads of
 * `$all` include their start, backwards reads exclude it, subscriptions start after their position.
 * Every append is followed by a system event, so the tail of `$all` is always one, as a real node's
 * bookkeeping makes it often.
 */
export class FakeKurrentDb {
  private readonly log: StoredRecord[] = [];
  private readonly listeners = new Set<(record: StoredRecord) => void>();
  private next = 1000n;

  constructor() {
    for (let i = 0; i < 3; i++) this.write('$epoch-information', '$epoch-information', [{ data: {} }]);
  }

  private write(
    stream: string,
    type: string,
    payloads: { data: unknown; metadata?: unknown; id?: string }[],
  ) {
    const revision = this.log.filter((r) => r.streamId === stream).length;
    return payloads.map((payload, i) => {
      const position = { commit: this.next, prepare: this.next };
      this.next += 137n;
      const record: StoredRecord = {
        streamId: stream,
        id: payload.id ?? `system-${position.commit}`,
        type,
        revision: BigInt(revision + i),
        created: new Date(),
        data: structuredClone(payload.data),
        metadata: payload.metadata === undefined ? undefined : structuredClone(payload.metadata),
        isJson: true,
        position,
      };
      this.log.push(record);
      for (const listener of this.listeners) listener(record);
      return record;
    });
  }

  private lastRevision(stream: string): bigint | 'no_stream' {
    const last = this.log.findLast((r) => r.streamId === stream);
    return last ? last.revision : 'no_stream';
  }

  client(): KurrentDBClient {
    const appendToStream = async (
      stream: string,
      events: EventData[],
      options: { streamState: AppendStreamState },
    ) => {
      await new Promise((resolve) => setImmediate(resolve));
      const current = this.lastRevision(stream);
      const expected = options.streamState;
      const holds =
        expected === 'any' ||
        (expected === 'no_stream' && current === 'no_stream') ||
        (expected === 'stream_exists' && current !== 'no_stream') ||
        expected === current;
      if (!holds) throw new WrongExpectedVersionError(undefined, { streamName: stream, expected, current });
      let last: StoredRecord | undefined;
      for (const event of events) {
        [last] = this.write(stream, event.type, [
          { data: event.data, metadata: event.metadata, id: event.id },
        ]);
      }
      this.write('$stats-fake', '$statsCollected', [{ data: {} }]);
      return { success: true, nextExpectedRevision: last!.revision, position: last!.position };
    };

    const log = this.log;
    async function* readStream(
      stream: string,
      options: { direction?: string; fromRevision?: ReadRevision; maxCount?: number | bigint } = {},
    ) {
      await Promise.resolve();
      const events = log.filter((r) => r.streamId === stream);
      if (events.length === 0) throw new StreamNotFoundError(undefined, stream);
      const from = options.fromRevision ?? 'start';
      const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
      const picked =
        options.direction === 'backwards'
          ? events.filter((r) => from === 'end' || (from !== 'start' && r.revision <= from)).reverse()
          : events.filter((r) => from === 'start' || (from !== 'end' && r.revision >= from));
      for (const record of picked.slice(0, max)) yield { event: structuredClone(record) };
    }

    async function* readAll(
      options: { direction?: string; fromPosition?: ReadPosition; maxCount?: number | bigint } = {},
    ) {
      await Promise.resolve();
      const from = options.fromPosition ?? 'start';
      const max = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
      const picked =
        options.direction === 'backwards'
          ? log
              .filter((r) => from === 'end' || (from !== 'start' && r.position.commit < from.commit))
              .reverse()
          : log.filter((r) => from === 'start' || (from !== 'end' && r.position.commit >= from.commit));
      for (const record of picked.slice(0, max)) {
        yield {
          event: structuredClone(record),
          commitPosition: record.position.commit,
        } as AllStreamResolvedEvent;
      }
    }

    const passes = (record: StoredRecord, filter: Filter | undefined) => {
      if (!filter) return true;
      const value = filter.filterOn === 'streamName' ? record.streamId : record.type;
      return 'prefixes' in filter
        ? filter.prefixes.some((p) => value.startsWith(p))
        : new RegExp(filter.regex).test(value);
    };

    const subscribeToAll = (options: { fromPosition?: ReadPosition; filter?: Filter } = {}) => {
      const stream = new PassThrough({ objectMode: true });
      const from = options.fromPosition ?? 'start';
      const deliver = (record: StoredRecord) => {
        if (from !== 'start' && (from === 'end' || record.position.commit <= from.commit)) return;
        if (passes(record, options.filter)) stream.write({ event: structuredClone(record) });
      };
      setImmediate(() => {
        stream.emit('confirmation');
        if (from !== 'end') for (const record of log) deliver(record);
        this.listeners.add(deliver);
      });
      return Object.assign(stream, {
        unsubscribe: async () => {
          this.listeners.delete(deliver);
          stream.end();
        },
      });
    };

    return {
      appendToStream,
      readStream,
      readAll,
      subscribeToAll,
      dispose: async () => {},
    } as unknown as KurrentDBClient;
  }
}
