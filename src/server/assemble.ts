import { createAttachmentService } from '../application/attachment-service.js';
import type { AppDeps } from '../application/deps.js';
import { createEntityViews } from '../application/entity-views.js';
import { createMatchRoundService } from '../application/match-round-service.js';
import { createMatchingService } from '../application/matching-service.js';
import { ListingTitles } from '../application/queries/listing-titles.js';
import type { SignInPolicy } from '../application/sign-in-policy.js';
import { memoryAttachmentStore } from '../attachments/memory-store.js';
import { type AttachmentScanner, type AttachmentStore, noScanner } from '../attachments/port.js';
import type { Clock, IdGenerator } from '../domain/shared/ids.js';
import type { EventStore } from '../eventstore/port.js';
import { userActorLookup } from '../http/auth/actor-lookup.js';
import { cachedActorLookup } from '../http/auth/authenticate.js';
import { createTokenSigner } from '../http/auth/token.js';
import type { Logger } from '../logger.js';
import { measureEventStore } from '../metrics/measured-event-store.js';
import { createMetrics } from '../metrics/metrics.js';
import { createInbox } from '../notifications/inbox-service.js';
import { createUnsubscribeLinks } from '../notifications/mail-unsubscribe.js';
import type { KeyStore } from '../personal-data/key-store.js';
import type { ProjectionStatus } from '../projections/status.js';
import type { SearchIndex } from '../search/port.js';
import type { HttpDeps, RateLimits } from './deps.js';
import type { ReadinessCheck } from './health.js';
import { createSessionActivity } from './session-activity.js';
import type { SiteIdentity } from './site-identity.js';

export interface AssembleOptions {
  store: EventStore;
  clock: Clock;
  newId: IdGenerator;
  logger: Logger;
  /** Signs bearer tokens. */
  secret: string;
  tokenTtlSeconds?: number;
  /** A web session without a request for this long is signed out (default 30). */
  sessionIdleMinutes?: number;
  rateLimits: RateLimits;
  /** Password expiry and the staff second factor (DEFAULT_SIGN_IN_POLICY when not given). */
  signIn?: SignInPolicy;
  projections: ProjectionStatus;
  search: SearchIndex;
  readiness?: ReadinessCheck[];
  /** The rate limiter's and actor cache's time source. */
  now?: () => number;
  /** Process metrics (CPU, memory, event loop) next to ours. */
  defaultMetrics?: boolean;
  /** Lets a scraper on another machine read /metrics. */
  metricsToken?: string | undefined;
  /** The personal-information protection contact the policy pages show. */
  privacyContact?: string | undefined;
  /** Who runs the site, for the pages' footer and 联系我们. */
  site?: SiteIdentity;
  /** The personal-data keys the store encrypts with; cancelling an account destroys its subject's. */
  keys?: KeyStore;
  /** YUNSUPEI_RETENTION_DAYS, shown on 我的数据 and the privacy page. */
  retentionDays?: number;
  /** Where attachment bytes go (the runtime: files under the data dir); in memory when not given. */
  attachments?: { store: AttachmentStore; scanner?: AttachmentScanner };
}

/** Wires the application services' dependencies and the server's (API and pages) around one event store. */
export function assembleHttp(options: AssembleOptions): { deps: AppDeps; http: HttpDeps } {
  const { clock, projections } = options;
  const metrics = createMetrics({
    defaultMetrics: options.defaultMetrics ?? true,
    projectionLag: () => projections.lag(),
  });
  const store = measureEventStore(options.store, metrics.appendDuration);
  const deps: AppDeps = {
    store,
    clock,
    newId: options.newId,
    logger: options.logger,
    ...(options.signIn ? { signIn: options.signIn } : {}),
    ...(options.keys ? { keys: options.keys } : {}),
    ...(options.retentionDays ? { retentionDays: options.retentionDays } : {}),
  };
  const matching = createMatchingService({ search: options.search, clock, logger: options.logger });
  const views = createEntityViews(deps);
  const http: HttpDeps = {
    app: deps,
    views,
    tokens: createTokenSigner({
      secret: options.secret,
      clock,
      ...(options.tokenTtlSeconds ? { ttlSeconds: options.tokenTtlSeconds } : {}),
    }),
    sessionActivity: createSessionActivity(options.secret, options.sessionIdleMinutes),
    actors: cachedActorLookup(userActorLookup(deps), options.now ? { now: options.now } : {}),
    projections,
    search: options.search,
    matching,
    matchRounds: createMatchRoundService({ app: deps, search: options.search, matching, projections }),
    titles: new ListingTitles(options.search, options.now ? { now: options.now } : {}),
    inbox: createInbox(store, clock),
    unsubscribe: createUnsubscribeLinks(options.secret),
    attachments: createAttachmentService({
      app: deps,
      views,
      store: options.attachments?.store ?? memoryAttachmentStore(),
      scanner: options.attachments?.scanner ?? noScanner,
    }),
    metrics,
    readiness: options.readiness ?? [],
    rateLimits: options.rateLimits,
    ...(options.now ? { now: options.now } : {}),
    metricsToken: options.metricsToken,
    privacyContact: options.privacyContact,
    ...(options.site ? { site: options.site } : {}),
  };
  return { deps, http };
}
