import type { NeedDocument } from '../projections/needs-projection.js';
import type { SolutionDocument } from '../projections/solutions-projection.js';
import type { VendorDocument } from '../projections/vendors-projection.js';

/**
 * The fields of the read-model documents (src/projections/*-projection.ts) the matcher scores: a whole
 * index document is one, and so is a listing of an evaluation data set that holds only these (and may lack
 * the optional dates).
 */
export type NeedDoc = Pick<
  NeedDocument,
  | 'id'
  | 'title'
  | 'description'
  | 'industry'
  | 'scenarioType'
  | 'technologies'
  | 'city'
  | 'budgetWan'
  | 'status'
  | 'orgId'
  | 'updatedAt'
> &
  Partial<Pick<NeedDocument, 'deadline' | 'publishedAt'>>;

export type SolutionDoc = Pick<
  SolutionDocument,
  | 'id'
  | 'title'
  | 'description'
  | 'industries'
  | 'scenarioTypes'
  | 'technologies'
  | 'regionsServed'
  | 'priceWan'
  | 'status'
  | 'vendorId'
  | 'updatedAt'
> &
  Partial<Pick<SolutionDocument, 'publishedAt'>>;

export type VendorDoc = Pick<
  VendorDocument,
  'id' | 'name' | 'city' | 'status' | 'qualifications' | 'deliveredCount' | 'ratingAvg' | 'ratingCount'
>;

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
