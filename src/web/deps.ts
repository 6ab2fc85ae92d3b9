import type { MatchRoundService } from '../application/match-round-service.js';
import type { MatchingService } from '../application/matching-service.js';
import type { HttpDeps } from '../http/app.js';

/**
 * The pages use the HTTP layer's dependencies (the services' deps, token signer, actor lookup, projection
 * status, the search index the application queries read) and the two 云速配 services the API uses.
 */
export interface WebDeps {
  http: HttpDeps;
  matching: MatchingService;
  matchRounds: MatchRoundService;
}
