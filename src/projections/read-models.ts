import type { SearchIndex, SearchParams } from '../search/port.js';
import type { ActivityDocument } from './activity-projection.js';
import type { CampaignDocument } from './campaigns-projection.js';
import type { CaseDocument } from './cases-projection.js';
import type { EngagementDocument } from './engagements-projection.js';
import type { InvitationDocument } from './invitations-projection.js';
import type { MatchRoundDocument } from './match-rounds-projection.js';
import type { NeedMatchesDocument } from './need-matches-projection.js';
import type { NeedDocument } from './needs-projection.js';
import type { OrganizationDocument } from './organizations-projection.js';
import type { PanelDocument } from './panels-projection.js';
import type { RankingFactDocument } from './ranking-facts-projection.js';
import type { SecurityLogDocument } from './security-log-projection.js';
import type { SolutionMatchesDocument } from './solution-matches-projection.js';
import type { SolutionDocument } from './solutions-projection.js';
import type { SubscriptionDocument } from './subscriptions-projection.js';
import type { VendorDocument } from './vendors-projection.js';

/** Each index, and the type of the documents its projection writes into it. */
export interface ReadModels {
  activity: ActivityDocument;
  campaigns: CampaignDocument;
  cases: CaseDocument;
  engagements: EngagementDocument;
  invitations: InvitationDocument;
  match_rounds: MatchRoundDocument;
  need_matches: NeedMatchesDocument;
  needs: NeedDocument;
  organizations: OrganizationDocument;
  panels: PanelDocument;
  ranking_facts: RankingFactDocument;
  security_log: SecurityLogDocument;
  solution_matches: SolutionMatchesDocument;
  solutions: SolutionDocument;
  subscriptions: SubscriptionDocument;
  vendors: VendorDocument;
}

export type ReadModelIndex = keyof ReadModels;

/**
 * One index read as the documents its projection writes. The search port hands back stored JSON of any
 * shape it is asked for; this is the one place that names which shape each index holds, so a reader can
 * neither ask an index for another index's documents nor spell a document type of its own.
 */
export function readModel<I extends ReadModelIndex>(search: SearchIndex, index: I) {
  return {
    search: (params?: SearchParams) => search.search<ReadModels[I]>(index, params),
    get: (id: string) => search.get<ReadModels[I]>(index, id),
  };
}
