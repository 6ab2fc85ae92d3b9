import { searchCampaigns } from '../application/queries/campaigns-query.js';
import { searchCases } from '../application/queries/cases-query.js';
import { listEngagements } from '../application/queries/engagements-query.js';
import { type NeedQuery, searchNeeds } from '../application/queries/needs-query.js';
import { type SolutionQuery, searchSolutions } from '../application/queries/solutions-query.js';
import type { Actor } from '../domain/shared/actor.js';
import type { SearchIndex } from '../search/port.js';
import type {
  CampaignSummary,
  CaseSummary,
  EngagementSummary,
  ListingPage,
  NeedSummary,
  SolutionSummary,
} from './documents.js';

/**
 * The lists the pages show, each read through the application query the API uses for the same list; only
 * the hits' type is widened to the fields the pages show (see documents.ts).
 */
export async function needsPage(search: SearchIndex, viewer: Actor, query: NeedQuery) {
  return (await searchNeeds(search, viewer, query)) as unknown as ListingPage<NeedSummary>;
}

export async function solutionsPage(search: SearchIndex, viewer: Actor, query: SolutionQuery) {
  return (await searchSolutions(search, viewer, query)) as unknown as ListingPage<SolutionSummary>;
}

export async function casesPage(search: SearchIndex, query: Parameters<typeof searchCases>[1]) {
  return (await searchCases(search, query)) as unknown as ListingPage<CaseSummary>;
}

const ENGAGEMENTS_SHOWN = 100;

export async function engagementsOf(
  search: SearchIndex,
  viewer: Actor,
  filter: { needId?: string; vendorId?: string; demanderOrgId?: string },
): Promise<EngagementSummary[]> {
  const page = await listEngagements(search, viewer, { ...filter, pageSize: ENGAGEMENTS_SHOWN });
  return page.hits as unknown as EngagementSummary[];
}

/** Campaigns, newest first, through the API's own query. */
export async function campaignList(search: SearchIndex): Promise<CampaignSummary[]> {
  const page = await searchCampaigns(search, { pageSize: 100 });
  return page.hits as unknown as CampaignSummary[];
}
