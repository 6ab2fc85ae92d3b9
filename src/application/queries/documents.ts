/**
 * The read-model documents the queries read, as the projections (src/projections/*-projection.ts) write
 * them. Only the fields a query reads are listed; hits carry every field of the document.
 */
import type { SearchDocument } from '../../search/port.js';

export interface NeedDocument extends SearchDocument {
  title: string;
  description: string;
  industry: string;
  scenarioType: string;
  technologies: string[];
  city: string;
  status: string;
  orgId: string;
  orgName: string;
  engagementCount: number;
  publishedAt: string | null;
}

export interface SolutionDocument extends SearchDocument {
  title: string;
  status: string;
  vendorId: string;
  publishedAt: string | null;
}

export interface VendorDocument extends SearchDocument {
  name: string;
  city: string;
  status: string;
  solutionCount: number;
  deliveredCount: number;
  ratingAvg: number | null;
  ratingCount: number;
}

export interface CampaignDocument extends SearchDocument {
  title: string;
  kind: 'needs' | 'solutions' | 'both';
  status: 'open' | 'closed' | 'published';
  opensAt: string;
  closesAt: string;
  needCount: number;
  solutionCount: number;
  listVersions: { needs: number | null; solutions: number | null };
}

export interface OrganizationDocument extends SearchDocument {
  name: string;
  kind: 'demander' | 'vendor';
  uscc: string;
  city: string;
  status: 'pending' | 'verified' | 'suspended';
  qualifications: string[];
  suspensionReason: string | null;
  registeredAt: string;
  verifiedAt: string | null;
}

export interface MatchRoundDocument extends SearchDocument {
  campaignId: string;
  campaignTitle: string;
  status: 'running' | 'completed' | 'failed';
  topK: number;
  capacityPerVendor: number;
  needCount: number;
  progress: { done: number; total: number };
  recommendationCount: number;
  engagedCount: number;
  totalScore: number | null;
  greedyScore: number | null;
  failureReason: string | null;
  startedAt: string;
  completedAt: string | null;
}

export interface EngagementDocument extends SearchDocument {
  needId: string;
  needCity: string | null;
  vendorId: string;
  demanderOrgId: string;
  status: string;
  amountWan: number | null;
  signedAt: string | null;
}

export interface CaseDocument extends SearchDocument {
  title: string;
  summary: string;
  solutionTitle: string;
  needId: string;
  vendorId: string;
  city: string;
  industry: string;
  scenarioType: string;
  technologies: string[];
  replicatedTo: string[];
  createdAt: string;
}

/** Need statuses anyone may list: published and what follows it while the need still stands. */
export const PUBLIC_NEED_STATUSES = ['published', 'in_progress', 'fulfilled'] as const;
export const PUBLIC_SOLUTION_STATUSES = ['published'] as const;
export const PUBLIC_VENDOR_STATUSES = ['verified'] as const;
/** Engagements both sides signed, whether or not delivered and rated since: 百城牵手万项's matched projects. */
export const SIGNED_ENGAGEMENT_STATUSES = ['signed', 'delivered', 'rated'] as const;
