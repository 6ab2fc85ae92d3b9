import {
  ANY,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
  NO_STREAM,
  STREAM_EXISTS,
  UnavailableError,
} from '@kurrent/kurrentdb-client';
import { describe, expect, it } from 'vitest';
import {
  describeError,
  redactConnectionString,
  toPortError,
} from '../../../src/eventstore/kurrentdb/errors.js';
import { isSystemEvent, toClientEvent, toRecordedEvent } from '../../../src/eventstore/kurrentdb/events.js';
import {
  commitPositionOf,
  comparePositions,
  toReadPosition,
} from '../../../src/eventstore/kurrentdb/positions.js';
import { retryDelay } from '../../../src/eventstore/kurrentdb/resilient-subscription.js';
import { toActualRevision, toStreamState } from '../../../src/eventstore/kurrentdb/revisions.js';
import { serverFilterFor } from '../../../src/eventstore/kurrentdb/server-filter.js';
import type { ActualRevision, ExpectedRevision } from '../../../src/eventstore/port.js';
import {
  EventStoreUnavailableError,
  satisfiesExpected,
  WrongExpectedVersionError,
} from '../../../src/eventstore/port.js';

const URL = 'kurrentdb://kurrentdb:2113?tls=false';

describe('expected and actual revisions', () => {
  it('maps each expected revision to the stream state of the same meaning', () => {
    expect(toStreamState('no_stream')).toBe(NO_STREAM);
    expect(toStreamState('any')).toBe(ANY);
    expect(toStreamState('stream_exists')).toBe(STREAM_EXISTS);
    expect(toStreamState(7n)).toBe(7n);
  });

  it('reads a missing stream as no_stream, whether named or given as -1', () => {
    expect(toActualRevision('no_stream')).toBe('no_stream');
    expect(toActualRevision(-1n)).toBe('no_stream');
    expect(toActualRevision(0n)).toBe(0n);
    expect(toActualRevision(41n)).toBe(41n);
  });

  it('judges an expectation against the actual revision as the server does', () => {
    const cases: [ExpectedRevision, ActualRevision, boolean][] = [
      ['any', 'no_stream', true],
      ['any', 3n, true],
      ['no_stream', 'no_stream', true],
      ['no_stream', 0n, false],
      ['stream_exists', 'no_stream', false],
      ['stream_exists', 0n, true],
      [2n, 2n, true],
      [2n, 3n, false],
      [0n, 'no_stream', false],
    ];
    for (const [expected, actual, holds] of cases) {
      expect([expected, actual, satisfiesExpected(expected, actual)]).toEqual([expected, actual, holds]);
    }
  });
});

describe('client errors', () => {
  const conflict = (current: bigint | 'no_stream') =>
    new ClientWrongExpectedVersionError(undefined, { streamName: 'need-1', expected: 1n, current });

  it("turns the client's wrong expected version into ours, with the revision we expected", () => {
    const mapped = toPortError(conflict(4n), URL, { stream: 'need-1', expected: 'no_stream' });
    expect(mapped).toBeInstanceOf(WrongExpectedVersionError);
    expect(mapped).toMatchObject({ stream: 'need-1', expected: 'no_stream', actual: 4n, status: 412 });
    expect(toPortError(conflict('no_stream'), URL, { stream: 'need-1', expected: 1n })).toMatchObject({
      expected: 1n,
      actual: 'no_stream',
    });
  });

  it('turns a server out of reach into a 503 naming the URL, from reads and from appends alike', () => {
    const fromRead = toPortError(new UnavailableError(), URL);
    const grpcUnavailable = Object.assign(new Error('14 UNAVAILABLE: No connection established'), {
      code: 14,
    });
    const fromAppend = toPortError(grpcUnavailable, URL, { stream: 's', expected: 'any' });
    const timedOut = toPortError(Object.assign(new Error('4 DEADLINE_EXCEEDED'), { code: 4 }), URL);
    for (const mapped of [fromRead, fromAppend, timedOut]) {
      expect(mapped).toBeInstanceOf(EventStoreUnavailableError);
      expect((mapped as Error).message).toContain(`KurrentDB at ${URL} is unavailable: `);
      expect(mapped).toMatchObject({ status: 503, code: 'store_unavailable' });
    }
    expect((fromAppend as Error).message).toContain('No connection established');
  });

  it('passes other errors through unchanged', () => {
    const other = new TypeError('bad event');
    expect(toPortError(other, URL)).toBe(other);
    const conflictOutsideAppend = conflict(1n);
    expect(toPortError(conflictOutsideAppend, URL)).toBe(conflictOutsideAppend);
  });

  it('describes errors in one line, naming bare client errors by their type', () => {
    expect(describeError(new UnavailableError())).toBe('unavailable');
    expect(describeError(new Error('14 UNAVAILABLE: Name resolution failed. Resolution note: '))).toBe(
      '14 UNAVAILABLE: Name resolution failed.',
    );
    expect(describeError('plain')).toBe('plain');
  });

  it('hides the password of a connection string and leaves others alone', () => {
    expect(redactConnectionString('kurrentdb://admin:changeit@db:2113?tls=false')).toBe(
      'kurrentdb://admin:***@db:2113?tls=false',
    );
    expect(redactConnectionString('kurrentdb+discover://ops:p%40ss@a:2113,b:2113')).toBe(
      'kurrentdb+discover://ops:***@a:2113,b:2113',
    );
    expect(redactConnectionString(URL)).toBe(URL);
  });
});

