import { PassThrough } from 'node:stream';
import type { AllStreamResolvedEvent, ReadPosition } from '@kurrent/kurrentdb-client';
import { excludeSystemEvents, KurrentDBClient } from '@kurrent/kurrentdb-client';
import type { Logger } from 'pino';
import { describe, expect, it } from 'vitest';
import type { SourceSubscription } from '../../../src/eventstore/kurrentdb/resilient-subscription.js';
import { resilientSubscription } from '../../../src/eventstore/kurrentdb/resilient-subscription.js';
import type { AllSubscription, RecordedEvent } from '../../../src/eventstore/port.js';

type Step = AllStreamResolvedEvent | Error | 'end' | 'confirm';

const resolved = (commit: bigint, stream = 'need-1', type = 'NeedSubmitted'): AllStreamResolvedEvent =>
  ({
    event: {
      streamId: stream,
      id: `event-${commit}`,
      type,
      revision: 0n,
      created: new Date(0),
      data: { at: Number(commit) },
      metadata: undefined,
      isJson: true,
      position: { commit, prepare: commit },
    },
    commitPosition: commit,
  }) as AllStreamResolvedEvent;

/** Plays the client's subscription: a Readable of events that reports failures by emitting 'error'. */
function scriptedSource(steps: Step[]) {
  const stream = new PassThrough({ objectMode: true });
  const source = Object.assign(stream, {
    unsubscribed: false,
    async unsubscribe() {
      source.unsubscribed = true;
    },
  });
  (async () => {
    for (const step of steps) {
      await new Promise((resolve) => setImmediate(resolve));
      if (step === 'confirm') source.emit('confirmation');
      else if (step === 'end') source.end();
      else if (step instanceof Error) source.emit('error', step);
      else source.write(step);
    }
  })();
  return source;
}

/** A subscription over sources opened one after another from `scripts`; later opens stay silent. */
function harness(scripts: Step[][], options: { baseDelayMs?: number; maxDelayMs?: number } = {}) {
  const opens: ReadPosition[] = [];
  const sources: ReturnType<typeof scriptedSource>[] = [];
  const logs: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const logger = {
    warn: (fields: Record<string, unknown>, message: string) => logs.push({ level: 'warn', fields, message }),
    info: (fields: Record<string, unknown>, message: string) => logs.push({ level: 'info', fields, message }),
  } as unknown as Logger;
  let closedCalls = 0;
  const subscription = resilientSubscription({
    from: 'start',
    open: (from) => {
      opens.push(from);
      const source = scriptedSource(scripts[opens.length - 1] ?? []);
      sources.push(source);
      return source;
    },
    logger,
    baseDelayMs: options.baseDelayMs ?? 1,
    maxDelayMs: options.maxDelayMs ?? 8,
    onClose: () => {
      closedCalls += 1;
    },
  });
  return { subscription, opens, sources, logs, closedCalls: () => closedCalls };
}

async function take(subscription: AllSubscription, count: number): Promise<RecordedEvent[]> {
  const iterator = subscription[Symbol.asyncIterator]();
  const events: RecordedEvent[] = [];
  while (events.length < count) {
    const result = await iterator.next();
    if (result.done) break;
    events.push(result.value);
  }
  return events;
}

