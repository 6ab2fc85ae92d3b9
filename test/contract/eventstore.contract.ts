import { afterEach, describe, expect, it } from 'vitest';
import { UUID_PATTERN, uuidv7 } from '../../src/domain/shared/ids.js';
import type {
  AllSubscription,
  AppendResult,
  EventData,
  EventStore,
  ExpectedRevision,
  RecordedEvent,
} from '../../src/eventstore/port.js';
import { WrongExpectedVersionError } from '../../src/eventstore/port.js';

export interface EventStoreHarness {
  store: EventStore;
  /** Opens the same backing store again; the suite closes `store` first. */
  reopen?: () => Promise<EventStore>;
  /** Closes every store the harness opened and removes what it created. */
  cleanup: () => Promise<void>;
}

/** A prefix no other test (or earlier run against a shared server) has used. */
const uniquePrefix = (label: string) => `contract${uuidv7().replaceAll('-', '')}-${label}-`;

const event = (type: string, data: EventData['data'] = {}): EventData => ({ type, data });

const numbered = (from: number, to: number): EventData[] =>
  Array.from({ length: to - from + 1 }, (_, i) => event('Numbered', { n: from + i }));

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('expected a rejection'),
    (error: unknown) => error,
  );
}

async function expectWrongVersion(
  promise: Promise<unknown>,
  stream: string,
  expected: ExpectedRevision,
  actual: 'no_stream' | bigint,
): Promise<void> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  expect(error).toMatchObject({ stream, expected, actual, code: 'concurrency', status: 412 });
}

/** Reads a subscription through one iterator, failing with what arrived if the rest is late. */
function reader(subscription: AllSubscription) {
  const iterator = subscription[Symbol.asyncIterator]();
  return {
    next: () => iterator.next(),
    async take(count: number, timeoutMs = 5000): Promise<RecordedEvent[]> {
      const received: RecordedEvent[] = [];
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((resolve) => {
          timer = setTimeout(() => resolve('late'), Math.max(0, deadline - Date.now()));
        });
        const result = await Promise.race([iterator.next(), late]);
        clearTimeout(timer);
        if (result === 'late' || result.done) {
          const got = received.map((e) => `${e.stream}/${e.type}`).join(', ');
          throw new Error(`subscription delivered ${received.length} of ${count} events: [${got}]`);
        }
        received.push(result.value);
      }
      return received;
    },
  };
}

const numbersOf = (events: RecordedEvent[]) => events.map((e) => e.data.n);

function expectStrictlyIncreasing(positions: bigint[]): void {
  for (let i = 1; i < positions.length; i++) expect(positions[i]! > positions[i - 1]!).toBe(true);
}

