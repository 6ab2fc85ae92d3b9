import { describe, expect, it } from 'vitest';
import { organizationDecider } from '../../../src/domain/organization/decider.js';
import type { OrganizationEvent } from '../../../src/domain/organization/events.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { userDecider } from '../../../src/domain/user/decider.js';
import type { UserEvent } from '../../../src/domain/user/events.js';
import { isRevoked } from '../../../src/domain/user/sessions.js';
import { AT, context, DEMANDER_ORG, orgContact, staff, VALID_USCC } from './listing-fixtures.js';
import { deciderSpec } from './spec.js';

const users = deciderSpec(userDecider);
const orgs = deciderSpec(organizationDecider);
const USER = '0195a0c0-0000-7000-8000-0000000000f1';
const self: Actor = { userId: USER, orgId: DEMANDER_ORG, role: 'demander' };
const HASH = 'scrypt$16384$8$1$Zmlyc3Q=$Zmlyc3RoYXNo';

const registered = (role: 'demander' | 'staff' = 'demander'): UserEvent => ({
  type: 'UserRegistered',
  data: {
    userId: USER,
    username: 'zhang',
    passwordHash: HASH,
    role,
    orgId: role === 'staff' ? null : DEMANDER_ORG,
    at: '2025-01-01T08:00:00.000Z',
  },
});
const cancelled: UserEvent = { type: 'UserCancelled', data: { userId: USER, at: AT } };
const cancelUser = (actor: Actor = self) => ({
  type: 'CancelUser' as const,
  data: { userId: USER },
  context: context(actor),
});

describe('CancelUser', () => {
  it('cancels the own account', () => users([registered()]).when(cancelUser()).then([cancelled]));

  it('changes nothing the second time, so that an interrupted cancellation can be run again', () =>
    users([registered(), cancelled]).when(cancelUser()).then([]));

  it('is the user’s own', () =>
    users([registered()]).when(cancelUser(staff)).thenThrows('user.not_self', 403));

  it('refuses staff: the accounts admin removes them', () => {
    const me: Actor = { userId: USER, orgId: null, role: 'staff' };
    users([registered('staff')])
      .when(cancelUser(me))
      .thenThrows('user.cancel_staff_only_by_admin', 403);
  });

  it('cannot be undone by enabling the account, nor turned into a disabled one', () => {
    users([registered(), cancelled])
      .when({ type: 'EnableUser', data: { userId: USER }, context: context(staff) })
      .thenThrows('user.cancelled', 409);
    users([registered(), cancelled])
      .when({ type: 'DisableUser', data: { userId: USER }, context: context(staff) })
      .then([]);
  });
});

describe('UserCancelled', () => {
  it('revokes every token issued before it', () => {
    const user = fold(userDecider, [registered(), cancelled]);
    expect(user.status).toBe('cancelled');
    expect(isRevoked(user, { sessionId: 's', issuedAt: new Date(Date.parse(AT) - 1) })).toBe(true);
  });
});

const orgRegistered: OrganizationEvent = {
  type: 'OrganizationRegistered',
  data: {
    orgId: DEMANDER_ORG,
    name: '济南某制造有限公司',
    uscc: VALID_USCC,
    kind: 'demander',
    city: 'jinan',
    contact: orgContact,
    qualifications: [],
    description: '',
    at: '2025-01-01T08:00:00.000Z',
  },
};
const orgCancelled: OrganizationEvent = {
  type: 'OrganizationCancelled',
  data: { orgId: DEMANDER_ORG, at: AT },
};
const cancelOrg = (membersLeft: number, actor: Actor = self) => ({
  type: 'CancelOrganization' as const,
  data: { orgId: DEMANDER_ORG, membersLeft },
  context: context(actor),
});

describe('CancelOrganization', () => {
  it('cancels the organization with its last active account', () =>
    orgs([orgRegistered]).when(cancelOrg(0)).then([orgCancelled]));

  it('refuses while other accounts remain', () =>
    orgs([orgRegistered]).when(cancelOrg(1)).thenThrows('organization.members_left', 409));

  it('is for its own members only', () =>
    orgs([orgRegistered]).when(cancelOrg(0, staff)).thenThrows('organization.forbidden', 403));

  it('changes nothing the second time', () =>
    orgs([orgRegistered, orgCancelled]).when(cancelOrg(0)).then([]));

  it('ends every other command for good', () =>
    orgs([orgRegistered, orgCancelled])
      .when({ type: 'VerifyOrganization', data: { orgId: DEMANDER_ORG }, context: context(staff) })
      .thenThrows('organization.cancelled', 409));
});
