import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInbox } from '../../src/notifications/inbox-service.js';
import { WebhookDispatcher } from '../../src/notifications/webhook-dispatcher.js';
import { needBody } from './fixtures.js';
import { inboxOf, startReactor } from './notifications-support.js';
import {
  createTestApi,
  expectProblem,
  PASSWORD,
  registerOrg,
  type TestApi,
  type TestOrg,
} from './support.js';

const SECRET = 'robot-secret-0123456789';
const HOUR = 3600_000;

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  signatureValid: boolean;
}

/** A receiver on 127.0.0.1 that checks each signature and answers with the statuses it is given, then 200. */
async function startReceiver() {
  const received: Received[] = [];
  const statuses: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(req.headers['x-yunsupei-timestamp']);
      const expected = `sha256=${createHmac('sha256', SECRET).update(`${timestamp}.${body}`).digest('hex')}`;
      received.push({
        headers: req.headers,
        body,
        signatureValid: req.headers['x-yunsupei-signature'] === expected,
      });
      res.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    answer: (...codes: number[]) => statuses.push(...codes),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('webhooks: registration, signed deliveries with retries, the delivery log, switching off', () => {
  let api: TestApi;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let reactor: Awaited<ReturnType<typeof startReactor>>;
  let hooks: WebhookDispatcher;
  let staff: string;
  let demander: TestOrg;
  let other: TestOrg;

  const settled = async () => {
    await reactor.settled();
    if (!(await hooks.waitFor(await api.store.headPosition(), 10_000))) throw new Error('webhooks lag');
  };
  const addHook = (org: TestOrg, body: unknown, token = org.token) =>
    api.request('POST', `/api/v1/orgs/${org.orgId}/webhooks`, { token, body });
  const approvedNeed = async (title: string) => {
    const created = await api.request('POST', '/api/v1/needs', {
      token: demander.token,
      body: { ...needBody, title },
    });
    const { id } = (await created.json()) as { id: string };
    await api.request('POST', `/api/v1/needs/${id}/submit`, { token: demander.token });
    await api.request('POST', `/api/v1/needs/${id}/approve`, { token: staff });
    return id;
  };

  beforeAll(async () => {
    receiver = await startReceiver();
    api = await createTestApi();
    reactor = await startReactor(api);
    hooks = new WebhookDispatcher({
      store: api.store,
      clock: api.clock,
      logger: api.deps.logger,
      inbox: createInbox(api.store, api.clock),
      publicUrl: 'https://yunsupei.example.cn',
      retryBaseMs: 60_000,
      tickMs: 0,
      checkpointEveryMs: 0,
    });
    await hooks.start();
    staff = (await api.createStaff()).token;
    demander = await registerOrg(api, 'demander', staff);
    other = await registerOrg(api, 'vendor', staff);
  });
  afterAll(async () => {
    await hooks.stop();
    await reactor.reactor.stop();
    await api.close();
    await receiver.close();
  });

  it('refuses a URL that is not http(s), unknown types and someone else’s organization, in Chinese', async () => {
    const ftp = await addHook(demander, {
      url: 'ftp://robot.example.cn/x',
      secret: SECRET,
      types: ['listing.approved'],
    });
    expect((await expectProblem(ftp, 422)).errors).toEqual([
      { path: 'url', message: '请填写以 http:// 或 https:// 开头的完整地址' },
    ]);
    const script = await addHook(demander, {
      url: 'javascript:alert(1)',
      secret: SECRET,
      types: ['listing.approved'],
    });
    await expectProblem(script, 422);
    const noTypes = await addHook(demander, { url: receiver.url('/a'), secret: SECRET, types: [] });
    expect((await expectProblem(noTypes, 422)).errors?.[0]?.message).toBe('请至少选择一类通知');
    const shortSecret = await addHook(demander, {
      url: receiver.url('/a'),
      secret: 'short',
      types: ['listing.approved'],
    });
    expect((await expectProblem(shortSecret, 422)).errors?.[0]?.message).toBe(
      '签名密钥须为 16 到 200 个字符',
    );
    const foreign = await addHook(
      demander,
      { url: receiver.url('/a'), secret: SECRET, types: ['listing.approved'] },
      other.token,
    );
    expect((await expectProblem(foreign, 403)).detail).toBe(
      '只有该机构的用户或平台工作人员可以管理它的 Webhook',
    );
    const list = await api.request('GET', `/api/v1/orgs/${demander.orgId}/webhooks`, { token: other.token });
    await expectProblem(list, 403);
    const unknownOrg = await api.request('POST', '/api/v1/orgs/no-such-org/webhooks', {
      token: staff,
      body: { url: receiver.url('/a'), secret: SECRET, types: ['listing.approved'] },
    });
    await expectProblem(unknownOrg, 404);
  });

  it('signs each delivery and retries a 500 with the same Idempotency-Key, logging both attempts', async () => {
    const added = await addHook(demander, {
      url: receiver.url('/robot'),
      secret: SECRET,
      types: ['listing.approved'],
    });
    expect(added.status).toBe(201);
    const hook = (await added.json()) as { id: string; secret?: string; status: string };
    expect(hook.secret).toBeUndefined();
    expect(hook.status).toBe('active');

    receiver.answer(500);
    const needId = await approvedNeed('园区能耗监测平台');
    await settled();
    await hooks.attemptDue();
    expect(receiver.received).toHaveLength(1);
    // Not yet due again: backoff.
    await hooks.attemptDue();
    expect(receiver.received).toHaveLength(1);
    api.advance(61_000);
    await hooks.attemptDue();
    expect(receiver.received).toHaveLength(2);

    const [first, second] = receiver.received;
    expect(first!.signatureValid).toBe(true);
    expect(second!.signatureValid).toBe(true);
    expect(first!.headers['idempotency-key']).toBe(second!.headers['idempotency-key']);
    expect(first!.body).toBe(second!.body);
    const payload = JSON.parse(second!.body) as Record<string, unknown>;
    expect(payload).toMatchObject({
      id: first!.headers['idempotency-key'],
      type: 'listing.approved',
      organizationId: demander.orgId,
      title: '需求已通过审核',
      link: `https://yunsupei.example.cn/needs/${needId}`,
    });

    const log = await api.request('GET', `/api/v1/orgs/${demander.orgId}/webhooks/${hook.id}/deliveries`, {
      token: demander.token,
    });
    expect(log.status).toBe(200);
    const { items } = (await log.json()) as { items: Record<string, unknown>[] };
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      id: first!.headers['idempotency-key'],
      status: 'delivered',
      attempts: 2,
      lastStatus: 200,
      lastError: 'HTTP 500',
    });
    const staffLog = await api.request(
      'GET',
      `/api/v1/orgs/${demander.orgId}/webhooks/${hook.id}/deliveries`,
      {
        token: staff,
      },
    );
    expect(staffLog.status).toBe(200);
    const foreignLog = await api.request(
      'GET',
      `/api/v1/orgs/${demander.orgId}/webhooks/${hook.id}/deliveries`,
      {
        token: other.token,
      },
    );
    await expectProblem(foreignLog, 403);

    const removed = await api.request('DELETE', `/api/v1/orgs/${demander.orgId}/webhooks/${hook.id}`, {
      token: demander.token,
    });
    expect(removed.status).toBe(204);
  });

  it('switches off a hook that failed for a day and tells the organization', async () => {
    const added = await addHook(demander, {
      url: receiver.url('/down'),
      secret: SECRET,
      types: ['listing.approved'],
    });
    const hook = (await added.json()) as { id: string };
    const before = receiver.received.length;
    receiver.answer(...Array.from({ length: 30 }, () => 503));
    await approvedNeed('仓储机器人调度');
    await settled();
    await hooks.attemptDue();
    for (let hours = 0; hours < 25; hours += 1) {
      api.advance(HOUR);
      await hooks.attemptDue();
    }
    const attempts = receiver.received.length - before;
    expect(attempts).toBeGreaterThan(2);
    // A day later the bearer token has expired.
    const signIn = await api.request('POST', '/api/v1/auth/token', {
      body: { username: demander.username, password: PASSWORD },
    });
    const { token } = (await signIn.json()) as { token: string };
    const list = await api.request('GET', `/api/v1/orgs/${demander.orgId}/webhooks`, { token });
    const { items } = (await list.json()) as {
      items: { id: string; status: string; disabledReason: string }[];
    };
    expect(items.find((h) => h.id === hook.id)).toMatchObject({
      status: 'disabled',
      disabledReason: '连续一天推送失败',
    });
    const inbox = await inboxOf(api, token);
    expect(inbox.items[0]).toMatchObject({ type: 'webhook.disabled', title: 'Webhook 已被停用' });
    // Switched off: nothing more is sent.
    api.advance(2 * HOUR);
    await hooks.attemptDue();
    expect(receiver.received.length - before).toBe(attempts);
  });
});