export function runEventStoreContract(name: string, open: () => Promise<EventStoreHarness>): void {
  describe(`EventStore contract: ${name}`, () => {
    let harness: EventStoreHarness | undefined;
    const start = async () => {
      harness = await open();
      return harness;
    };
    afterEach(async () => {
      await harness?.cleanup();
      harness = undefined;
    });

    describe('append and expected revision', () => {
      it('appends to a new stream and reports the revision and position of the last event', async () => {
        const { store } = await start();
        const stream = `${uniquePrefix('append')}1`;
        const result = await store.append(
          stream,
          [event('Created', { a: 1 }), event('Renamed', { b: 'x' })],
          {
            expectedRevision: 'no_stream',
          },
        );
        expect(result.nextExpectedRevision).toBe(1n);
        expect(typeof result.position).toBe('bigint');

        const events = await store.readStream(stream);
        expect(events.map((e) => [e.stream, e.type, e.revision, e.data, e.metadata])).toEqual([
          [stream, 'Created', 0n, { a: 1 }, {}],
          [stream, 'Renamed', 1n, { b: 'x' }, {}],
        ]);
        expect(events[1]!.position).toBe(result.position);
        expect(events[0]!.position < events[1]!.position).toBe(true);
        for (const e of events) {
          expect(e.id).toMatch(UUID_PATTERN);
          expect(e.time).toBeInstanceOf(Date);
          expect(Number.isNaN(e.time.getTime())).toBe(false);
        }
      });

      it('keeps the ids, metadata and JSON it is given', async () => {
        const { store } = await start();
        const stream = `${uniquePrefix('ids')}1`;
        const id = uuidv7();
        const data = {
          title: '智慧园区能耗监测',
          tags: ['物联网', 'AI'],
          budget: { min: 50, max: 120.5 },
          note: null,
        };
        const metadata = { actor: { userId: 'u1', role: 'staff' }, correlationId: 'c1' };
        await store.append(stream, [{ id, type: 'NeedSubmitted', data, metadata }]);
        const [recorded] = await store.readStream(stream);
        expect(recorded).toMatchObject({ id, type: 'NeedSubmitted', data, metadata });
      });

      it('no_stream fails on an existing stream, with its last revision as actual', async () => {
        const { store } = await start();
        const stream = `${uniquePrefix('nostream')}1`;
        await store.append(stream, numbered(1, 3), { expectedRevision: 'no_stream' });
        await expectWrongVersion(
          store.append(stream, numbered(4, 4), { expectedRevision: 'no_stream' }),
          stream,
          'no_stream',
          2n,
        );
      });

      it('stream_exists succeeds on an existing stream and fails on an absent one', async () => {
        const { store } = await start();
        const prefix = uniquePrefix('exists');
        await expectWrongVersion(
          store.append(`${prefix}absent`, numbered(1, 1), { expectedRevision: 'stream_exists' }),
          `${prefix}absent`,
          'stream_exists',
          'no_stream',
        );
        await store.append(`${prefix}present`, numbered(1, 1));
        const result = await store.append(`${prefix}present`, numbered(2, 2), {
          expectedRevision: 'stream_exists',
        });
        expect(result.nextExpectedRevision).toBe(1n);
      });

      it('an exact revision succeeds when it is the last one and fails with the actual revision otherwise', async () => {
        const { store } = await start();
        const prefix = uniquePrefix('exact');
        const stream = `${prefix}1`;
        await expectWrongVersion(
          store.append(stream, numbered(1, 1), { expectedRevision: 0n }),
          stream,
          0n,
          'no_stream',
        );
        const first = await store.append(stream, numbered(1, 2), { expectedRevision: 'no_stream' });
        const second = await store.append(stream, numbered(3, 3), {
          expectedRevision: first.nextExpectedRevision,
        });
        expect(second.nextExpectedRevision).toBe(2n);
        expect(second.position > first.position).toBe(true);
        await expectWrongVersion(
          store.append(stream, numbered(4, 4), { expectedRevision: 1n }),
          stream,
          1n,
          2n,
        );
        await expectWrongVersion(
          store.append(stream, numbered(4, 4), { expectedRevision: 5n }),
          stream,
          5n,
          2n,
        );
      });

      it('any, or no expectation at all, appends whatever the stream holds', async () => {
        const { store } = await start();
        const stream = `${uniquePrefix('any')}1`;
        expect(
          (await store.append(stream, numbered(1, 1), { expectedRevision: 'any' })).nextExpectedRevision,
        ).toBe(0n);
        expect((await store.append(stream, numbered(2, 2))).nextExpectedRevision).toBe(1n);
        expect(
          (await store.append(stream, numbered(3, 3), { expectedRevision: 'any' })).nextExpectedRevision,
        ).toBe(2n);
        expect(numbersOf(await store.readStream(stream))).toEqual([1, 2, 3]);
      });

      it('a rejected append writes none of its events', async () => {
        const { store } = await start();
        const stream = `${uniquePrefix('atomic')}1`;
        await store.append(stream, numbered(1, 2));
        await rejection(store.append(stream, numbered(3, 5), { expectedRevision: 0n }));
        expect(numbersOf(await store.readStream(stream))).toEqual([1, 2]);
      });

      it('appending no events only checks the expectation', async () => {
        const { store } = await start();
        const prefix = uniquePrefix('empty');
        const stream = `${prefix}present`;
        await store.append(stream, numbered(1, 2));
        expect((await store.append(stream, [], { expectedRevision: 1n })).nextExpectedRevision).toBe(1n);
        expect(
          (await store.append(stream, [], { expectedRevision: 'stream_exists' })).nextExpectedRevision,
        ).toBe(1n);
        await expectWrongVersion(store.append(stream, [], { expectedRevision: 0n }), stream, 0n, 1n);
        await expectWrongVersion(
          store.append(stream, [], { expectedRevision: 'no_stream' }),
          stream,
          'no_stream',
          1n,
        );

        const absent = `${prefix}absent`;
        await store.append(absent, [], { expectedRevision: 'no_stream' });
        await expectWrongVersion(
          store.append(absent, [], { expectedRevision: 'stream_exists' }),
          absent,
          'stream_exists',
          'no_stream',
        );
        expect(await store.readStream(absent)).toEqual([]);
        expect(numbersOf(await store.readStream(stream))).toEqual([1, 2]);
      });

      it('of two appends racing on one revision exactly one wins', async () => {
        const { store } = await start();
        const prefix = uniquePrefix('race');
        const races = Array.from({ length: 5 }, async (_, i) => {
          const stream = `${prefix}${i}`;
          const expected: ExpectedRevision = i % 2 === 0 ? 'no_stream' : 0n;
          if (expected === 0n) await store.append(stream, numbered(0, 0));
          const outcomes = await Promise.allSettled([
            store.append(stream, [event('Contender', { who: 'a' })], { expectedRevision: expected }),
            store.append(stream, [event('Contender', { who: 'b' })], { expectedRevision: expected }),
          ]);
          const won = outcomes.filter(
            (o): o is PromiseFulfilledResult<AppendResult> => o.status === 'fulfilled',
          );
          const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
          expect(won).toHaveLength(1);
          expect(lost).toHaveLength(1);
          const winnerRevision = won[0]!.value.nextExpectedRevision;
          expect(lost[0]!.reason).toBeInstanceOf(WrongExpectedVersionError);
          expect(lost[0]!.reason).toMatchObject({ stream, expected, actual: winnerRevision });
          const contenders = (await store.readStream(stream)).filter((e) => e.type === 'Contender');
          expect(contenders).toHaveLength(1);
        });
        await Promise.all(races);
      });
    });

    describe('reading', () => {
      it('reads a stream forwards and backwards, from a revision, up to maxCount', async () => {
        const { store } = await start();
        const prefix = uniquePrefix('read');
        const stream = `${prefix}1`;
        await store.append(stream, numbered(0, 5));

        expect(numbersOf(await store.readStream(stream))).toEqual([0, 1, 2, 3, 4, 5]);
        expect(numbersOf(await store.readStream(stream, { fromRevision: 'start' }))).toEqual([
          0, 1, 2, 3, 4, 5,
        ]);
        expect(numbersOf(await store.readStream(stream, { fromRevision: 2n }))).toEqual([2, 3, 4, 5]);
        expect(numbersOf(await store.readStream(stream, { fromRevision: 2n, maxCount: 2 }))).toEqual([2, 3]);
        expect(numbersOf(await store.readStream(stream, { maxCount: 1 }))).toEqual([0]);
        expect(await store.readStream(stream, { fromRevision: 6n })).toEqual([]);

        const backwards = { direction: 'backwards' } as const;
        expect(numbersOf(await store.readStream(stream, backwards))).toEqual([5, 4, 3, 2, 1, 0]);
        expect(numbersOf(await store.readStream(stream, { ...backwards, fromRevision: 'end' }))).toEqual([
          5, 4, 3, 2, 1, 0,
        ]);
        expect(numbersOf(await store.readStream(stream, { ...backwards, fromRevision: 2n }))).toEqual([
          2, 1, 0,
        ]);
        expect(numbersOf(await store.readStream(stream, { ...backwards, maxCount: 2 }))).toEqual([5, 4]);
        expect(
          numbersOf(await store.readStream(stream, { ...backwards, fromRevision: 3n, maxCount: 2 })),
        ).toEqual([3, 2]);

        const revisions = (await store.readStream(stream)).map((e) => e.revision);
        expect(revisions).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
        expect(await store.readStream(`${prefix}absent`)).toEqual([]);
        expect(await store.readStream(`${prefix}absent`, backwards)).toEqual([]);
      });

      it('orders $all by commit with strictly increasing positions', async () => {
        const { store } = await start();
        const prefix = uniquePrefix('all');
        const results: AppendResult[] = [];
        for (let n = 1; n <= 6; n++) results.push(await store.append(`${prefix}${n % 3}`, numbered(n, n)));
        const concurrent = await Promise.all(
          [7, 8, 9, 10].map((n) => store.append(`${prefix}c${n}`, numbered(n, n))),
        );

        const ours = (await store.readAll({ fromPosition: results[0]!.position })).filter((e) =>
          e.stream.startsWith(prefix),
        );
        expectStrictlyIncreasing(ours.map((e) => e.position));
        expect(numbersOf(ours.slice(0, 6))).toEqual([1, 2, 3, 4, 5, 6]);
        expect(ours.slice(0, 6).map((e) => e.position)).toEqual(results.map((r) => r.position));
        // Concurrent appends appear in the order of the positions they were given.
        const byPosition = [...concurrent].sort((a, b) => (a.position < b.position ? -1 : 1));
        expect(ours.slice(6).map((e) => e.position)).toEqual(byPosition.map((r) => r.position));
        expect(ours).toHaveLength(10);
      });

      it('reads $all from a position, inclusive, up to maxCount', async () => {
        const { store } = await start();
        const prefix = uniquePrefix('from');
        const first = await store.append(`${prefix}1`, numbered(1, 1));
        const second = await store.append(`${prefix}2`, numbered(2, 2));
        await store.append(`${prefix}3`, numbered(3, 3));

        const page = await store.readAll({ fromPosition: second.position, maxCount: 2 });
        expect(page).toHaveLength(2);
        expect(page[0]).toMatchObject({ stream: `${prefix}2`, position: second.position, data: { n: 2 } });
        expect(page.every((e) => e.position >= second.position)).toBe(true);

        const fromFirst = (await store.readAll({ fromPosition: first.position })).filter((e) =>
          e.stream.startsWith(prefix),
        );
        expect(numbersOf(fromFirst)).toEqual([1, 2, 3]);
        expect(await store.readAll({ fromPosition: first.position, maxCount: 0 })).toEqual([]);
        expect(await store.headPosition()).toBeGreaterThanOrEqual(fromFirst.at(-1)!.position);
      });
    });

    describe('subscribeToAll', () => {
      it('catches up after a checkpoint, then goes live, losing and repeating nothing', async () => {
        const { store } = await start();
        const prefix = uniquePrefix('live');
        const checkpoint = await store.append(`${prefix}a`, [event('Before')]);
        await store.append(`${prefix}a`, numbered(1, 3));
        await store.append(`${prefix}b`, numbered(4, 5));

        const subscription = store.subscribeToAll({
          fromPosition: checkpoint.position,
          filter: { streamPrefixes: [prefix] },
        });
        const events = reader(subscription);
        const received = await events.take(2);
        // Appended while the subscription may still be catching up.
        await Promise.all([
          store.append(`${prefix}a`, numbered(6, 8)),
          store.append(`${prefix}c`, numbered(9, 10)),
        ]);
        received.push(...(await events.take(8)));
        await new Promise((resolve) => setTimeout(resolve, 100));
        for (let n = 11; n <= 15; n++) await store.append(`${prefix}${n % 2 ? 'a' : 'd'}`, numbered(n, n));
        received.push(...(await events.take(5)));
        await subscription.close();

        const numbers = numbersOf(received);
        expect(numbers.slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
        expect([...numbers.slice(5, 10)].sort((a, b) => Number(a) - Number(b))).toEqual([6, 7, 8, 9, 10]);
        expect(numbers.slice(10)).toEqual([11, 12, 13, 14, 15]);
        expectStrictlyIncreasing(received.map((e) => e.position));
        const appended = (await store.readAll({ fromPosition: checkpoint.position })).filter(
          (e) => e.stream.startsWith(prefix) && e.position > checkpoint.position,
        );
        expect(received.map((e) => e.id)).toEqual(appended.map((e) => e.id));
      });

      it('starts from the beginning with start or no position', async () => {
        const { store } = await start();
        const prefix = uniquePrefix('start');
        await store.append(`${prefix}1`, numbered(1, 2));
        for (const fromPosition of ['start', undefined] as const) {
          const subscription = store.subscribeToAll({ fromPosition, filter: { streamPrefixes: [prefix] } });
          expect(numbersOf(await reader(subscription).take(2))).toEqual([1, 2]);
          await subscription.close();
        }
      });

      it('filters by stream prefixes and event types', async () => {
        const { store } = await start();
        const prefix = uniquePrefix('filter');
        const checkpoint = await store.append(`${prefix}setup`, [event('Setup')]);
        const from = checkpoint.position;
        const needs = store.subscribeToAll({
          fromPosition: from,
          filter: { streamPrefixes: [`${prefix}need-`] },
        });
        const both = store.subscribeToAll({
          fromPosition: from,
          filter: {
            streamPrefixes: [`${prefix}need-`, `${prefix}case-`],
            eventTypes: ['Approved', 'Promoted'],
          },
        });
        const approvals = store.subscribeToAll({
          fromPosition: from,
          filter: { streamPrefixes: [prefix], eventTypes: ['Approved'] },
        });

        await store.append(`${prefix}need-1`, [event('Submitted', { n: 1 }), event('Approved', { n: 2 })]);
        await store.append(`${prefix}solution-1`, [
          event('Submitted', { n: 3 }),
          event('Approved', { n: 4 }),
        ]);
        await store.append(`${prefix}case-1`, [event('Promoted', { n: 5 })]);
        await store.append(`${prefix}need-2`, [event('Approved', { n: 6 })]);

        expect(numbersOf(await reader(needs).take(3))).toEqual([1, 2, 6]);
        expect(numbersOf(await reader(both).take(3))).toEqual([2, 5, 6]);
        expect(numbersOf(await reader(approvals).take(3))).toEqual([2, 4, 6]);
        await Promise.all([needs.close(), both.close(), approvals.close()]);
      });

      it('close ends a waiting iteration promptly, and a break closes the subscription', async () => {
        const { store } = await start();
        const prefix = uniquePrefix('close');
        const checkpoint = await store.append(`${prefix}1`, numbered(1, 1));
        const subscription = store.subscribeToAll({
          fromPosition: checkpoint.position,
          filter: { streamPrefixes: [prefix] },
        });
        const iterator = subscription[Symbol.asyncIterator]();
        const waiting = iterator.next();
        await new Promise((resolve) => setTimeout(resolve, 50));
        const closedAt = Date.now();
        await subscription.close();
        expect(await waiting).toEqual({ value: undefined, done: true });
        expect(Date.now() - closedAt).toBeLessThan(1000);
        expect(await iterator.next()).toEqual({ value: undefined, done: true });

        await store.append(`${prefix}1`, numbered(2, 3));
        const seen: unknown[] = [];
        const looped = store.subscribeToAll({
          fromPosition: checkpoint.position,
          filter: { streamPrefixes: [prefix] },
        });
        for await (const e of looped) {
          seen.push(e.data.n);
          break;
        }
        expect(seen).toEqual([2]);
        expect(await looped[Symbol.asyncIterator]().next()).toEqual({ value: undefined, done: true });
      });
    });

    describe('lifecycle', () => {
      it('answers ping while open and rejects every call once closed', async () => {
        const { store } = await start();
        const stream = `${uniquePrefix('closed')}1`;
        await store.ping();
        await store.close();
        await store.close();
        await rejection(store.ping());
        await rejection(store.append(stream, numbered(1, 1)));
        await rejection(store.readStream(stream));
        await rejection(store.readAll());
        await rejection(store.headPosition());
      });

      it('reopened, keeps every event, revision and position, and goes on from there', async ({ skip }) => {
        const { store, reopen } = await start();
        if (!reopen) return skip('this adapter cannot reopen its store');
        const prefix = uniquePrefix('reopen');
        const origin = await store.append(`${prefix}origin`, [event('Origin')]);
        const ours = (events: RecordedEvent[]) =>
          events.filter((e) => e.stream.startsWith(prefix) && e.type === 'Numbered');
        await store.append(`${prefix}1`, numbered(1, 2), { expectedRevision: 'no_stream' });
        await store.append(`${prefix}2`, numbered(3, 3));
        // Left pending on purpose: close must let it commit first.
        const pending = store.append(`${prefix}1`, numbered(4, 4), { expectedRevision: 1n });
        const before = ours(await store.readAll({ fromPosition: origin.position }));
        await store.close();
        expect((await pending).nextExpectedRevision).toBe(2n);

        const reopened = await reopen();
        const after = ours(await reopened.readAll({ fromPosition: origin.position }));
        expect(after.slice(0, before.length)).toEqual(before);
        expect(numbersOf(after)).toEqual([1, 2, 3, 4]);
        expect(numbersOf(await reopened.readStream(`${prefix}1`))).toEqual([1, 2, 4]);

        const next = await reopened.append(`${prefix}1`, numbered(5, 5), { expectedRevision: 2n });
        expect(next.nextExpectedRevision).toBe(3n);
        expect(next.position > after.at(-1)!.position).toBe(true);
        const subscription = reopened.subscribeToAll({
          fromPosition: after.at(-1)!.position,
          filter: { streamPrefixes: [prefix] },
        });
        expect(numbersOf(await reader(subscription).take(1))).toEqual([5]);
        await subscription.close();
      });
    });
  });
}
