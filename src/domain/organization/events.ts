import type { DomainEvent } from '../shared/decider.js';
import type { Contact } from '../shared/fields.js';
import type { PolicyVersions } from './policy-acceptance.js';
import type { OrganizationKind } from './state.js';

export type OrganizationRegistered = DomainEvent<
  'OrganizationRegistered',
  {
    orgId: string;
    name: string;
    uscc: string;
    kind: OrganizationKind;
    city: string;
    contact: Contact;
    qualifications: string[];
    description: string;
    /** The 隐私政策 and 用户协议 versions accepted; absent on registrations from before consent was asked. */
    accepted?: PolicyVersions;
    at: string;
  }
>;
export type OrganizationVerified = DomainEvent<'OrganizationVerified', { orgId: string; at: string }>;
export type OrganizationSuspended = DomainEvent<
  'OrganizationSuspended',
  { orgId: string; reason: string; at: string }
>;
export type OrganizationReinstated = DomainEvent<'OrganizationReinstated', { orgId: string; at: string }>;
/** `changes` holds only the fields that changed, with their new values. */
export type OrganizationProfileUpdated = DomainEvent<
  'OrganizationProfileUpdated',
  {
    orgId: string;
    changes: { city?: string; qualifications?: string[]; contact?: Contact; description?: string };
    at: string;
  }
>;

/**
 * The organization closed with its last active account (注销): its needs and solutions leave every match
 * and recommendation as a suspended organization's do, for good; its personal-data key is destroyed right
 * after, so its contacts read 已注销 wherever its listings are still shown.
 */
export type OrganizationCancelled = DomainEvent<'OrganizationCancelled', { orgId: string; at: string }>;

export type OrganizationEvent =
  | OrganizationRegistered
  | OrganizationVerified
  | OrganizationSuspended
  | OrganizationReinstated
  | OrganizationProfileUpdated
  | OrganizationCancelled;
