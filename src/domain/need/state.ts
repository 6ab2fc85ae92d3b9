import type { Contact } from '../shared/fields.js';
import type { WanRange } from '../shared/money.js';
import type { NeedBrief, NeedRace } from './events.js';

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
  /** The signed engagement that took the need into implementation (with a race: the selected pilot). */
  engagementId: string | null;
  /** 赛马: null on a need that follows its first signed engagement. */
  race: NeedRace | null;
  /** The engagements signed as pilots under the race, in the order they were signed. */
  pilots: string[];
  closedReason: 'withdrawn' | 'expired' | null;
  listVersion: number | null;
  createdAt: string | null;
  updatedAt: string | null;
  submittedAt: string | null;
  publishedAt: string | null;
}
