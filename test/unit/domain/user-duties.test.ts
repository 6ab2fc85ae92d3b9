import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { fold } from '../../../src/domain/shared/decider.js';
import type { Duty } from '../../../src/domain/shared/duties.js';
import type { UserCommand } from '../../../src/domain/user/commands.js';
import { newStaffSchema } from '../../../src/domain/user/commands.js';
import { userDecider } from '../../../src/domain/user/decider.js';
import type { UserEvent } from '../../../src/domain/user/events.js';
import { AT, context, DEMANDER_ORG, staff } from './listing-fixtures.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(userDecider);
const STAFF = '0195a0c0-0000-7000-8000-0000000000e1';
const HASH = 'scrypt$16384$8$1$c2FsdA==$aGFzaA==';
const staffData = { userId: STAFF, username: 'ops', passwordHash: HASH, role: 'staff' as const, orgId: null };

const staffRegistered = (extra: object = {}): UserEvent => ({
  type: 'UserRegistered',
  data: { ...staffData, ...extra, at: AT },
});
const registerStaff = (duties?: Duty[]): UserCommand => ({
  type: 'RegisterUser',
  data: { ...staffData, ...(duties ? { duties } : {}) },
  context: context(staff),
});
const changeDuties = (duties: Duty[], actor: Actor = staff): UserCommand => ({
  type: 'ChangeStaffDuties',
  data: { userId: STAFF, duties },
  context: context(actor),
});
const changed = (duties: Duty[]): UserEvent => ({
  type: 'StaffDutiesChanged',
  data: { userId: STAFF, duties, at: AT },
});

describe('RegisterUser with duties (三员分立)', () => {
  it('records the duties of a new staff account, each once and in a fixed order', () =>
    spec([])
      .when(registerStaff(['business', 'accounts', 'business']))
      .then([staffRegistered({ duties: ['accounts', 'business'] })]));

  it('refuses 系统管理员 and 审计管理员 on one account', () =>
    spec([])
      .when(registerStaff(['accounts', 'audit']))
      .thenThrows('user.duties_conflict', 422));

  it('refuses a staff account without any duty', () =>
    spec([]).when(registerStaff([])).thenThrows('user.duties_empty', 422));

  it('gives no duties to a member of an organization', () =>
    spec([])
      .when({
        type: 'RegisterUser',
        data: { ...staffData, role: 'demander', orgId: DEMANDER_ORG, duties: ['business'] },
        context: context(staff),
      })
      .thenThrows('user.duties_staff_only', 422));

  it('reads staff registered before duties existed as holding every duty but 审计管理员', () => {
    expect(fold(userDecider, [staffRegistered()]).duties).toEqual(['accounts', 'security', 'business']);
    expect(fold(userDecider, [staffRegistered({ duties: ['audit'] })]).duties).toEqual(['audit']);
  });

  it('makes a new staff account 业务人员 when the form names no duty', () =>
    expect(
      newStaffSchema.parse({ username: 'ops2', password: 'Staff1234pw', name: '王青', scope: 'jinan' })
        .duties,
    ).toEqual(['business']));
});

describe('ChangeStaffDuties', () => {
  it('replaces the duties of a staff member', () =>
    spec([staffRegistered({ duties: ['business'] })])
      .when(changeDuties(['audit']))
      .then([changed(['audit'])]));

  it('changes the duties of staff registered before duties existed', () =>
    spec([staffRegistered()])
      .when(changeDuties(['business']))
      .then([changed(['business'])]));

  it('folds the change into the account', () =>
    expect(fold(userDecider, [staffRegistered(), changed(['audit'])]).duties).toEqual(['audit']));

  it('changes nothing when the duties are the same', () =>
    spec([staffRegistered({ duties: ['accounts', 'business'] })])
      .when(changeDuties(['business', 'accounts']))
      .then([]));

  it('refuses 系统管理员 and 审计管理员 on one account', () =>
    spec([staffRegistered({ duties: ['audit'] })])
      .when(changeDuties(['audit', 'accounts']))
      .thenThrows('user.duties_conflict', 422));

  it('refuses to take every duty away', () =>
    spec([staffRegistered()]).when(changeDuties([])).thenThrows('user.duties_empty', 422));

  it("refuses a change of one's own duties", () =>
    spec([staffRegistered()])
      .when(changeDuties(['business'], { userId: STAFF, orgId: null, role: 'staff' }))
      .thenThrows('user.cannot_change_own_duties', 409));

  it('refuses anyone but staff', () =>
    spec([staffRegistered()])
      .when(changeDuties(['business'], { userId: 'someone', orgId: DEMANDER_ORG, role: 'demander' }))
      .thenThrows('user.staff_only', 403));

  it('refuses duties for a member of an organization', () =>
    spec([{ type: 'UserRegistered', data: { ...staffData, role: 'demander', orgId: DEMANDER_ORG, at: AT } }])
      .when(changeDuties(['business']))
      .thenThrows('user.duties_staff_only', 422));

  it('refuses an account that does not exist', () =>
    expect(() => userDecider.decide(changeDuties(['business']), userDecider.initialState())).toThrow());
});
