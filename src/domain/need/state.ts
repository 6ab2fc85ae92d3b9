import type { Contact } from '../shared/fields.js';
import type { WanRange } from '../shared/money.js';
import type { NeedBrief } from './events.js';

export type NeedStatus =
  | 'initial'
  | 'draft'
  | 'submitted'
  | 'rejected'
  | 'approved'
  | 'published'
  | 'in_progress'
  | 'fulfilled'
  | 'closed';

/** States from which the owner may still withdraw a need or from which it may expire. */
export const OPEN_NEED_STATUSES: ReadonlySet<NeedStatus> = new Set([
  'draft',
  'submitted',
  'rejected',
  'approved',
  'published',
]);

/** A need with its brief; a need created before briefs existed has every part empty. */
export interface Need extends NeedBrief {
  status: NeedStatus;
  id: string;
  orgId: string;
  title: string;
  description: string;
  industry: string;
  scenarioType: string;
  technologies: string[];
  city: string;
  budgetWan: WanRange;
  /** Last day (YYYY-MM-DD, China time) on which the need takes answers. */
  deadline: string | null;
  campaignId: string | null;
  contact: Contact | null;
  rejectionReason: string | null;
  /** The signed engagement that took the need into implementation. */
  engagementId: string | null;
  closedReason: 'withdrawn' | 'expired' | null;
  listVersion: number | null;
  createdAt: string | null;
  updatedAt: string | null;
  submittedAt: string | null;
  publishedAt: string | null;
}
