import { describe, expect, it } from 'vitest';
import type { OrganizationCommand } from '../../../src/domain/organization/commands.js';
import {
  organizationFieldsSchema,
  organizationProfileSchema,
  organizationRegistrationSchema,
  suspendOrganizationSchema,
} from '../../../src/domain/organization/commands.js';
import { organizationDecider } from '../../../src/domain/organization/decider.js';
import type { OrganizationEvent, OrganizationRegistered } from '../../../src/domain/organization/events.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { parseInput } from '../../../src/domain/shared/validation.js';
import {
  AT,
  anonymousActor,
  context,
  DEMANDER_ORG,
  demander,
  orgContact,
  otherDemander,
  refusedPaths,
  staff,
  VALID_USCC,
  vendor,
} from './listing-fixtures.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(organizationDecider);

const fields = {
  name: '济南市某汽车零部件有限公司',
  uscc: VALID_USCC,
  kind: 'demander' as const,
  city: 'jinan',
  contact: orgContact,
};

/** The policy versions in force in these tests, and the ones the registrant accepted unless told otherwise. */
const CURRENT = { privacyPolicy: '2.0', userAgreement: '1.1' };

const registered = (overrides: Partial<OrganizationRegistered['data']> = {}): OrganizationEvent => ({
  type: 'OrganizationRegistered',
  data: {
    orgId: DEMANDER_ORG,
    ...fields,
    qualifications: [],
    description: '',
    accepted: CURRENT,
    at: AT,
    ...overrides,
  },
});
const verified: OrganizationEvent = { type: 'OrganizationVerified', data: { orgId: DEMANDER_ORG, at: AT } };
const suspended: OrganizationEvent = {
  type: 'OrganizationSuspended',
  data: { orgId: DEMANDER_ORG, reason: '资质材料造假', at: AT },
};
const reinstated: OrganizationEvent = {
  type: 'OrganizationReinstated',
  data: { orgId: DEMANDER_ORG, at: AT },
};

/** As the service sends it: the form's input parsed with the domain's schema. */
const register = (
  input: object = fields,
  actor: Actor = anonymousActor,
  accepted = CURRENT,
): OrganizationCommand => ({
  type: 'RegisterOrganization',
  data: {
    orgId: DEMANDER_ORG,
    fields: parseInput(organizationFieldsSchema, input),
    accepted,
    currentPolicies: CURRENT,
  },
  context: context(actor),
});
const staffCommand = (
  type: 'VerifyOrganization' | 'ReinstateOrganization',
  actor: Actor = staff,
): OrganizationCommand => ({ type, data: { orgId: DEMANDER_ORG }, context: context(actor) });
const suspend = (reason: string, actor: Actor = staff): OrganizationCommand => ({
  type: 'SuspendOrganization',
  data: { orgId: DEMANDER_ORG, reason },
  context: context(actor),
});
const updateProfile = (profile: object, actor: Actor = demander): OrganizationCommand => ({
  type: 'UpdateOrganizationProfile',
  data: { orgId: DEMANDER_ORG, profile },
  context: context(actor),
});

describe('RegisterOrganization', () => {
  it('registers a pending organization from the public form', () =>
    spec([]).when(register()).then([registered()]));

  it('normalises the USCC to capitals and keeps qualifications and description', () =>
    spec([])
      .when(
        register({
          ...fields,
          uscc: VALID_USCC.toLowerCase(),
          qualifications: ['high-tech', 'specialized-sme'],
          description: '汽车零部件制造',
        }),
      )
      .then([
        registered({ qualifications: ['high-tech', 'specialized-sme'], description: '汽车零部件制造' }),
      ]));

  it('records the accepted versions of the privacy policy and the user agreement', () => {
    spec([])
      .when(register())
      .then([registered({ accepted: CURRENT })]);
    expect(fold(organizationDecider, [registered()]).policiesAccepted).toEqual(CURRENT);
  });

  it.each([
    ['an older privacy policy', { ...CURRENT, privacyPolicy: '1.0' }],
    ['an older user agreement', { ...CURRENT, userAgreement: '1.0' }],
  ])('refuses a registration that accepted %s', (_, accepted) =>
    spec([])
      .when(register(fields, anonymousActor, accepted))
      .thenThrows('organization.policies_outdated', 422),
  );

  it.each([
    ['no acceptance at all', undefined],
    ['an acceptance without the user agreement', { privacyPolicy: '2.0' }],
    ['an empty version', { privacyPolicy: '', userAgreement: '1.1' }],
  ])('the registration form refuses %s', (_, accepted) => {
    const input = { ...fields, admin: { username: 'li_zhuren', password: 'Secret123pass' }, accepted };
    expect(refusedPaths(organizationRegistrationSchema, input).some((p) => p.startsWith('accepted'))).toBe(
      true,
    );
  });

  it('reads a registration from before consent was asked as accepting nothing', () => {
    const { accepted: _none, ...old } = (registered() as OrganizationRegistered).data;
    const state = fold(organizationDecider, [{ type: 'OrganizationRegistered', data: old }]);
    expect(state).toMatchObject({ status: 'pending', policiesAccepted: null });
  });

  it('refuses to register twice', () =>
    spec([registered()]).when(register()).thenThrows('organization.already_registered', 409));

  it.each([
    ['a USCC with a wrong check character', { uscc: '91370100MA3C123458' }, 'uscc'],
    ['a USCC of 17 characters', { uscc: '91370100MA3C12345' }, 'uscc'],
    ['a USCC with letters the standard excludes', { uscc: '91370100MA3C1234I9' }, 'uscc'],
    ['a name of one character', { name: '某' }, 'name'],
    ['an unknown kind', { kind: 'government' }, 'kind'],
    ['an unknown city', { city: 'shanghai' }, 'city'],
    ['an unknown qualification', { qualifications: ['iso9001'] }, 'qualifications.0'],
    ['a contact without phone', { contact: { name: '李主任', email: 'li@example.cn' } }, 'contact.phone'],
    ['a description over 500 characters', { description: '长'.repeat(501) }, 'description'],
  ])('rejects %s', (_, change, path) => {
    expect(refusedPaths(organizationFieldsSchema, { ...fields, ...change })).toContain(path);
  });
});

