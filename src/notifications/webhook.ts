import { z } from 'zod';
import type { Command, Decider, DomainEvent } from '../domain/shared/decider.js';
import { notificationTypes } from './settings-messages.js';
import type { NotificationType } from './types.js';
import { webhookError, webhookText } from './webhook-messages.js';

/** An organization's webhooks: one stream per organization, `webhooks-<orgId>`. */
export const webhooksStream = (orgId: string) => `webhooks-${orgId}`;

const MAX_HOOKS = 10;

/** POST /api/v1/orgs/{id}/webhooks. */
export const webhookInput = z.strictObject({
  url: z
    .string({ error: webhookText.urlInvalid })
    .trim()
    .max(2000, { error: webhookText.urlTooLong })
    .refine((url) => URL.canParse(url) && /^https?:$/.test(new URL(url).protocol), {
      error: webhookText.urlInvalid,
    })
    .meta({ description: '接收地址，只支持 http(s)', example: 'https://robot.example.cn/hook/abc' }),
  secret: z
    .string({ error: webhookText.secretLength })
    .min(16, { error: webhookText.secretLength })
    .max(200, { error: webhookText.secretLength })
    .meta({ description: '签名密钥：每次推送以 HMAC-SHA256 签名，见 docs/webhooks.md' }),
  types: z
    .array(z.enum(notificationTypes, { error: webhookText.typeUnknown }), { error: webhookText.typesEmpty })
    .min(1, { error: webhookText.typesEmpty })
    .meta({ description: '推送哪些类型的通知' }),
});
export type WebhookInput = z.output<typeof webhookInput>;

export type AddWebhook = Command<'AddWebhook', { orgId: string; hookId: string } & WebhookInput>;
export type RemoveWebhook = Command<'RemoveWebhook', { orgId: string; hookId: string }>;
/** The dispatcher's, when a hook failed for a day. */
export type DisableWebhook = Command<'DisableWebhook', { orgId: string; hookId: string; reason: string }>;
export type WebhookCommand = AddWebhook | RemoveWebhook | DisableWebhook;

export type WebhookAdded = DomainEvent<
  'WebhookAdded',
  { orgId: string; hookId: string; url: string; secret: string; types: NotificationType[]; at: string }
>;
export type WebhookRemoved = DomainEvent<'WebhookRemoved', { orgId: string; hookId: string; at: string }>;
export type WebhookDisabled = DomainEvent<
  'WebhookDisabled',
  { orgId: string; hookId: string; reason: string; at: string }
>;
export type WebhookEvent = WebhookAdded | WebhookRemoved | WebhookDisabled;

export interface Webhook {
  id: string;
  url: string;
  secret: string;
  types: NotificationType[];
  status: 'active' | 'disabled';
  createdAt: string;
  disabledAt: string | null;
  disabledReason: string | null;
}

export interface OrgWebhooks {
  orgId: string;
  hooks: Webhook[];
}

function mayManage(command: AddWebhook | RemoveWebhook): void {
  const { actor } = command.context;
  if (actor.role !== 'staff' && actor.orgId !== command.data.orgId) throw webhookError('webhook.not_owner');
}

function decide(command: WebhookCommand, state: OrgWebhooks): WebhookEvent[] {
  const at = command.context.now.toISOString();
  const { orgId, hookId } = command.data;
  switch (command.type) {
    case 'AddWebhook': {
      mayManage(command);
      if (state.hooks.length >= MAX_HOOKS) throw webhookError('webhook.too_many');
      const { url, secret, types } = command.data;
      return [{ type: 'WebhookAdded', data: { orgId, hookId, url, secret, types: [...new Set(types)], at } }];
    }
    case 'RemoveWebhook':
      mayManage(command);
      if (!state.hooks.some((hook) => hook.id === hookId)) throw webhookError('webhook.not_found');
      return [{ type: 'WebhookRemoved', data: { orgId, hookId, at } }];
    case 'DisableWebhook': {
      const hook = state.hooks.find((h) => h.id === hookId);
      if (!hook || hook.status === 'disabled') return [];
      return [{ type: 'WebhookDisabled', data: { orgId, hookId, reason: command.data.reason, at } }];
    }
  }
}

function evolve(state: OrgWebhooks, event: WebhookEvent): OrgWebhooks {
  switch (event.type) {
    case 'WebhookAdded': {
      const { orgId, hookId, url, secret, types, at } = event.data;
      const hook: Webhook = {
        id: hookId,
        url,
        secret,
        types,
        status: 'active',
        createdAt: at,
        disabledAt: null,
        disabledReason: null,
      };
      return { orgId, hooks: [...state.hooks, hook] };
    }
    case 'WebhookRemoved':
      return { ...state, hooks: state.hooks.filter((hook) => hook.id !== event.data.hookId) };
    case 'WebhookDisabled': {
      const { hookId, reason, at } = event.data;
      const hooks = state.hooks.map((hook) =>
        hook.id === hookId
          ? { ...hook, status: 'disabled' as const, disabledAt: at, disabledReason: reason }
          : hook,
      );
      return { ...state, hooks };
    }
  }
}

export const webhookDecider: Decider<OrgWebhooks, WebhookCommand, WebhookEvent> = {
  initialState: () => ({ orgId: '', hooks: [] }),
  decide,
  evolve,
};
