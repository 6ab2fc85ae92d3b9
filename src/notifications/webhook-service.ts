import { handleCommand, readEntity } from '../application/command-handler.js';
import type { AppDeps, RequestContext } from '../application/deps.js';
import { eventMetadata } from '../application/deps.js';
import { organizationDecider } from '../domain/organization/decider.js';
import { organizationStream } from '../domain/organization/stream.js';
import type { Actor } from '../domain/shared/actor.js';
import { parseInput } from '../domain/shared/validation.js';
import {
  type Webhook,
  type WebhookCommand,
  webhookDecider,
  webhookInput,
  webhooksStream,
} from './webhook.js';
import { readDeliveries, type WebhookDelivery } from './webhook-deliveries.js';
import { webhookError } from './webhook-messages.js';

/** A hook as its owners see it: never its secret. */
export type WebhookView = Omit<Webhook, 'secret'>;
const toView = ({ secret: _secret, ...hook }: Webhook): WebhookView => hook;

function mayRead(actor: Actor, orgId: string): void {
  if (actor.role !== 'staff' && actor.orgId !== orgId) throw webhookError('webhook.not_owner');
}

async function existingOrg(deps: AppDeps, orgId: string): Promise<void> {
  const { revision } = await readEntity(deps.store, organizationStream(orgId), organizationDecider);
  if (revision === null) throw webhookError('webhook.org_not_found');
}

export const readWebhooks = async (deps: Pick<AppDeps, 'store'>, orgId: string) =>
  (await readEntity(deps.store, webhooksStream(orgId), webhookDecider)).state.hooks;

function run(deps: AppDeps, ctx: RequestContext, orgId: string, command: WebhookCommand) {
  return handleCommand(deps.store, webhooksStream(orgId), webhookDecider, command, {
    metadata: eventMetadata(ctx, command.context.now),
  });
}

/** POST /api/v1/orgs/{id}/webhooks: the organization's users or staff. */
export async function addWebhook(
  deps: AppDeps,
  ctx: RequestContext,
  orgId: string,
  input: unknown,
): Promise<WebhookView> {
  mayRead(ctx.actor, orgId);
  const parsed = parseInput(webhookInput, input);
  await existingOrg(deps, orgId);
  const hookId = deps.newId();
  const { state } = await run(deps, ctx, orgId, {
    type: 'AddWebhook',
    data: { orgId, hookId, ...parsed },
    context: { actor: ctx.actor, now: deps.clock() },
  });
  return toView(state.hooks.find((hook) => hook.id === hookId)!);
}

export async function listWebhooks(deps: AppDeps, actor: Actor, orgId: string): Promise<WebhookView[]> {
  mayRead(actor, orgId);
  await existingOrg(deps, orgId);
  return (await readWebhooks(deps, orgId)).map(toView);
}

export async function removeWebhook(deps: AppDeps, ctx: RequestContext, orgId: string, hookId: string) {
  mayRead(ctx.actor, orgId);
  await run(deps, ctx, orgId, {
    type: 'RemoveWebhook',
    data: { orgId, hookId },
    context: { actor: ctx.actor, now: deps.clock() },
  });
}

/** GET …/webhooks/{hookId}/deliveries: newest first, without the bodies' repetition of every attempt. */
export async function listDeliveries(
  deps: AppDeps,
  actor: Actor,
  orgId: string,
  hookId: string,
): Promise<WebhookDelivery[]> {
  mayRead(actor, orgId);
  if (!(await readWebhooks(deps, orgId)).some((hook) => hook.id === hookId)) {
    throw webhookError('webhook.not_found');
  }
  return (await readDeliveries(deps.store, hookId)).reverse();
}
