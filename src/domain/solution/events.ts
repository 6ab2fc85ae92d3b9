import type { DomainEvent } from '../shared/decider.js';
import type { WanRange } from '../shared/money.js';
import type { Deployment } from './state.js';

export type SolutionCreated = DomainEvent<
  'SolutionCreated',
  {
    solutionId: string;
    vendorId: string;
    title: string;
    description: string;
    industries: string[];
    scenarioTypes: string[];
    technologies: string[];
    regionsServed: string[];
    priceWan: WanRange;
    deployment: Deployment;
    campaignId: string | null;
    at: string;
  }
>;
/** `changes` holds only the fields that changed, with their new values. */
export type SolutionUpdated = DomainEvent<
  'SolutionUpdated',
  {
    solutionId: string;
    changes: Partial<Omit<SolutionCreated['data'], 'solutionId' | 'vendorId' | 'at'>>;
    at: string;
  }
>;
export type SolutionSubmitted = DomainEvent<
  'SolutionSubmitted',
  { solutionId: string; campaignId: string | null; at: string }
>;
export type SolutionApproved = DomainEvent<'SolutionApproved', { solutionId: string; at: string }>;
/** Always follows SolutionApproved: an approved solution is public at once, campaign or not. */
export type SolutionPublished = DomainEvent<'SolutionPublished', { solutionId: string; at: string }>;
export type SolutionRejected = DomainEvent<
  'SolutionRejected',
  { solutionId: string; reason: string; at: string }
>;
export type SolutionRetired = DomainEvent<
  'SolutionRetired',
  { solutionId: string; by: 'vendor' | 'staff'; at: string }
>;

export type SolutionEvent =
  | SolutionCreated
  | SolutionUpdated
  | SolutionSubmitted
  | SolutionApproved
  | SolutionPublished
  | SolutionRejected
  | SolutionRetired;
