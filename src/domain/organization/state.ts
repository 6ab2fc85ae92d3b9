import type { Contact } from '../shared/fields.js';
import type { PolicyVersions } from './policy-acceptance.js';

/** `cancelled`: closed with its last account (注销), for good. */
export type OrganizationStatus = 'initial' | 'pending' | 'verified' | 'suspended' | 'cancelled';
export type OrganizationKind = 'demander' | 'vendor';

export interface Organization {
  status: OrganizationStatus;
  id: string;
  kind: OrganizationKind;
  name: string;
  uscc: string;
  city: string;
  qualifications: string[];
  contact: Contact | null;
  description: string;
  suspensionReason: string | null;
  /** The policy versions accepted at registration; null for organizations registered before it was asked. */
  policiesAccepted: PolicyVersions | null;
  registeredAt: string | null;
  verifiedAt: string | null;
  updatedAt: string | null;
}

/**
 * Suspended or cancelled: its listings leave every match, recommendation and public list, and no one takes up
 * its needs, a suspension until it is reinstated, a cancellation for good.
 */
export const OUT_OF_MARKET_STATUSES = [
  'suspended',
  'cancelled',
] as const satisfies readonly OrganizationStatus[];

export const isOutOfMarket = (status: OrganizationStatus): boolean =>
  (OUT_OF_MARKET_STATUSES as readonly OrganizationStatus[]).includes(status);

/** What a need or solution decision needs to know about the organization behind it. */
export interface OrganizationFacts {
  id: string;
  status: OrganizationStatus;
  kind: OrganizationKind;
  contact: Contact | null;
}

export function organizationFacts(org: Organization): OrganizationFacts {
  return { id: org.id, status: org.status, kind: org.kind, contact: org.contact };
}
