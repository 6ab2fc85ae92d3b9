import { z } from 'zod';
import type { Command, Decider, DomainEvent } from '../domain/shared/decider.js';
import {
  type emailChoiceLabels,
  notificationTypes,
  settingsError,
  settingsText,
} from './settings-messages.js';
import type { NotificationType } from './types.js';

/**
 * How a user hears of notifications by mail: where to, and per kind of notification immediately, in the
 * daily digest, or not at all. One stream per user, `notification-settings-<userId>`.
 */
export const notificationSettingsStream = (userId: string) => `notification-settings-${userId}`;

export type EmailChoice = keyof typeof emailChoiceLabels;

/** What a user who never chose gets: news that asks for an answer at once, the rest once a day. */
const DAILY_BY_DEFAULT = new Set<NotificationType>([
  'need.matched',
  'subscription.hit',
  'campaign.opened',
  'match_round.recommended',
]);

export const defaultEmailChoice = (type: NotificationType): EmailChoice =>
  DAILY_BY_DEFAULT.has(type) ? 'daily' : 'immediately';

export const emailChoiceSchema = z.enum(['immediately', 'daily', 'never'], {
  error: settingsText.choiceInvalid,
});

/** PUT /api/v1/me/notification-settings and the settings page: every field may be left out. */
export const notificationSettingsInput = z.strictObject({
  email: z
    .string()
    .trim()
    .max(254, { error: settingsText.emailTooLong })
    .pipe(z.union([z.literal(''), z.email({ error: settingsText.emailInvalid })]))
    .nullable()
    .optional()
    .meta({ description: '接收通知的邮箱；空或 null 表示使用所在机构的联系邮箱' }),
  choices: z
    .partialRecord(z.enum(notificationTypes, { error: settingsText.typeUnknown }), emailChoiceSchema)
    .optional()
    .meta({ description: '每类通知的邮件方式：immediately 立即、daily 每日汇总、never 不发送' }),
});
export type NotificationSettingsInput = z.output<typeof notificationSettingsInput>;

export type ChangeNotificationSettings = Command<
  'ChangeNotificationSettings',
  {
    userId: string;
    email?: string | null | undefined;
    choices?: Partial<Record<NotificationType, EmailChoice>>;
  }
>;
/** From a signed unsubscribe link in a mail: the link, checked by the service, is the authority. */
export type StopEmails = Command<'StopEmails', { userId: string; types: NotificationType[] }>;
export type NotificationSettingsCommand = ChangeNotificationSettings | StopEmails;

export type NotificationSettingsChanged = DomainEvent<
  'NotificationSettingsChanged',
  {
    userId: string;
    email: string | null;
    choices: Partial<Record<NotificationType, EmailChoice>>;
    at: string;
  }
>;
export type EmailsStopped = DomainEvent<
  'EmailsStopped',
  { userId: string; types: NotificationType[]; at: string }
>;
export type NotificationSettingsEvent = NotificationSettingsChanged | EmailsStopped;

export interface NotificationSettings {
  userId: string;
  /** The user's own address; null: the organization's contact email. */
  email: string | null;
  /** Only what the user chose; the rest is `defaultEmailChoice`. */
  choices: Partial<Record<NotificationType, EmailChoice>>;
}

export const emailChoiceOf = (settings: NotificationSettings, type: NotificationType): EmailChoice =>
  settings.choices[type] ?? defaultEmailChoice(type);

function change({ data, context }: ChangeNotificationSettings, state: NotificationSettings) {
  if (context.actor.userId !== data.userId) throw settingsError('notification_settings.not_own');
  const email = data.email === undefined ? state.email : data.email || null;
  const choices = { ...state.choices, ...data.choices };
  const same =
    email === state.email &&
    notificationTypes.every(
      (type) => emailChoiceOf(state, type) === (choices[type] ?? defaultEmailChoice(type)),
    );
  if (same) return [];
  const event: NotificationSettingsChanged = {
    type: 'NotificationSettingsChanged',
    data: { userId: data.userId, email, choices, at: context.now.toISOString() },
  };
  return [event];
}

function stop({ data, context }: StopEmails, state: NotificationSettings) {
  const types = data.types.filter((type) => emailChoiceOf(state, type) !== 'never');
  if (types.length === 0) return [];
  const event: EmailsStopped = {
    type: 'EmailsStopped',
    data: { userId: data.userId, types, at: context.now.toISOString() },
  };
  return [event];
}

function evolve(state: NotificationSettings, event: NotificationSettingsEvent): NotificationSettings {
  switch (event.type) {
    case 'NotificationSettingsChanged':
      return { userId: event.data.userId, email: event.data.email, choices: event.data.choices };
    case 'EmailsStopped': {
      const stopped = Object.fromEntries(event.data.types.map((type) => [type, 'never' as const]));
      return { ...state, userId: event.data.userId, choices: { ...state.choices, ...stopped } };
    }
  }
}

export const notificationSettingsDecider: Decider<
  NotificationSettings,
  NotificationSettingsCommand,
  NotificationSettingsEvent
> = {
  initialState: () => ({ userId: '', email: null, choices: {} }),
  decide: (command, state) =>
    command.type === 'ChangeNotificationSettings' ? change(command, state) : stop(command, state),
  evolve,
};
