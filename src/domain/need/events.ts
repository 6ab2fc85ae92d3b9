import type { DomainEvent } from '../shared/decider.js';
import type { Contact } from '../shared/fields.js';
import type { WanRange } from '../shared/money.js';
import type { Criterion } from './criteria.js';

/**
 * The brief (揭榜挂帅) beside the description. Added later: a NeedCreated holds only the parts the author
 * filled, and older events hold none (NeedUpdated's changes may clear a part with null).
 */
export interface NeedBrief {
  /** 现状与痛点: the problem today, best with figures. */
  problem: string | null;
  /** 建设目标 */
  goals: string | null;
  /** 技术要求 */
  requirements: string | null;
  /** 验收指标: measurable acceptance criteria, one per entry. */
  acceptanceCriteria: string[];
  /** 实施周期, in months. */
  periodMonths: number | null;
  /** 评审标准 with weights adding up to 100; empty when the need is not reviewed by experts. */
  criteria: Criterion[];
}

/**
 * 赛马: up to `maxParallel` vendors run paid pilots side by side before the demander selects one. Added
 * later: absent on older needs, which follow one signed engagement as before.
 */
export interface NeedRace {
  maxParallel: number;
}

export type NeedCreated = DomainEvent<
  'NeedCreated',
  Partial<NeedBrief> & {
    /** Present only on needs created with a race; `null` in NeedUpdated's changes removes it. */
    race?: NeedRace | null;
    needId: string;
    orgId: string;
    title: string;
    description: string;
    industry: string;
    scenarioType: string;
    technologies: string[];
    city: string;
    budgetWan: WanRange;
    deadline: string | null;
    campaignId: string | null;
    contact: Contact;
    at: string;
  }
>;
/** `changes` holds only the fields that changed, with their new values. */
export type NeedUpdated = DomainEvent<
  'NeedUpdated',
  {
    needId: string;
    changes: Partial<Omit<NeedCreated['data'], 'needId' | 'orgId' | 'at'>>;
    at: string;
  }
>;
export type NeedSubmitted = DomainEvent<
  'NeedSubmitted',
  { needId: string; campaignId: string | null; at: string }
>;
export type NeedApproved = DomainEvent<'NeedApproved', { needId: string; at: string }>;
export type NeedRejected = DomainEvent<'NeedRejected', { needId: string; reason: string; at: string }>;
/** Outside campaigns a need is published when approved (campaignId and listVersion null). */
export type NeedPublished = DomainEvent<
  'NeedPublished',
  { needId: string; campaignId: string | null; listVersion: number | null; at: string }
>;
export type NeedMarkedInProgress = DomainEvent<
  'NeedMarkedInProgress',
  { needId: string; engagementId: string; at: string }
>;
export type NeedFulfilled = DomainEvent<
  'NeedFulfilled',
  { needId: string; engagementId: string; at: string }
>;
/** A pilot agreement was signed under the need's race (one of at most `race.maxParallel`). */
export type NeedPilotSigned = DomainEvent<
  'NeedPilotSigned',
  { needId: string; engagementId: string; at: string }
>;
/** The demander selected one pilot: the need follows it into implementation, the other pilots end. */
export type NeedPilotSelected = DomainEvent<
  'NeedPilotSelected',
  { needId: string; engagementId: string; at: string }
>;
export type NeedWithdrawn = DomainEvent<'NeedWithdrawn', { needId: string; at: string }>;
export type NeedExpired = DomainEvent<'NeedExpired', { needId: string; deadline: string; at: string }>;

export type NeedEvent =
  | NeedCreated
  | NeedUpdated
  | NeedSubmitted
  | NeedApproved
  | NeedRejected
  | NeedPublished
  | NeedMarkedInProgress
  | NeedFulfilled
  | NeedPilotSigned
  | NeedPilotSelected
  | NeedWithdrawn
  | NeedExpired;
