import { Hono } from 'hono';
import { notificationTypeLabels, notificationTypes } from '../../notifications/settings-messages.js';
import type { WebhookDelivery } from '../../notifications/webhook-deliveries.js';
import {
  addWebhook,
  listDeliveries,
  listWebhooks,
  removeWebhook,
  type WebhookView,
} from '../../notifications/webhook-service.js';
import { runAction } from '../actions.js';
import { attempt } from '../attempt.js';
import {
  CheckboxGroup,
  CsrfField,
  ErrorSummary,
  emptyForm,
  type FormState,
  TextField,
} from '../components/form.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { requireUser } from '../errors.js';
import { formatDateTime } from '../format.js';
import { currentUser, page, redirectWith, requestContext, type WebContext } from '../render.js';

const text = {
  title: 'Webhook 推送',
  intro:
    '本机构的用户收到所选类型的通知时，平台向接收地址 POST 一条签名的 JSON（每个事件只推送一次），可接入办公软件的群机器人。签名与重试的说明见平台文档“Webhooks”。',
  empty: '还没有 Webhook。',
  addTitle: '添加 Webhook',
  added: '已添加 Webhook',
  removed: '已删除 Webhook',
  secretHint: '16 到 200 个字符，用于 HMAC-SHA256 签名；保存后不再显示',
  logTitle: (url: string) => `推送记录：${url}`,
  logEmpty: '还没有推送记录。',
  back: '返回 Webhook 列表',
};

const hookStatus = { active: '启用', disabled: '已停用' } as const;
const deliveryStatus: Record<WebhookDelivery['status'], { label: string; tone: string }> = {
  pending: { label: '等待重试', tone: 'tone-warning' },
  delivered: { label: '已送达', tone: 'tone-success' },
  abandoned: { label: '已放弃', tone: 'tone-danger' },
};
const typeLabel = (type: string) =>
  notificationTypeLabels[type as keyof typeof notificationTypeLabels] ?? type;
const typeOptions = notificationTypes.map((value) => ({ value, label: notificationTypeLabels[value] }));
const fieldLabels = { url: '接收地址', secret: '签名密钥', types: '推送哪些通知' };

function HookItem({ hook, csrfToken }: { hook: WebhookView; csrfToken: string }) {
  return (
    <li class="notification" data-testid="webhook">
      <div class="notification-head">
        <span class={`badge ${hook.status === 'active' ? 'tone-success' : 'tone-danger'}`}>
          {hookStatus[hook.status]}
        </span>
        <strong style="overflow-wrap:anywhere">{hook.url}</strong>
        <span class="muted nowrap">添加于 {formatDateTime(hook.createdAt)}</span>
      </div>
      <p class="muted small">推送：{hook.types.map(typeLabel).join('、')}</p>
      {hook.disabledReason ? <p class="muted small">停用原因：{hook.disabledReason}</p> : null}
      <div class="row">
        <a href={`/me/webhooks/${hook.id}`}>推送记录</a>
        <form method="post" action={`/me/webhooks/${hook.id}/delete`}>
          <CsrfField token={csrfToken} />
          <button type="submit" class="secondary" aria-label={`删除 Webhook：${hook.url}`}>
            删除
          </button>
        </form>
      </div>
    </li>
  );
}

