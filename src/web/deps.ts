import type { AppDeps } from '../application/deps.js';
import type { EntityViews } from '../application/entity-views.js';
import type { MatchRoundService } from '../application/match-round-service.js';
import type { MatchingService } from '../application/matching-service.js';
import type { HttpDeps } from '../server/deps.js';

/**
 * The pages use the server's dependencies (the services' deps, the entity views, token signer, actor
 * lookup, projection status, the search index the application queries read) and the two 云速配 services
 * the API uses.
 */
export interface WebDeps {
  http: HttpDeps;
  /** What the application services take: pages call them with this, not through `http`. */
  app: AppDeps;
  /** Single needs, solutions and engagements as the asking actor may see them. */
  views: EntityViews;
  matching: MatchingService;
  matchRounds: MatchRoundService;
}
