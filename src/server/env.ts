import type { Actor } from '../domain/shared/actor.js';

/** What the middleware chain puts on every request's context. */
export interface HttpVariables {
  requestId: string;
  /** Who calls: from the bearer token, or `anonymous`. */
  actor: Actor;
  /** From `If-Match`, for the entity a mutating route targets. */
  expectedRevision?: bigint;
}

export interface HttpEnv {
  Variables: HttpVariables;
}
