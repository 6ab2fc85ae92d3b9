import { z } from 'zod';
import type { Command } from '../shared/decider.js';
import { isPlainText, taxonomyCodes } from '../shared/fields.js';
import { subscriptionText } from './messages.js';
import { CHANNELS, SUBSCRIPTION_KINDS } from './state.js';

/** POST /api/v1/me/subscriptions: a search as the search pages ask it, and where to hear of its hits. */
export const subscribeInput = z.strictObject({
  kind: z.enum(SUBSCRIPTION_KINDS, { error: subscriptionText.kind }).meta({
    description: 'needs：新发布的场景需求；solutions：新发布的解决方案',
  }),
  q: z
    .string({ error: subscriptionText.q })
    .trim()
    .max(200, subscriptionText.q)
    .refine((q) => isPlainText(q, 'single'), subscriptionText.qLine)
    .default('')
    .meta({ description: '关键词，与搜索页相同的含义；不填则只按筛选条件' }),
  industries: taxonomyCodes('industry', { min: 0, max: 10 }).default([]),
  technologies: taxonomyCodes('technology', { min: 0, max: 10 }).default([]),
  cities: taxonomyCodes('city', { min: 0, max: 16 }).default([]),
  channels: z
    .array(z.enum(CHANNELS, { error: subscriptionText.channels }), { error: subscriptionText.channels })
    .min(1, subscriptionText.channelsEmpty)
    .refine((channels) => new Set(channels).size === channels.length, subscriptionText.channelsRepeated)
    .default(['inbox'])
    .meta({ description: '通知方式，默认只发站内通知' }),
});
export type SubscribeInput = z.input<typeof subscribeInput>;

export type Subscribe = Command<
  'Subscribe',
  { subscriptionId: string; userId: string; search: SubscribeInput }
>;
export type Unsubscribe = Command<'Unsubscribe', { subscriptionId: string; userId: string }>;

export type SubscriptionCommand = Subscribe | Unsubscribe;
