import { activityProjection } from './activity-projection.js';
import { campaignsProjection } from './campaigns-projection.js';
import { casesProjection } from './cases-projection.js';
import { engagementsProjection } from './engagements-projection.js';
import { invitationsProjection } from './invitations-projection.js';
import { matchRoundsProjection } from './match-rounds-projection.js';
import { needMatchesProjection } from './need-matches-projection.js';
import { needsProjection } from './needs-projection.js';
import { organizationsProjection } from './organizations-projection.js';
import { panelsProjection } from './panels-projection.js';
import type { Projection } from './projection.js';
import { rankingFactsProjection } from './ranking-facts-projection.js';
import { securityLogProjection } from './security-log-projection.js';
import { solutionMatchesProjection } from './solution-matches-projection.js';
import { solutionsProjection } from './solutions-projection.js';
import { subscriptionsProjection } from './subscriptions-projection.js';
import { vendorsProjection } from './vendors-projection.js';

/**
 * In the order a batch is applied: needs read the engagements index (interest counts) and vendors read the
 * solutions and engagements indexes, so those come first and a batch sees its own writes.
 */
export const allProjections: Projection[] = [
  campaignsProjection,
  casesProjection,
  engagementsProjection,
  solutionsProjection,
  needsProjection,
  vendorsProjection,
  matchRoundsProjection,
  organizationsProjection,
  // The match lists read needs, solutions and vendors (and each other's lists): after those.
  needMatchesProjection,
  solutionMatchesProjection,
  invitationsProjection,
  // A need's 打榜 facts read the engagements index (its first application): after it.
  rankingFactsProjection,
  subscriptionsProjection,
  activityProjection,
  panelsProjection,
  securityLogProjection,
];
