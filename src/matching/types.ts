/**
 * The read-model documents the matcher scores, as the projections write them into the search index.
 * Only the fields the matcher reads are listed, so a full index document is assignable as it is.
 */
export interface WanRange {
  min: number;
  max: number;
}

export interface NeedDoc {
  id: string;
  title: string;
  description: string;
  industry: string;
  scenarioType: string;
  technologies: string[];
  city: string;
  budgetWan: WanRange;
  status: string;
  orgId: string;
  deadline?: string | null;
  updatedAt: string;
  publishedAt?: string | null;
}

export interface SolutionDoc {
  id: string;
  title: string;
  description: string;
  industries: string[];
  scenarioTypes: string[];
  technologies: string[];
  /** City codes; '*' means province-wide. */
  regionsServed: string[];
  priceWan: WanRange;
  status: string;
  vendorId: string;
  updatedAt: string;
  publishedAt?: string | null;
}

export interface VendorDoc {
  id: string;
  name: string;
  city: string;
  status: string;
  qualifications: string[];
  deliveredCount: number;
  /** Mean of the ratings received, 1–5; null or 0 when never rated. */
  ratingAvg: number | null;
  ratingCount: number;
}

export type FactorName =
  | 'text'
  | 'technology'
  | 'industry'
  | 'scenario'
  | 'region'
  | 'budget'
  | 'trackRecord'
  | 'qualification'
  | 'freshness';

/** One named part of a match score: `score` in 0..1, `detail` a short Chinese sentence shown to people. */
export interface Reason {
  factor: FactorName;
  weight: number;
  score: number;
  detail: string;
}

export interface SolutionMatch {
  solutionId: string;
  vendorId: string;
  score: number;
  reasons: Reason[];
}

/** A need recommended to a vendor, through the vendor's solution that fits it best. */
export interface NeedMatch {
  needId: string;
  solutionId: string;
  score: number;
  reasons: Reason[];
}
