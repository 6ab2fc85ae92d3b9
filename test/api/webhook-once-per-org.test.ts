import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/application/password.js';
import { registerUser } from '../../src/application/user-service.js';
import { inboxStream } from '../../src/notifications/inbox.js';
import { createInbox } from '../../src/notifications/inbox-service.js';
import { WebhookDispatcher } from '../../src/notifications/webhook-dispatcher.js';
import { systemContext } from '../../src/runtime.js';
import { needBody } from './fixtures.js';
import { startReactor } from './notifications-support.js';
import { createTestApi, PASSWORD, registerOrg, type TestApi, uniqueName } from './support.js';

/** A receiver on 127.0.0.1 that answers 200 and keeps the Idempotency-Key of each request. */
async function startReceiver() {
  const keys: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      keys.push(String(req.headers['idempotency-key']));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/robot`,
    keys,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('webhooks: one delivery per source event, organization and type', () => {
  let api: TestApi;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let reactor: Awaited<ReturnType<typeof startReactor>>;
  let hooks: WebhookDispatcher;

  beforeAll(async () => {
    receiver = await startReceiver();
    api = await createTestApi();
    reactor = await startReactor(api);
    hooks = new WebhookDispatcher({
      store: api.store,
      clock: api.clock,
      logger: api.deps.logger,
      inbox: createInbox(api.store, api.clock),
      tickMs: 0,
      checkpointEveryMs: 0,
    });
    await hooks.start();
  });
  afterAll(async () => {
    await hooks.stop();
    await reactor.reactor.stop();
    await api.close();
    await receiver.close();
  });

  it('posts once to the organization’s hook although two of its users are told', async () => {
    const staff = (await api.createStaff()).token;
    const demander = await registerOrg(api, 'demander', staff);
    // A second user of the same organization (no API adds one yet: written as registration writes it).
    const colleague = api.deps.newId();
    await registerUser(api.deps, systemContext('test'), {
      userId: colleague,
      username: uniqueName('colleague'),
      passwordHash: await hashPassword(PASSWORD),
      role: 'demander',
      orgId: demander.orgId,
    });
    const added = await api.request('POST', `/api/v1/orgs/${demander.orgId}/webhooks`, {
      token: demander.token,
      body: { url: receiver.url, secret: 'robot-secret-0123456789', types: ['listing.approved'] },
    });
    expect(added.status).toBe(201);
    const hook = (await added.json()) as { id: string };

    const created = await api.request('POST', '/api/v1/needs', { token: demander.token, body: needBody });
    const { id: needId } = (await created.json()) as { id: string };
    await api.request('POST', `/api/v1/needs/${needId}/submit`, { token: demander.token });
    await api.request('POST', `/api/v1/needs/${needId}/approve`, { token: staff });
    await reactor.settled();
    if (!(await hooks.waitFor(await api.store.headPosition(), 10_000))) throw new Error('webhooks lag');
    await hooks.attemptDue();

    const toldOf = (events: { type: string; data: Record<string, unknown> }[]) =>
      events.filter((e) => e.type === 'NotificationCreated' && e.data.type === 'listing.approved');
    for (const userId of [demander.userId, colleague]) {
      const told = toldOf(await api.store.readStream(inboxStream(userId)));
      expect(told.map((e) => e.data.link)).toEqual([`/needs/${needId}`]);
    }
    expect(receiver.keys).toHaveLength(1);
    const log = await api.request('GET', `/api/v1/orgs/${demander.orgId}/webhooks/${hook.id}/deliveries`, {
      token: demander.token,
    });
    const { items } = (await log.json()) as { items: { id: string; status: string }[] };
    expect(items).toEqual([expect.objectContaining({ id: receiver.keys[0], status: 'delivered' })]);
  });
});
