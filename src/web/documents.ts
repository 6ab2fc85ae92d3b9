import type { WanRange } from '../domain/shared/money.js';
import type { FacetDistribution } from '../search/port.js';

/**
 * The fields the pages show from search hits, as the projections write them (src/projections/*-projection.ts).
 * The application queries type their documents with only the fields they filter on; hits carry them all.
 */
export interface ListingPage<T> {
  hits: (T & { _highlight?: Record<string, string> })[];
  total: number;
  page: number;
  pageSize: number;
  facets: FacetDistribution;
}

export interface NeedSummary {
  id: string;
  title: string;
  description: string;
  orgId: string;
  orgName: string;
  industry: string;
  scenarioType: string;
  technologies: string[];
  city: string;
  budgetWan: WanRange;
  status: string;
  deadline: string | null;
  submittedAt: string | null;
  publishedAt: string | null;
  updatedAt: string | null;
}

export interface SolutionSummary {
  id: string;
  title: string;
  description: string;
  vendorId: string;
  vendorName: string;
  industries: string[];
  scenarioTypes: string[];
  technologies: string[];
  regionsServed: string[];
  priceWan: WanRange;
  deployment: string;
  status: string;
  publishedAt: string | null;
}

export interface EngagementSummary {
  id: string;
  needId: string;
  needTitle: string;
  solutionId: string;
  solutionTitle: string;
  vendorId: string;
  vendorName: string;
  demanderOrgId: string;
  demanderName: string;
  status: string;
  origin: string;
  quoteWan: number | null;
  amountWan: number | null;
  createdAt: string;
  updatedAt: string | null;
}

export interface CaseSummary {
  id: string;
  title: string;
  summary: string;
  needId: string;
  vendorId: string;
  vendorName: string;
  city: string;
  industry: string;
  scenarioType: string;
  technologies: string[];
  replicatedTo: string[];
  amountWan: number | null;
  createdAt: string;
}

export interface CampaignSummary {
  id: string;
  title: string;
  kind: string;
  status: string;
  opensAt: string;
  closesAt: string;
  needCount: number;
  solutionCount: number;
}

export interface VendorSummary {
  id: string;
  name: string;
  city: string;
  status: string;
  description: string;
  qualifications: string[];
  industries: string[];
  technologies: string[];
  citiesServed: string[];
  solutionCount: number;
  deliveredCount: number;
  ratingAvg: number | null;
  ratingCount: number;
  engagementsByStatus: Record<string, number>;
  registeredAt: string | null;
}
