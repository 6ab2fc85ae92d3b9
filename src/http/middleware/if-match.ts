import type { MiddlewareHandler } from 'hono';
import type { HttpEnv } from '../../server/env.js';
import { httpMessages } from '../../server/messages.js';
import { problemResponse } from '../problem.js';

const ENTITY_TAG = /^(?:W\/)?"(\d{1,19})"$/;

/** `W/"<revision>"` (or the strong form, which clients often send back) → the revision; undefined for `*`. */
export function parseIfMatch(header: string): bigint | undefined | null {
  const value = header.trim();
  if (value === '*') return undefined;
  const digits = ENTITY_TAG.exec(value)?.[1];
  return digits === undefined ? null : BigInt(digits);
}

/** Carries `If-Match` into the request context, where the command handler turns a mismatch into a 412. */
export function ifMatch(): MiddlewareHandler<HttpEnv> {
  return async (c, next) => {
    const header = c.req.header('If-Match');
    if (header === undefined) return next();
    const revision = parseIfMatch(header);
    if (revision === null) {
      return problemResponse(c, { status: 400, code: 'bad_if_match', detail: httpMessages.badIfMatch });
    }
    if (revision !== undefined) c.set('expectedRevision', revision);
    return next();
  };
}