describe('VerifyOrganization', () => {
  it('verifies a pending organization', () =>
    spec([registered()]).when(staffCommand('VerifyOrganization')).then([verified]));

  it('does nothing for a verified organization', () =>
    spec([registered(), verified]).when(staffCommand('VerifyOrganization')).then([]));

  it('refuses a suspended organization (reinstate it instead)', () =>
    spec([registered(), verified, suspended])
      .when(staffCommand('VerifyOrganization'))
      .thenThrows('organization.not_pending', 409));

  it.each([
    ['its own member', demander],
    ['a vendor', vendor],
  ])('refuses %s', (_, actor) =>
    spec([registered()])
      .when(staffCommand('VerifyOrganization', actor))
      .thenThrows('organization.staff_only', 403),
  );

  it('is a 404 for an organization that does not exist', () =>
    spec([]).when(staffCommand('VerifyOrganization')).thenThrows('organization.not_found', 404));
});

describe('SuspendOrganization', () => {
  it('suspends a verified organization with the reason', () =>
    spec([registered(), verified]).when(suspend('资质材料造假')).then([suspended]));

  it('does nothing for a suspended organization', () =>
    spec([registered(), verified, suspended]).when(suspend('资质材料造假')).then([]));

  it('refuses a pending organization', () =>
    spec([registered()]).when(suspend('资质材料造假')).thenThrows('organization.not_verified', 409));

  it('requires a reason', () =>
    expect(refusedPaths(suspendOrganizationSchema, { reason: '' })).toEqual(['reason']));

  it('refuses anyone but staff', () =>
    spec([registered(), verified])
      .when(suspend('资质材料造假', demander))
      .thenThrows('organization.staff_only', 403));
});

describe('ReinstateOrganization', () => {
  it('reinstates a suspended organization as verified', () =>
    spec([registered(), verified, suspended]).when(staffCommand('ReinstateOrganization')).then([reinstated]));

  it('does nothing for a verified organization', () =>
    spec([registered(), verified]).when(staffCommand('ReinstateOrganization')).then([]));

  it('refuses a pending organization', () =>
    spec([registered()])
      .when(staffCommand('ReinstateOrganization'))
      .thenThrows('organization.not_suspended', 409));

  it('refuses anyone but staff', () =>
    spec([registered(), verified, suspended])
      .when(staffCommand('ReinstateOrganization', demander))
      .thenThrows('organization.staff_only', 403));
});

describe('UpdateOrganizationProfile', () => {
  const updated = (changes: object): OrganizationEvent => ({
    type: 'OrganizationProfileUpdated',
    data: { orgId: DEMANDER_ORG, changes, at: AT },
  });

  it('lets a member update city, qualifications and contact, recording only what changed', () =>
    spec([registered(), verified])
      .when(updateProfile({ city: 'qingdao', qualifications: ['high-tech'], contact: orgContact }))
      .then([updated({ city: 'qingdao', qualifications: ['high-tech'] })]));

  it('lets staff correct a profile', () =>
    spec([registered(), verified, suspended])
      .when(updateProfile({ description: '已核实的机构简介' }, staff))
      .then([updated({ description: '已核实的机构简介' })]));

  it('changes nothing when nothing differs', () =>
    spec([registered()])
      .when(updateProfile({ city: 'jinan' }))
      .then([]));

  it.each([
    ['another organization', otherDemander],
    ['a user of another kind', { ...vendor, orgId: DEMANDER_ORG }],
  ])('refuses %s', (_, actor) =>
    spec([registered()])
      .when(updateProfile({ city: 'qingdao' }, actor))
      .thenThrows('organization.forbidden', 403),
  );

  it('refuses members of a suspended organization', () =>
    spec([registered(), verified, suspended])
      .when(updateProfile({ city: 'qingdao' }))
      .thenThrows('organization.suspended', 403));

  it('refuses fields the profile does not hold', () =>
    expect(refusedPaths(organizationProfileSchema, { uscc: VALID_USCC })).toEqual(['uscc']));
});