describe('events', () => {
  const record = {
    id: '0190a000-0000-7000-8000-000000000001',
    streamId: 'need-1',
    type: 'NeedSubmitted',
    revision: 3n,
    created: new Date('2025-01-02T03:04:05Z'),
    data: { title: '智慧园区' },
    metadata: { correlationId: 'c1' },
    position: { commit: 1024n, prepare: 1024n },
  };

  it('maps a recorded event, its position being the commit position', () => {
    expect(toRecordedEvent(record)).toEqual({
      id: record.id,
      stream: 'need-1',
      type: 'NeedSubmitted',
      revision: 3n,
      position: 1024n,
      data: { title: '智慧园区' },
      metadata: { correlationId: 'c1' },
      time: record.created,
    });
  });

  it('reads missing metadata, binary payloads and unknown positions as empty', () => {
    const foreign = toRecordedEvent({
      ...record,
      data: new Uint8Array([1, 2]),
      metadata: undefined,
      position: { commit: 2n ** 64n - 1n, prepare: 2n ** 64n - 1n },
    });
    expect(foreign).toMatchObject({ data: {}, metadata: {}, position: -1n });
    expect(toRecordedEvent({ ...record, position: undefined }).position).toBe(-1n);
    expect(toRecordedEvent({ ...record, data: ['not', 'an', 'object'] }).data).toEqual({});
  });

  it('writes events as JSON, giving an id only to those without one', () => {
    const fresh = toClientEvent({ type: 'NeedSubmitted', data: { a: 1 } }, () => 'generated-id');
    expect(fresh).toEqual({
      id: 'generated-id',
      contentType: 'application/json',
      type: 'NeedSubmitted',
      data: { a: 1 },
      metadata: undefined,
    });
    const given = toClientEvent({ id: 'own-id', type: 'T', data: {}, metadata: { m: true } }, () => 'unused');
    expect(given).toMatchObject({ id: 'own-id', metadata: { m: true } });
  });

  it('tells KurrentDB system events from ours by a leading $ in the type or the stream', () => {
    expect(isSystemEvent({ stream: '$epoch-information', type: '$epoch-information' })).toBe(true);
    expect(isSystemEvent({ stream: 'need-1', type: '$>' })).toBe(true);
    expect(isSystemEvent({ stream: '$$need-1', type: '$metadata' })).toBe(true);
    expect(isSystemEvent({ stream: '$stats-127.0.0.1:2113', type: 'StatsCollected' })).toBe(true);
    expect(isSystemEvent({ stream: 'need-1', type: 'NeedSubmitted' })).toBe(false);
    expect(isSystemEvent({ stream: 'need-$1', type: 'Price$Changed' })).toBe(false);
  });
});

describe('positions', () => {
  it('reads from the start for start, nothing or a negative position, else from both halves of it', () => {
    expect(toReadPosition(undefined)).toBe('start');
    expect(toReadPosition('start')).toBe('start');
    expect(toReadPosition(-1n)).toBe('start');
    expect(toReadPosition(0n)).toEqual({ commit: 0n, prepare: 0n });
    expect(toReadPosition(4711n)).toEqual({ commit: 4711n, prepare: 4711n });
  });

  it('orders positions by commit, then prepare', () => {
    expect(comparePositions({ commit: 1n, prepare: 9n }, { commit: 2n, prepare: 0n })).toBe(-1);
    expect(comparePositions({ commit: 2n, prepare: 1n }, { commit: 2n, prepare: 0n })).toBe(1);
    expect(comparePositions({ commit: 2n, prepare: 2n }, { commit: 2n, prepare: 2n })).toBe(0);
  });

  it('takes the commit position when there is one', () => {
    expect(commitPositionOf({ commit: 77n, prepare: 77n })).toBe(77n);
    expect(commitPositionOf(undefined)).toBe(-1n);
  });
});

describe('server-side subscription filter', () => {
  it('excludes system events when nothing narrower is asked', () => {
    const filter = serverFilterFor(undefined);
    expect(filter).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
    expect(serverFilterFor({})).toEqual(filter);
  });

  it('prefers stream prefixes, else event types as prefixes', () => {
    expect(serverFilterFor({ streamPrefixes: ['need-'], eventTypes: ['NeedApproved'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['need-'],
    });
    expect(serverFilterFor({ eventTypes: ['NeedApproved', 'NeedClosed'] })).toMatchObject({
      filterOn: 'eventType',
      prefixes: ['NeedApproved', 'NeedClosed'],
    });
  });
});

describe('resubscription delay', () => {
  it('doubles from the base delay up to the cap', () => {
    expect(Array.from({ length: 9 }, (_, failures) => retryDelay(failures))).toEqual([
      100, 200, 400, 800, 1600, 3200, 5000, 5000, 5000,
    ]);
    expect(retryDelay(2000)).toBe(5000);
  });
});
