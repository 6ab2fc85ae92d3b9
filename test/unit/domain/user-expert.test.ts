import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { fold } from '../../../src/domain/shared/decider.js';
import type { RegisterUser } from '../../../src/domain/user/commands.js';
import { userDecider } from '../../../src/domain/user/decider.js';
import type { UserEvent } from '../../../src/domain/user/events.js';
import { AT, anonymousActor, context, DEMANDER_ORG, demander, staff } from './listing-fixtures.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(userDecider);
const USER = '0195a0c0-0000-7000-8000-0000000000e1';
const HASH = 'scrypt$16384$8$1$c2FsdA==$aGFzaA==';
const expertise = { technologies: ['machine-vision'], affiliation: DEMANDER_ORG };

const expert = {
  userId: USER,
  username: 'expert-zhao',
  passwordHash: HASH,
  role: 'expert' as const,
  orgId: null,
  name: '赵明',
  expertise,
  mustChangePassword: true,
};

const register = (data: Partial<RegisterUser['data']> = {}, actor: Actor = staff): RegisterUser => ({
  type: 'RegisterUser',
  data: { ...expert, ...data },
  context: context(actor),
});
const registered: UserEvent = { type: 'UserRegistered', data: { ...expert, at: AT } };

describe('RegisterUser: an evaluation expert (评审专家)', () => {
  it('is made by staff, with no organization of their own and what they review', () =>
    spec([]).when(register()).then([registered]));
  it('keeps the affiliation on the account', () => {
    const state = fold(userDecider, [registered]);
    expect([state.role, state.orgId, state.expertise]).toEqual(['expert', null, expertise]);
  });
  for (const [who, actor] of [
    ['the public', anonymousActor],
    ['a demander', demander],
  ] as const) {
    it(`is refused to ${who}`, () => spec([]).when(register({}, actor)).thenThrows('user.staff_only', 403));
  }
  it('belongs to no organization', () =>
    spec([])
      .when(register({ orgId: DEMANDER_ORG }))
      .thenThrows('user.invalid_membership', 422));
  it('is the only account with expertise, and always has it', () => {
    spec([])
      .when(register({ expertise: undefined }))
      .thenThrows('user.expertise_experts_only', 422);
    spec([])
      .when(register({ role: 'staff' }))
      .thenThrows('user.expertise_experts_only', 422);
  });
});
