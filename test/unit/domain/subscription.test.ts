import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { ValidationError } from '../../../src/domain/shared/errors.js';
import type { SubscribeInput, SubscriptionCommand } from '../../../src/domain/subscription/commands.js';
import { subscriptionDecider } from '../../../src/domain/subscription/decider.js';
import type { SubscriptionEvent } from '../../../src/domain/subscription/events.js';
import { MAX_SUBSCRIPTIONS } from '../../../src/domain/subscription/messages.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(subscriptionDecider);

const USER = '01900000-0000-7000-8000-0000000000a1';
const FIRST = '01900000-0000-7000-8000-0000000000b1';
const SECOND = '01900000-0000-7000-8000-0000000000b2';
const vendor: Actor = { userId: USER, orgId: '01900000-0000-7000-8000-0000000000f1', role: 'vendor' };
const someoneElse: Actor = { userId: '01900000-0000-7000-8000-0000000000a2', orgId: null, role: 'staff' };
const now = new Date('2025-03-01T08:00:00.000Z');
const at = now.toISOString();

const subscribe = (
  search: SubscribeInput,
  subscriptionId = FIRST,
  actor: Actor = vendor,
): SubscriptionCommand => ({
  type: 'Subscribe',
  data: { subscriptionId, userId: USER, search },
  context: { actor, now },
});
const unsubscribe = (subscriptionId = FIRST, actor: Actor = vendor): SubscriptionCommand => ({
  type: 'Unsubscribe',
  data: { subscriptionId, userId: USER },
  context: { actor, now },
});
const created = (subscriptionId = FIRST, q = '机器视觉'): SubscriptionEvent => ({
  type: 'SubscriptionCreated',
  data: {
    subscriptionId,
    userId: USER,
    kind: 'needs',
    q,
    industries: [],
    technologies: [],
    cities: ['jinan'],
    channels: ['inbox'],
    at,
  },
});

describe('saved searches', () => {
  it('saves a search, with the inbox as the channel unless told otherwise', () => {
    spec([])
      .when(subscribe({ kind: 'needs', q: ' 机器视觉 ', cities: ['jinan'] }))
      .then([created()]);
  });

  it('keeps the channels chosen', () => {
    spec([])
      .when(subscribe({ kind: 'solutions', technologies: ['ai'], channels: ['email', 'webhook'] }))
      .then([
        {
          type: 'SubscriptionCreated',
          data: {
            subscriptionId: FIRST,
            userId: USER,
            kind: 'solutions',
            q: '',
            industries: [],
            technologies: ['ai'],
            cities: [],
            channels: ['email', 'webhook'],
            at,
          },
        },
      ]);
  });

  it('refuses an unknown kind, unknown codes, too long keywords and unknown channels, in Chinese', () => {
    const refused = (search: unknown) => {
      try {
        subscriptionDecider.decide(subscribe(search as SubscribeInput), subscriptionDecider.initialState());
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        return (error as ValidationError).errors;
      }
      throw new Error('accepted');
    };
    expect(refused({ kind: 'cases' })).toEqual([
      { path: 'kind', message: expect.stringMatching(/^订阅类型须为/) },
    ]);
    expect(refused({ kind: 'needs', industries: ['steel'] })[0]?.message).toMatch(
      /^未知的行业代码，可用的代码如 .*（.*），全部代码见 \/api\/v1\/taxonomy$/,
    );
    expect(refused({ kind: 'needs', cities: ['济南'] })[0]?.message).toBe(
      '请填写城市代码 jinan，而不是名称“济南”',
    );
    expect(refused({ kind: 'needs', q: '测'.repeat(201) })[0]?.message).toBe('关键词不能超过200个字');
    expect(refused({ kind: 'needs', channels: ['sms'] })[0]?.path).toBe('channels.0');
  });

  it('refuses the same search saved twice, whatever the order of its codes', () => {
    spec([created()])
      .when(subscribe({ kind: 'needs', q: '机器视觉', cities: ['jinan'] }, SECOND))
      .thenThrows('subscription.duplicate', 409);
  });

  it(`keeps at most ${MAX_SUBSCRIPTIONS} per user`, () => {
    const full = Array.from({ length: MAX_SUBSCRIPTIONS }, (_, i) =>
      created(`01900000-0000-7000-8000-0000000001${String(i).padStart(2, '0')}`, `关键词${i}`),
    );
    spec(full)
      .when(subscribe({ kind: 'needs', q: '新的' }, SECOND))
      .thenThrows('subscription.limit_reached', 409);
    spec(full.slice(1))
      .when(subscribe({ kind: 'needs', q: '新的' }, SECOND))
      .then([expect.objectContaining({ type: 'SubscriptionCreated' }) as SubscriptionEvent]);
  });

  it("is each user's own", () => {
    spec([])
      .when(subscribe({ kind: 'needs' }, FIRST, someoneElse))
      .thenThrows('subscription.not_owner', 403);
    spec([])
      .when(subscribe({ kind: 'needs' }, FIRST, { userId: null, orgId: null, role: 'anonymous' }))
      .thenThrows('subscription.sign_in_required', 401);
    spec([created()]).when(unsubscribe(FIRST, someoneElse)).thenThrows('subscription.not_owner', 403);
  });

  it('cancels a saved search; one unknown or already cancelled is not found', () => {
    spec([created()])
      .when(unsubscribe())
      .then([{ type: 'SubscriptionCancelled', data: { subscriptionId: FIRST, at } }]);
    spec([created(), { type: 'SubscriptionCancelled', data: { subscriptionId: FIRST, at } }])
      .when(unsubscribe())
      .thenThrows('subscription.not_found', 404);
    spec([created()]).when(unsubscribe(SECOND)).thenThrows('subscription.not_found', 404);
  });

  it('lets a cancelled search be saved again', () => {
    spec([created(), { type: 'SubscriptionCancelled', data: { subscriptionId: FIRST, at } }])
      .when(subscribe({ kind: 'needs', q: '机器视觉', cities: ['jinan'] }, SECOND))
      .then([created(SECOND)]);
  });
});
