import type { CampaignDocument } from '../projections/campaigns-projection.js';
import type { CaseDocument } from '../projections/cases-projection.js';
import type { EngagementDocument } from '../projections/engagements-projection.js';
import type { NeedDocument } from '../projections/needs-projection.js';
import type { SolutionDocument } from '../projections/solutions-projection.js';
import type { FacetDistribution } from '../search/port.js';

/**
 * The fields the pages show of each read model, picked from the document its projection writes
 * (src/projections/*-projection.ts): a page component can be given a whole hit or anything holding these.
 */
export interface ListingPage<T> {
  hits: (T & { _highlight?: Record<string, string> })[];
  total: number;
  page: number;
  pageSize: number;
  facets: FacetDistribution;
  /** The corrected spelling the page holds the results of, when the keywords as typed found nothing. */
  correctedQuery?: string;
  /** The related words the page holds the results of, when the keywords found nothing here. */
  relatedQuery?: string;
}

export type NeedSummary = Pick<
  NeedDocument,
  | 'id'
  | 'title'
  | 'description'
  | 'orgId'
  | 'orgName'
  | 'industry'
  | 'scenarioType'
  | 'technologies'
  | 'city'
  | 'budgetWan'
  | 'status'
  | 'deadline'
  | 'submittedAt'
  | 'publishedAt'
  | 'updatedAt'
>;

export type SolutionSummary = Pick<
  SolutionDocument,
  | 'id'
  | 'title'
  | 'description'
  | 'vendorId'
  | 'vendorName'
  | 'industries'
  | 'scenarioTypes'
  | 'technologies'
  | 'regionsServed'
  | 'priceWan'
  | 'deployment'
  | 'status'
  | 'publishedAt'
>;

export type EngagementSummary = Pick<
  EngagementDocument,
  | 'id'
  | 'needId'
  | 'needTitle'
  | 'solutionId'
  | 'solutionTitle'
  | 'vendorId'
  | 'vendorName'
  | 'demanderOrgId'
  | 'demanderName'
  | 'status'
  | 'origin'
  | 'quoteWan'
  | 'amountWan'
  | 'createdAt'
  | 'updatedAt'
>;

export type CaseSummary = Pick<
  CaseDocument,
  | 'id'
  | 'title'
  | 'summary'
  | 'needId'
  | 'vendorId'
  | 'vendorName'
  | 'city'
  | 'industry'
  | 'scenarioType'
  | 'technologies'
  | 'replicatedTo'
  | 'amountWan'
  | 'createdAt'
>;

export type CampaignSummary = Pick<
  CampaignDocument,
  | 'id'
  | 'title'
  | 'kind'
  | 'scope'
  | 'gathersPeriod'
  | 'status'
  | 'opensAt'
  | 'closesAt'
  | 'needCount'
  | 'solutionCount'
>;
