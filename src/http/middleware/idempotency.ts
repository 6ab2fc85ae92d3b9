import { createHash } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { EventMetadata } from '../../domain/shared/actor.js';
import type { Clock } from '../../domain/shared/ids.js';
import { type EventStore, WrongExpectedVersionError } from '../../eventstore/port.js';
import type { Logger } from '../../logger.js';
import { clientIp } from '../../server/client-ip.js';
import type { HttpEnv } from '../../server/env.js';
import { httpMessages } from '../../server/messages.js';
import { problemResponse } from '../problem.js';

/**
 * `Idempotency-Key` on creating POSTs, kept in the event store itself (one stream per caller and key,
 * claimed with `no_stream`, so two processes cannot both run the same request). A success is recorded
 * and replayed to the same key and body; the same key with another body is a 422; a duplicate arriving
 * while the first still runs is a 409. A failure releases the key, so the caller can retry it.
 */
export interface IdempotencyOptions {
  store: EventStore;
  clock: Clock;
  logger: Logger;
  /** A claim older than this with no outcome is taken to be from a process that died mid-request. */
  staleAfterMs?: number;
}

const KEY = /^[\x21-\x7e]{1,255}$/;
const REPLAYED_HEADERS = ['content-type', 'location', 'etag', 'x-position'];

/** The response recorded for a key, read back from the stream's JSON to be replayed. */
const storedResponseSchema = z.object({
  status: z.number(),
  headers: z.record(z.string(), z.string()),
  body: z.string(),
});
type StoredResponse = z.output<typeof storedResponseSchema>;

interface KeyState {
  requestHash: string;
  claimedAt: number;
  response: StoredResponse | null;
  released: boolean;
  revision: bigint;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

async function readKey(store: EventStore, stream: string): Promise<KeyState | null> {
  let state: KeyState | null = null;
  for (const { type, data, revision } of await store.readStream(stream)) {
    if (type === 'IdempotencyKeyClaimed') {
      const claimedAt = Date.parse(String(data.at));
      state = { requestHash: String(data.requestHash), claimedAt, response: null, released: false, revision };
    } else if (state !== null) {
      state.revision = revision;
      if (type === 'IdempotentResponseRecorded') state.response = storedResponseSchema.parse(data.response);
      if (type === 'IdempotencyKeyReleased') state.released = true;
    }
  }
  return state;
}

function replay(stored: StoredResponse): Response {
  return new Response(stored.body, {
    status: stored.status,
    headers: { ...stored.headers, 'Idempotent-Replayed': 'true' },
  });
}

export function idempotency({
  store,
  clock,
  logger,
  staleAfterMs = 60_000,
}: IdempotencyOptions): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const key = c.req.header('Idempotency-Key');
    if (key === undefined) return next();
    if (!KEY.test(key)) {
      return problemResponse(c, {
        status: 400,
        code: 'idempotency.bad_key',
        detail: httpMessages.badIdempotencyKey,
      });
    }
    const actor = c.get('actor');
    const stream = `idempotency-${sha256(`${actor.userId ?? `ip:${clientIp(c)}`}\n${key}`)}`;
    const requestHash = sha256(`${c.req.method} ${c.req.path}\n${await c.req.text()}`);
    const metadata: EventMetadata = {
      actor,
      at: clock().toISOString(),
      correlationId: c.get('requestId'),
      causationId: null,
    };

    const claim = async (): Promise<Response | 'claimed'> => {
      const state = await readKey(store, stream);
      if (state && !state.released) {
        if (state.requestHash !== requestHash) {
          return problemResponse(c, {
            status: 422,
            code: 'idempotency.key_reused',
            detail: httpMessages.idempotencyMismatch,
          });
        }
        if (state.response) return replay(state.response);
        if (clock().getTime() - state.claimedAt < staleAfterMs) {
          return problemResponse(c, {
            status: 409,
            code: 'idempotency.in_progress',
            detail: httpMessages.idempotencyInProgress,
          });
        }
      }
      await store.append(
        stream,
        [{ type: 'IdempotencyKeyClaimed', data: { requestHash, at: clock().toISOString() }, metadata }],
        { expectedRevision: state ? state.revision : 'no_stream' },
      );
      return 'claimed';
    };

    let outcome: Response | 'claimed';
    try {
      outcome = await claim();
    } catch (error) {
      if (!(error instanceof WrongExpectedVersionError)) throw error;
      // Another request claimed the key between our read and our append: answer as it dictates.
      outcome = await claim();
    }
    if (outcome !== 'claimed') return outcome;

    await next();
    try {
      await settle(c, store, stream, metadata);
    } catch (error) {
      // The request itself went through: answer it. The key stays claimed until it goes stale.
      logger.warn({ err: error, requestId: c.get('requestId'), stream }, 'idempotency outcome not recorded');
    }
  };
}

async function settle(
  c: Context<HttpEnv>,
  store: EventStore,
  stream: string,
  metadata: EventMetadata,
): Promise<void> {
  const res = c.res;
  if (res.status >= 200 && res.status < 300) {
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = res.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    const response = { status: res.status, headers, body: await res.clone().text() };
    await store.append(stream, [{ type: 'IdempotentResponseRecorded', data: { response }, metadata }], {
      expectedRevision: 'stream_exists',
    });
  } else {
    await store.append(stream, [{ type: 'IdempotencyKeyReleased', data: {}, metadata }], {
      expectedRevision: 'stream_exists',
    });
  }
}
