import type { Logger } from 'pino';
import type { Actor, EventMetadata } from '../domain/shared/actor.js';
import type { Clock, IdGenerator } from '../domain/shared/ids.js';
import type { EventStore } from '../eventstore/port.js';
import type { KeyStore } from '../personal-data/key-store.js';
import type { SignInPolicy } from './sign-in-policy.js';

/** What application services need from the outside world, injected so that tests control time and ids. */
export interface AppDeps {
  store: EventStore;
  clock: Clock;
  newId: IdGenerator;
  logger: Logger;
  /** Password expiry and the staff second factor; DEFAULT_SIGN_IN_POLICY when not given. */
  signIn?: SignInPolicy;
  /**
   * The personal-data keys the store encrypts with (`src/personal-data/`): 注销 destroys one. Deps built
   * without it (tests of other things) cannot cancel an account.
   */
  keys?: KeyStore;
  /** How long personal data is kept (YUNSUPEI_RETENTION_DAYS), as 我的数据 and the privacy page say. */
  retentionDays?: number;
}

/** Who asks and under which request; the HTTP layer builds it from the token and X-Request-Id. */
export interface RequestContext {
  actor: Actor;
  correlationId: string;
  /** From If-Match, for the entity the command targets. */
  expectedRevision?: bigint;
  /** Where the request came from, for the security log; absent for the command line and start-up. */
  client?: RequestClient;
}

/** The client's address (the socket's peer, src/server/client-ip.ts) and its User-Agent header. */
export interface RequestClient {
  ip: string;
  userAgent: string;
}

export function eventMetadata(
  ctx: RequestContext,
  now: Date,
  causationId: string | null = null,
): EventMetadata {
  return { actor: ctx.actor, at: now.toISOString(), correlationId: ctx.correlationId, causationId };
}