describe('resilient $all subscription', () => {
  it('resubscribes from the last position after a drop and delivers nothing twice', async () => {
    const unavailable = Object.assign(new Error('14 UNAVAILABLE: Connection dropped'), { code: 14 });
    const { subscription, opens, sources, logs } = harness([
      ['confirm', resolved(10n), resolved(20n), unavailable],
      ['confirm', resolved(10n), resolved(20n), resolved(30n)],
    ]);
    const events = await take(subscription, 3);
    await subscription.close();

    expect(events.map((e) => [e.position, e.id])).toEqual([
      [10n, 'event-10'],
      [20n, 'event-20'],
      [30n, 'event-30'],
    ]);
    expect(opens).toEqual(['start', { commit: 20n, prepare: 20n }]);
    expect(sources.every((source) => source.unsubscribed)).toBe(true);
    expect(logs.filter((log) => log.level === 'warn')).toEqual([
      {
        level: 'warn',
        fields: { attempt: 1, delayMs: 1, from: '20', reason: '14 UNAVAILABLE: Connection dropped' },
        message: 'KurrentDB $all subscription dropped; resubscribing',
      },
    ]);
  });

  it('resubscribes when the server ends the subscription', async () => {
    const { subscription, opens, logs } = harness([[resolved(5n), 'end'], [resolved(6n)]]);
    const events = await take(subscription, 2);
    await subscription.close();
    expect(events.map((e) => e.position)).toEqual([5n, 6n]);
    expect(opens).toEqual(['start', { commit: 5n, prepare: 5n }]);
    expect(logs[0]?.fields.reason).toBe('ended by server');
  });

  it('backs off exponentially up to the cap while the server stays away, and resets once confirmed', async () => {
    const down = () => [Object.assign(new Error('14 UNAVAILABLE'), { code: 14 })];
    const { subscription, logs } = harness([
      ...Array.from({ length: 6 }, down),
      ['confirm', resolved(1n), 'end'],
      down(),
      [resolved(2n)],
    ]);
    const events = await take(subscription, 2);
    await subscription.close();
    expect(events.map((e) => e.position)).toEqual([1n, 2n]);
    const warnings = logs.filter((log) => log.level === 'warn').map((log) => log.fields.delayMs);
    expect(warnings).toEqual([1, 2, 4, 8, 8, 8, 1, 2]);
    expect(logs.filter((log) => log.level === 'info')).toHaveLength(1);
  });

  it('skips system events and events outside the filter, and resumes after them', async () => {
    const opens: ReadPosition[] = [];
    const scripts: Step[][] = [
      [
        resolved(1n, '$epoch-information', '$epoch-information'),
        resolved(2n, 'need-1', 'NeedSubmitted'),
        resolved(3n, 'solution-1', 'SolutionPublished'),
        resolved(4n, 'need-1', '$>'),
        new Error('dropped'),
      ],
      [resolved(5n, 'need-2', 'NeedSubmitted')],
    ];
    const subscription = resilientSubscription({
      from: { commit: 0n, prepare: 0n },
      filter: { streamPrefixes: ['need-'] },
      open: (from) => {
        opens.push(from);
        return scriptedSource(scripts[opens.length - 1] ?? []);
      },
      baseDelayMs: 1,
    });
    const events = await take(subscription, 2);
    await subscription.close();
    expect(events.map((e) => [e.stream, e.position])).toEqual([
      ['need-1', 2n],
      ['need-2', 5n],
    ]);
    expect(opens).toEqual([
      { commit: 0n, prepare: 0n },
      { commit: 4n, prepare: 4n },
    ]);
  });

  it('close ends a waiting reader at once, even during a long back-off', async () => {
    const waiting = harness([['confirm']]);
    const pending = waiting.subscription[Symbol.asyncIterator]().next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await waiting.subscription.close();
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(waiting.sources[0]?.unsubscribed).toBe(true);
    expect(waiting.closedCalls()).toBe(1);

    const backingOff = harness([[new Error('down')]], { baseDelayMs: 60_000, maxDelayMs: 60_000 });
    const stalled = backingOff.subscription[Symbol.asyncIterator]().next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    const started = Date.now();
    await backingOff.subscription.close();
    expect(await stalled).toEqual({ value: undefined, done: true });
    expect(Date.now() - started).toBeLessThan(500);
    expect(backingOff.opens).toHaveLength(1);
  });

  it('leaving the loop releases the source and ends the subscription', async () => {
    const { subscription, sources, closedCalls } = harness([[resolved(1n), resolved(2n)]]);
    for await (const event of subscription) {
      expect(event.position).toBe(1n);
      break;
    }
    expect(sources[0]?.unsubscribed).toBe(true);
    expect(closedCalls()).toBe(1);
    expect(await subscription[Symbol.asyncIterator]().next()).toEqual({ value: undefined, done: true });
    await subscription.close();
    expect(closedCalls()).toBe(1);
  });

  it('keeps retrying against a real client whose server is down, until closed', async () => {
    const client = KurrentDBClient.connectionString('kurrentdb://127.0.0.1:1?tls=false');
    const warnings: Record<string, unknown>[] = [];
    const logger = { warn: (fields: Record<string, unknown>) => warnings.push(fields) } as unknown as Logger;
    const subscription = resilientSubscription({
      from: 'start',
      open: (from): SourceSubscription =>
        client.subscribeToAll({ fromPosition: from, filter: excludeSystemEvents() }),
      logger,
      baseDelayMs: 10,
      maxDelayMs: 40,
    });
    const pending = subscription[Symbol.asyncIterator]().next();
    const deadline = Date.now() + 5000;
    while (warnings.length < 4 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await subscription.close();
    await client.dispose();

    expect(await pending).toEqual({ value: undefined, done: true });
    expect(warnings.map((w) => w.delayMs).slice(0, 4)).toEqual([10, 20, 40, 40]);
    expect(String(warnings[0]?.reason)).toContain('ECONNREFUSED');
  });
});