async function listPage(c: WebContext, deps: WebDeps, form: FormState, status: 200 | 409 | 422 = 200) {
  const hooks = await listWebhooks(deps.app, c.get('actor'), currentUser(c).orgId!);
  const csrfToken = c.get('csrfToken');
  return page(
    c,
    text.title,
    <>
      <section class="card">
        <h1>{text.title}</h1>
        <p class="muted">{text.intro}</p>
        {hooks.length === 0 ? (
          <p class="muted">{text.empty}</p>
        ) : (
          <ul class="notifications">
            {hooks.map((hook) => (
              <HookItem hook={hook} csrfToken={csrfToken} />
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="add-webhook">
        <h2 id="add-webhook">{text.addTitle}</h2>
        <ErrorSummary errors={form.errors} fields={fieldLabels} />
        <form method="post" action="/me/webhooks" class="form" novalidate>
          <CsrfField token={csrfToken} />
          <TextField name="url" label={fieldLabels.url} form={form} required maxLength={2000} />
          <TextField
            name="secret"
            label={fieldLabels.secret}
            type="password"
            autocomplete="new-password"
            form={form}
            required
            maxLength={200}
            hint={text.secretHint}
          />
          <CheckboxGroup name="types" label={fieldLabels.types} form={form} options={typeOptions} required />
          <button type="submit">添加</button>
        </form>
      </section>
    </>,
    status,
  );
}

function DeliveryLog({ deliveries }: { deliveries: WebhookDelivery[] }) {
  if (deliveries.length === 0) return <p class="muted">{text.logEmpty}</p>;
  return (
    <div class="table-wrap">
      <table class="wide">
        <thead>
          <tr>
            <th scope="col">通知</th>
            <th scope="col">状态</th>
            <th scope="col">尝试次数</th>
            <th scope="col">最近结果</th>
            <th scope="col">最近尝试</th>
            <th scope="col">下次尝试</th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((delivery) => (
            <tr data-testid="delivery">
              <td>{typeLabel(delivery.type)}</td>
              <td>
                <span class={`badge ${deliveryStatus[delivery.status].tone}`}>
                  {deliveryStatus[delivery.status].label}
                </span>
              </td>
              <td>{delivery.attempts}</td>
              <td>
                {delivery.lastStatus === null ? '' : `HTTP ${delivery.lastStatus}`}
                {delivery.lastError ? <span class="muted small"> {delivery.lastError}</span> : null}
              </td>
              <td class="nowrap">{delivery.lastAttemptAt ? formatDateTime(delivery.lastAttemptAt) : ''}</td>
              <td class="nowrap">
                {delivery.status === 'pending' && delivery.nextAttemptAt
                  ? formatDateTime(delivery.nextAttemptAt)
                  : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * `/me/webhooks` (Webhook 推送): the signed-in user's organization's webhooks — list, add, delete — and
 * each one's delivery log, through the same service as `/api/v1/orgs/{id}/webhooks`.
 */
export function webhookPages(deps: WebDeps) {
  const { app } = deps;
  const web = new Hono<WebEnv>();
  const member = requireUser('demander', 'vendor');

  web.get('/me/webhooks', member, (c) => listPage(c, deps, emptyForm));

  web.post('/me/webhooks', member, async (c) => {
    const body = await c.req.parseBody({ all: true });
    const field = (name: string) => (typeof body[name] === 'string' ? String(body[name]) : '');
    const types = [body.types ?? []].flat().filter((type): type is string => typeof type === 'string');
    const input = { url: field('url'), secret: field('secret'), types };
    const result = await attempt(() => addWebhook(app, requestContext(c), currentUser(c).orgId!, input));
    if (result.ok) return redirectWith(c, '/me/webhooks', { tone: 'success', text: text.added });
    const status = result.status === 409 ? 409 : 422;
    return listPage(c, deps, { values: { url: input.url, types }, errors: result.errors }, status);
  });

  web.post('/me/webhooks/:hookId/delete', member, (c) =>
    runAction(c, () => removeWebhook(app, requestContext(c), currentUser(c).orgId!, c.req.param('hookId')), {
      to: '/me/webhooks',
      success: text.removed,
    }),
  );

  web.get('/me/webhooks/:hookId', member, async (c) => {
    const orgId = currentUser(c).orgId!;
    const hookId = c.req.param('hookId');
    const deliveries = await listDeliveries(app, c.get('actor'), orgId, hookId);
    const hook = (await listWebhooks(app, c.get('actor'), orgId)).find((h) => h.id === hookId)!;
    return page(
      c,
      text.logTitle(hook.url),
      <section class="card">
        <h1 style="overflow-wrap:anywhere">{text.logTitle(hook.url)}</h1>
        <p>
          <a href="/me/webhooks">{text.back}</a>
        </p>
        <DeliveryLog deliveries={deliveries} />
      </section>,
    );
  });

  return web;
}
