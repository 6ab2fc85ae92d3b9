import type { AttachmentService } from '../application/attachment-service.js';
import type { AppDeps } from '../application/deps.js';
import type { EntityViews } from '../application/entity-views.js';
import type { MatchRoundService } from '../application/match-round-service.js';
import type { MatchingService } from '../application/matching-service.js';
import type { ListingTitles } from '../application/queries/listing-titles.js';
import type { ActorLookup } from '../http/auth/authenticate.js';
import type { TokenSigner } from '../http/auth/token.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Inbox } from '../notifications/inbox-service.js';
import type { UnsubscribeLinks } from '../notifications/mail-unsubscribe.js';
import type { ProjectionStatus } from '../projections/status.js';
import type { SearchIndex } from '../search/port.js';
import type { ReadinessCheck } from './health.js';
import type { SessionActivity } from './session-activity.js';
import type { SiteIdentity } from './site-identity.js';

export interface RateLimits {
  /** Per client IP on the routes that take passwords (token, registration). */
  authPerMinute: number;
  /** Per signed-in user, or per IP for anonymous callers, on every other API route. */
  perMinute: number;
}

/**
 * Everything the server works with, for the API and the pages alike; the runtime builds it (assemble.ts),
 * tests build their own.
 */
export interface HttpDeps {
  app: AppDeps;
  /** Single needs, solutions and engagements as the asking actor may see them. */
  views: EntityViews;
  tokens: TokenSigner;
  /** The idle timeout of web sessions (YUNSUPEI_SESSION_IDLE_MINUTES). */
  sessionActivity: SessionActivity;
  /** Who a token's user is now (role, org), or null when unknown or disabled; cache it. */
  actors: ActorLookup;
  projections: ProjectionStatus;
  /** The read models behind lists, search, facets, stats and matches. */
  search: SearchIndex;
  /** 云速配: one per process, it keeps corpus statistics of the published listings. */
  matching: MatchingService;
  matchRounds: MatchRoundService;
  /** Public listing titles in memory for autocomplete: one copy per process, for the API and the pages. */
  titles: ListingTitles;
  /** Each user's notifications, with the unread count every signed-in page shows. */
  inbox: Inbox;
  /** Signs and checks the unsubscribe links of notification mail. */
  unsubscribe: UnsubscribeLinks;
  /** Files on needs and solutions: their bytes in the attachment store, their metadata in events. */
  attachments: AttachmentService;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  rateLimits: RateLimits;
  /** The rate limiter's time source (monotonic enough; tests pass their own). */
  now?: () => number;
  /** YUNSUPEI_METRICS_TOKEN: lets a scraper on another machine read /metrics. */
  metricsToken?: string | undefined;
  /** YUNSUPEI_PRIVACY_CONTACT: the personal-information protection contact the policy pages show. */
  privacyContact?: string | undefined;
  /** Who runs the site, for the pages' footer and 联系我们 (the demonstration texts when not given). */
  site?: SiteIdentity;
}
