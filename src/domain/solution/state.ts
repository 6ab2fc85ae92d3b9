import type { WanRange } from '../shared/money.js';

export type SolutionStatus = 'initial' | 'draft' | 'submitted' | 'rejected' | 'published' | 'retired';
export type Deployment = 'saas' | 'on-premise' | 'hybrid';

export interface Solution {
  status: SolutionStatus;
  id: string;
  /** The vendor organization that owns the solution. */
  vendorId: string;
  title: string;
  description: string;
  industries: string[];
  scenarioTypes: string[];
  technologies: string[];
  /** City codes, or ['*'] for the whole province. */
  regionsServed: string[];
  priceWan: WanRange;
  deployment: Deployment;
  campaignId: string | null;
  rejectionReason: string | null;
  createdAt: string | null;
  updatedAt: string | null;
  submittedAt: string | null;
  publishedAt: string | null;
  retiredAt: string | null;
}
