import { setTimeout as sleep } from 'node:timers/promises';
import type { AllStreamResolvedEvent, Position, ReadPosition } from '@kurrent/kurrentdb-client';
import type { Logger } from 'pino';
import type { AllSubscription, RecordedEvent, SubscriptionFilter } from '../port.js';
import { matchesFilter } from '../port.js';
import { describeError } from './errors.js';
import { isSystemEvent, toRecordedEvent } from './events.js';
import { comparePositions } from './positions.js';

/** What we use of the client's `$all` subscription (a Node Readable), so that tests can stand in for it. */
export interface SourceSubscription extends AsyncIterable<AllStreamResolvedEvent> {
  once(event: 'confirmation', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  destroy(): unknown;
  unsubscribe(): Promise<void>;
}

export interface ResilientSubscriptionOptions {
  /** Exclusive, as KurrentDB's subscribeToAll. */
  from: ReadPosition;
  filter?: SubscriptionFilter;
  open: (from: ReadPosition) => SourceSubscription;
  logger?: Logger;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Called once when the subscription ends, by `close()` or by the reader leaving its loop. */
  onClose?: () => void;
}

export function retryDelay(failures: number, baseDelayMs = 100, maxDelayMs = 5000): number {
  return Math.min(maxDelayMs, baseDelayMs * 2 ** failures);
}

/** Lets go of one client subscription: stop its gRPC call and ignore whatever it reports afterwards. */
async function release(source: SourceSubscription): Promise<void> {
  source.on('error', () => {});
  source.destroy();
  try {
    await source.unsubscribe();
  } catch {
    // The call never started (the client could not connect), so there is nothing to cancel.
  }
}

/**
 * A catch-up subscription that outlives its server connection: when the client's subscription fails or
 * ends, it subscribes again from the last position it has seen, after a delay that doubles up to a cap,
 * for as long as it is open. Positions at or before the last one seen are skipped, so a resubscription
 * that overlaps never delivers an event twice. Checkpoints and caught-up notices are not events and are
 * never read.
 */
export function resilientSubscription(options: ResilientSubscriptionOptions): AllSubscription {
  const { logger, baseDelayMs, maxDelayMs } = options;
  const stopped = new AbortController();
  let last: Position | undefined =
    options.from === 'start' || options.from === 'end' ? undefined : options.from;
  let current: SourceSubscription | undefined;
  const finish = () => {
    if (stopped.signal.aborted) return;
    stopped.abort();
    options.onClose?.();
  };

  async function* deliver(): AsyncGenerator<RecordedEvent, void, undefined> {
    try {
      yield* resubscribing();
    } finally {
      finish();
    }
  }

  async function* resubscribing(): AsyncGenerator<RecordedEvent, void, undefined> {
    let failures = 0;
    while (!stopped.signal.aborted) {
      let failure: unknown;
      let source: SourceSubscription | undefined;
      try {
        source = options.open(last ?? options.from);
        current = source;
        source.once('confirmation', () => {
          if (failures > 0)
            logger?.info({ from: last?.commit.toString() ?? 'start' }, 'KurrentDB $all subscription resumed');
          failures = 0;
        });
        for await (const resolved of source) {
          const record = resolved.event;
          if (!record?.position || (last && comparePositions(record.position, last) <= 0)) continue;
          last = record.position;
          failures = 0;
          const event = toRecordedEvent(record);
          if (isSystemEvent(event) || !matchesFilter(event, options.filter)) continue;
          yield event;
        }
      } catch (error) {
        failure = error;
      } finally {
        if (source) await release(source);
      }
      if (stopped.signal.aborted) return;
      const delayMs = retryDelay(failures, baseDelayMs, maxDelayMs);
      failures += 1;
      logger?.warn(
        {
          attempt: failures,
          delayMs,
          from: last?.commit.toString() ?? 'start',
          reason: failure === undefined ? 'ended by server' : describeError(failure),
        },
        'KurrentDB $all subscription dropped; resubscribing',
      );
      try {
        await sleep(delayMs, undefined, { signal: stopped.signal });
      } catch {
        return;
      }
    }
  }

  const events = deliver();
  const close = async () => {
    if (stopped.signal.aborted) return;
    finish();
    if (current) await release(current);
    await events.return();
  };

  return { close, [Symbol.asyncIterator]: () => events };
}
