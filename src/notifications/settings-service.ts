import { handleCommand, readEntity } from '../application/command-handler.js';
import type { AppDeps, RequestContext } from '../application/deps.js';
import { eventMetadata } from '../application/deps.js';
import { organizationDecider } from '../domain/organization/decider.js';
import { organizationStream } from '../domain/organization/stream.js';
import type { Actor } from '../domain/shared/actor.js';
import { parseInput } from '../domain/shared/validation.js';
import { userDecider } from '../domain/user/decider.js';
import { userStream } from '../domain/user/stream.js';
import type { EventStore } from '../eventstore/port.js';
import type { UnsubscribeLinks } from './mail-unsubscribe.js';
import {
  type EmailChoice,
  emailChoiceOf,
  type NotificationSettings,
  type NotificationSettingsCommand,
  type NotificationSettingsInput,
  notificationSettingsDecider,
  notificationSettingsInput,
  notificationSettingsStream,
} from './settings.js';
import { notificationTypes, settingsError } from './settings-messages.js';
import type { NotificationType } from './types.js';

/** What the settings page and `GET /api/v1/me/notification-settings` show. */
export interface NotificationSettingsView {
  /** The user's own address, or null. */
  email: string | null;
  /** The organization's contact email, used when the user set none. */
  orgEmail: string | null;
  /** Where mail goes now; null: nowhere (staff without an address of their own). */
  sendsTo: string | null;
  /** Every kind of notification, with the user's choice or its default. */
  choices: Record<NotificationType, EmailChoice>;
  revision: number;
}

export async function readSettings(store: EventStore, userId: string) {
  const { state, revision } = await readEntity(
    store,
    notificationSettingsStream(userId),
    notificationSettingsDecider,
  );
  return { settings: { ...state, userId }, revision };
}

async function orgEmailOf(store: EventStore, userId: string): Promise<string | null> {
  const { state: user } = await readEntity(store, userStream(userId), userDecider);
  if (!user.orgId) return null;
  const { state: org } = await readEntity(store, organizationStream(user.orgId), organizationDecider);
  return org.contact?.email || null;
}

/** The address mail for this user goes to: their own, else their organization's contact email. */
export async function mailAddressOf(
  store: EventStore,
  settings: NotificationSettings,
): Promise<string | null> {
  return settings.email ?? (await orgEmailOf(store, settings.userId));
}

async function view(store: EventStore, userId: string): Promise<NotificationSettingsView> {
  const { settings, revision } = await readSettings(store, userId);
  const orgEmail = await orgEmailOf(store, userId);
  const choices = Object.fromEntries(
    notificationTypes.map((type) => [type, emailChoiceOf(settings, type)]),
  ) as Record<NotificationType, EmailChoice>;
  return {
    email: settings.email,
    orgEmail,
    sendsTo: settings.email ?? orgEmail,
    choices,
    revision: revision === null ? -1 : Number(revision),
  };
}

export const getNotificationSettings = (deps: AppDeps, actor: Actor) => view(deps.store, actor.userId ?? '');

function run(deps: AppDeps, ctx: RequestContext, userId: string, command: NotificationSettingsCommand) {
  return handleCommand(deps.store, notificationSettingsStream(userId), notificationSettingsDecider, command, {
    metadata: eventMetadata(ctx, command.context.now),
  });
}

/** PUT /api/v1/me/notification-settings and the settings page: the signed-in user's own settings. */
export async function changeNotificationSettings(
  deps: AppDeps,
  ctx: RequestContext,
  input: unknown,
): Promise<NotificationSettingsView> {
  const parsed: NotificationSettingsInput = parseInput(notificationSettingsInput, input);
  const userId = ctx.actor.userId ?? '';
  await run(deps, ctx, userId, {
    type: 'ChangeNotificationSettings',
    data: { userId, email: parsed.email, choices: parsed.choices },
    context: { actor: ctx.actor, now: deps.clock() },
  });
  return view(deps.store, userId);
}

/** The unsubscribe link of a mail: stops the kinds of mail it names, without signing in. */
export async function stopEmailsByLink(
  deps: AppDeps,
  ctx: RequestContext,
  links: UnsubscribeLinks,
  token: string,
): Promise<{ types: NotificationType[] }> {
  const link = links.verify(token);
  if (!link) throw settingsError('notification_settings.link_invalid');
  await run(deps, ctx, link.userId, {
    type: 'StopEmails',
    data: link,
    context: { actor: ctx.actor, now: deps.clock() },
  });
  return { types: link.types };
}

/** Reads a link without acting on it, for the page that asks to confirm. */
export function readUnsubscribeLink(links: UnsubscribeLinks, token: string) {
  const link = links.verify(token);
  if (!link) throw settingsError('notification_settings.link_invalid');
  return link;
}
