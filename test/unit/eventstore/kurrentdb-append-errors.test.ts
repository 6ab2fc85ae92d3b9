import {
  AccessDeniedError,
  type EventData as ClientEventData,
  StreamDeletedError as ClientStreamDeletedError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  UnknownError,
} from '@kurrent/kurrentdb-client';
import { describe, expect, it } from 'vitest';
import { kurrentDbEventStore } from '../../../src/eventstore/kurrentdb/kurrentdb-event-store.js';
import {
  AppendTooLargeError,
  EventStoreUnavailableError,
  StreamDeletedError,
} from '../../../src/eventstore/port.js';
import { FakeKurrentDb } from './fake-kurrentdb.js';

/**
 * The in-memory server behind a client whose appends first fail with the errors given, one per try, as a
 * real node's would (the client's own error classes), and which records the events of every try.
 */
function failingAppends(...failures: Error[]) {
  const client = new FakeKurrentDb().client();
  const tries: ClientEventData[][] = [];
  const append = client.appendToStream.bind(client);
  client.appendToStream = ((stream: string, events: ClientEventData[], options: never) => {
    tries.push(events);
    const failure = failures.shift();
    if (failure) return Promise.reject(failure);
    return append(stream, events, options);
  }) as typeof client.appendToStream;
  const store = kurrentDbEventStore(client, 'kurrentdb://fake:2113', undefined, [0, 0, 0]);
  return { store, tries };
}

const notLeader = () =>
  new NotLeaderError(
    Object.assign(new Error('Leader info available'), {
      code: 5,
      details: '',
      metadata: { 'leader-endpoint-host': 'node2', 'leader-endpoint-port': '2113' },
    }) as never,
  );

const event = { type: 'NeedSubmitted', data: { n: 1 } };

describe('KurrentDB appends that fail', () => {
  it.each([
    ['a timeout', () => new DeadlineExceededError()],
    ['"Server Is Not Ready" (an UnknownError)', () => new UnknownError(undefined, 'Server Is Not Ready')],
    ['"Server Is Too Busy" (an UnknownError)', () => new UnknownError(undefined, 'Server Is Too Busy')],
    ['a node that is no longer the leader', notLeader],
  ])('after %s, tries again with the same event ids and writes the events once', async (_, failure) => {
    const { store, tries } = failingAppends(failure());
    await store.append('need-1', [event, { type: 'NeedApproved', data: {} }], { expectedRevision: 'any' });
    expect(tries).toHaveLength(2);
    expect(tries[1]!.map((e) => e.id)).toEqual(tries[0]!.map((e) => e.id));
    expect((await store.readStream('need-1')).map((e) => e.id)).toEqual(tries[0]!.map((e) => e.id));
    await store.close();
  });

  it('gives up after its retries with EventStoreUnavailableError (503), naming the node’s reason', async () => {
    const busy = () => new UnknownError(undefined, 'Server Is Not Ready');
    const { store, tries } = failingAppends(busy(), busy(), busy(), busy());
    const error = await store.append('need-1', [event]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as EventStoreUnavailableError).status).toBe(503);
    expect((error as Error).message).toContain('Server Is Not Ready');
    expect(new Set(tries.map((t) => t[0]!.id)).size).toBe(1);
    expect(await store.readStream('need-1')).toEqual([]);
    await store.close();
  });

  it('reports a deleted stream as StreamDeletedError (409), without retrying', async () => {
    const { store, tries } = failingAppends(ClientStreamDeletedError.fromStreamName('need-1'));
    const error = await store.append('need-1', [event]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StreamDeletedError);
    expect(error).toMatchObject({ stream: 'need-1', status: 409, code: 'stream_deleted' });
    expect(tries).toHaveLength(1);
    await store.close();
  });

  it('reports an append over the size limit as AppendTooLargeError (413), without retrying', async () => {
    const { store, tries } = failingAppends(MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576));
    const error = await store.append('need-1', [event]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppendTooLargeError);
    expect(error).toMatchObject({ maxBytes: 1_048_576, status: 413, code: 'append_too_large' });
    expect(tries).toHaveLength(1);
    await store.close();
  });

  it('reports denied access as the store being unavailable, pointing at the connection string', async () => {
    const { store, tries } = failingAppends(new AccessDeniedError());
    const error = await store.append('need-1', [event]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EventStoreUnavailableError);
    expect((error as Error).message).toContain('KURRENTDB_URL');
    expect(tries).toHaveLength(1);
    await store.close();
  });

  it('passes any other UnknownError through unchanged, untried again', async () => {
    const odd = new UnknownError(undefined, 'Could not recognize something else');
    const { store, tries } = failingAppends(odd);
    expect(await store.append('need-1', [event]).catch((e: unknown) => e)).toBe(odd);
    expect(tries).toHaveLength(1);
    await store.close();
  });
});
