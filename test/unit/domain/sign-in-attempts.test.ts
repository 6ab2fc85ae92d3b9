import { describe, expect, it } from 'vitest';
import { meetsPasswordRule, passwordSchema } from '../../../src/domain/user/commands.js';
import { userDecider } from '../../../src/domain/user/decider.js';
import type { UserEvent } from '../../../src/domain/user/events.js';
import {
  type SignInCommand,
  type SignInEvent,
  signInDecider,
} from '../../../src/domain/user/sign-in-attempts.js';
import { anonymousActor, context, demander, staff } from './listing-fixtures.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(signInDecider);
const USER = '0195a0c0-0000-7000-8000-0000000000c1';
const T0 = Date.parse('2025-03-01T02:00:00.000Z');
const minutes = (n: number) => new Date(T0 + n * 60_000);
const iso = (n: number) => minutes(n).toISOString();

const failed = (n: number): SignInEvent => ({ type: 'SignInFailed', data: { userId: USER, at: iso(n) } });
const locked = (n: number, until: number): SignInEvent => ({
  type: 'AccountLocked',
  data: { userId: USER, at: iso(n), until: iso(until) },
});
const fail = (n: number): SignInCommand => ({
  type: 'RecordFailedSignIn',
  data: { userId: USER },
  context: context(anonymousActor, minutes(n)),
});
const admit = (n: number): SignInCommand => ({
  type: 'AdmitSignIn',
  data: { userId: USER },
  context: context(anonymousActor, minutes(n)),
});
const fourFailures = [failed(0), failed(1), failed(2), failed(3)];

describe('RecordFailedSignIn', () => {
  it('records a wrong password without locking while fewer than 5 fall within 15 minutes', () =>
    spec([failed(0), failed(1), failed(2)])
      .when(fail(3))
      .then([failed(3)]));

  it('locks the account for 15 minutes at the 5th failure within 15 minutes', () =>
    spec(fourFailures)
      .when(fail(4))
      .then([failed(4), locked(4, 19)]));

  it('does not count failures older than 15 minutes', () =>
    spec(fourFailures)
      .when(fail(15))
      .then([failed(15)]));

  it('records failures during a lock without extending it', () =>
    spec([...fourFailures, failed(4), locked(4, 19)])
      .when(fail(10))
      .then([failed(10)]));

  it('starts counting afresh after a lock: failures during it do not count', () =>
    spec([...fourFailures, failed(4), locked(4, 19), failed(10), failed(11), failed(12), failed(13)])
      .when(fail(20))
      .then([failed(20)]));

  it('starts counting afresh after a successful sign-in', () =>
    spec([...fourFailures, { type: 'SignInSucceeded', data: { userId: USER, at: iso(3) } }])
      .when(fail(4))
      .then([failed(4)]));
});

describe('AdmitSignIn', () => {
  it('admits without recording anything when there were no failures', () => spec([]).when(admit(0)).then([]));

  it('admits and clears earlier failures', () =>
    spec(fourFailures)
      .when(admit(4))
      .then([{ type: 'SignInSucceeded', data: { userId: USER, at: iso(4) } }]));

  it('refuses the right password during the lock, saying when to retry (北京时间)', () => {
    spec([...fourFailures, failed(4), locked(4, 19)])
      .when(admit(10))
      .thenThrows('auth.locked', 401);
    const state = [...fourFailures, failed(4), locked(4, 19)].reduce(
      signInDecider.evolve,
      signInDecider.initialState(),
    );
    // 02:19Z is 10:19 in Beijing; 9 minutes are left at 02:10Z.
    expect(() => signInDecider.decide(admit(10), state)).toThrow(
      '密码连续输错次数过多，账号已临时锁定，请于9分钟后（北京时间10:19以后）再试',
    );
  });

  it('admits again once the 15 minutes are over', () =>
    spec([...fourFailures, failed(4), locked(4, 19)])
      .when(admit(19))
      .then([]));
});

describe('UnlockAccount', () => {
  const unlock = (n: number, actor = staff): SignInCommand => ({
    type: 'UnlockAccount',
    data: { userId: USER },
    context: context(actor, minutes(n)),
  });
  const unlocked = (n: number): SignInEvent => ({
    type: 'AccountUnlocked',
    data: { userId: USER, at: iso(n) },
  });
  const lockedAt4 = [...fourFailures, failed(4), locked(4, 19)];

  it('lifts a lock before its 15 minutes are up: the right password signs in again', () => {
    spec(lockedAt4)
      .when(unlock(6))
      .then([unlocked(6)]);
    spec([...lockedAt4, unlocked(6)])
      .when(admit(7))
      .then([]);
  });

  it('forgets the failures: it takes 5 new ones to lock again', () =>
    spec([...fourFailures, unlocked(3), failed(4)])
      .when(fail(5))
      .then([failed(5)]));

  it('changes nothing for an account neither locked nor with failures', () => {
    spec([]).when(unlock(0)).then([]);
    spec(lockedAt4).when(unlock(19)).then([]);
  });

  it('refuses anyone but staff', () =>
    spec(lockedAt4).when(unlock(6, demander)).thenThrows('user.staff_only', 403));
});

describe('password rule', () => {
  it.each([
    ['Secret123', true],
    ['secret-123', true],
    ['SECRET_pass', true],
    ['Aa1!Aa1!', true],
    ['secret123pass', false],
    ['SECRETPASS1', false],
    ['Ab1!', false],
    [`Aa1!${'x'.repeat(61)}`, false],
    ['密码密码Abcdefg', false],
  ])('%s meets the rule: %s', (password, meets) => expect(meetsPasswordRule(password)).toBe(meets));

  it('names the whole rule in Chinese', () => {
    const result = passwordSchema.safeParse('password1');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      '密码须为8到64位，且至少包含大写字母、小写字母、数字、符号中的三种',
    );
  });
});

describe('password history', () => {
  const changed = (n: number): UserEvent => ({
    type: 'UserPasswordChanged',
    data: { userId: USER, passwordHash: `hash-${n}`, at: iso(n) },
  });
  const registered: UserEvent = {
    type: 'UserRegistered',
    data: {
      userId: USER,
      username: 'jinan-auto',
      passwordHash: 'hash-0',
      role: 'staff',
      orgId: null,
      at: iso(0),
    },
  };
  const fold = (events: UserEvent[]) => events.reduce(userDecider.evolve, userDecider.initialState());

  it('keeps the hashes of the last 5 passwords, the current one last', () => {
    expect(fold([registered]).passwordHistory).toEqual(['hash-0']);
    const state = fold([registered, changed(1), changed(2), changed(3), changed(4), changed(5)]);
    expect(state.passwordHistory).toEqual(['hash-1', 'hash-2', 'hash-3', 'hash-4', 'hash-5']);
    expect(state.passwordHash).toBe('hash-5');
  });
});
