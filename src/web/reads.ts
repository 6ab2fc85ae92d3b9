import { searchCampaigns } from '../application/queries/campaigns-query.js';
import { searchCases } from '../application/queries/cases-query.js';
import { listEngagements } from '../application/queries/engagements-query.js';
import { type NeedQuery, searchNeeds } from '../application/queries/needs-query.js';
import type { QueryCorrector } from '../application/queries/query-correction.js';
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
 * The lists the pages show, each read through the application query the API uses for the same list; the
 * pages see of each hit the fields they show (see documents.ts).
 */
export async function needsPage(
  search: SearchIndex,
  viewer: Actor,
  query: NeedQuery,
  corrector?: QueryCorrector,
): Promise<ListingPage<NeedSummary>> {
  return searchNeeds(search, viewer, query, undefined, corrector);
}

export async function solutionsPage(
  search: SearchIndex,
  viewer: Actor,
  query: SolutionQuery,
  corrector?: QueryCorrector,
): Promise<ListingPage<SolutionSummary>> {
  return searchSolutions(search, viewer, query, undefined, corrector);
}

export async function casesPage(
  search: SearchIndex,
  query: Parameters<typeof searchCases>[1],
): Promise<ListingPage<CaseSummary>> {
  return searchCases(search, query);
}

const ENGAGEMENTS_SHOWN = 100;

export async function engagementsOf(
  search: SearchIndex,
  viewer: Actor,
  filter: { needId?: string; vendorId?: string; demanderOrgId?: string },
): Promise<EngagementSummary[]> {
  const page = await listEngagements(search, viewer, { ...filter, pageSize: ENGAGEMENTS_SHOWN });
  return page.hits;
}

/** Campaigns, newest first, through the API's own query. */
export async function campaignList(search: SearchIndex): Promise<CampaignSummary[]> {
  const page = await searchCampaigns(search, { pageSize: 100 });
  return page.hits;
}
