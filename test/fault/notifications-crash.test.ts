import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { readCheckpoint } from '../../src/notifications/checkpoint.js';
import { needBody } from '../api/fixtures.js';
import { registrationBody } from '../api/support.js';
import { ADMIN, type ChildServer, type Exit, startChildServer } from './spawn-server.js';

const NEEDS = 80;
/**
 * The server kills itself (SIGKILL) right after delivering this many notifications, before any checkpoint can
 * cover the event it delivered them for: the restart replays events whose notifications are already in the
 * inbox, every run (a kill from outside landed there one run in two). Small, so that it lands mid-burst.
 */
const CRASH_AFTER_DELIVERIES = 5;
const WRITERS = 6;

interface Inbox {
  items: { id: string; type: string; link: string }[];
  unread: number;
  total: number;
}

describe('the server SIGKILLed during a burst of events that notify', () => {
  let dir: string;
  const running: ChildServer[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yunsupei-inbox-'));
  });
  afterAll(async () => {
    for (const server of running) if (server.child.exitCode === null) await server.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it('loses no notification and duplicates none', async () => {
    const first = await startChildServer(dir, {
      YUNSUPEI_FAULT_CRASH: `notifier.delivered:${CRASH_AFTER_DELIVERIES}`,
    });
    running.push(first);
    const crashed = new Promise<Exit>((resolve) =>
      first.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const staff = await first.login(ADMIN.username, ADMIN.password);
    const demander = registrationBody('demander');
    const registered = await first.request('POST', '/api/v1/orgs', { body: demander });
    const { org, user } = (await registered.json()) as { org: { id: string }; user: { id: string } };
    expect((await first.request('POST', `/api/v1/orgs/${org.id}/verify`, { token: staff })).status).toBe(200);
    const token = await first.login(demander.admin.username, demander.admin.password);
    const needIds: string[] = [];
    for (let i = 0; i < NEEDS; i++) {
      const res = await first.request('POST', '/api/v1/needs', {
        token,
        body: { ...needBody, title: `通知风暴第${i}号需求` },
      });
      const { id } = (await res.json()) as { id: string };
      expect((await first.request('POST', `/api/v1/needs/${id}/submit`, { token })).status).toBe(200);
      needIds.push(id);
    }

    // Staff approve every need at once; each approval notifies the demander. The server crashes mid-burst,
    // between delivering notifications and saving the checkpoint that covers them.
    const queue = [...needIds];
    let approvals = 0;
    const writer = async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        try {
          const res = await first.request('POST', `/api/v1/needs/${id}/approve`, { token: staff });
          if (res.status === 200) approvals += 1;
        } catch {
          return;
        }
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    // Nobody signalled it: it died at its crash point.
    expect(await crashed).toEqual({ code: null, signal: 'SIGKILL' });

    // What the crash left: approvals not told yet (the burst was in flight), and the last notification
    // delivered for an event no checkpoint covers (the restart replays it).
    const left = openSqliteEventStore({ path: join(dir, 'events.db') });
    const toldAtCrash = (await left.readStream(`inbox-${user.id}`)).filter(
      (e) => e.data.type === 'listing.approved',
    );
    const lastTold = String(toldAtCrash.at(-1)?.data.link).replace('/needs/', '');
    const lastApproval = (await left.readStream(`need-${lastTold}`)).find((e) => e.type === 'NeedApproved')!;
    const checkpoint = await readCheckpoint(left);
    await left.close();
    expect(toldAtCrash.length).toBeGreaterThan(0);
    expect(toldAtCrash.length).toBeLessThan(approvals);
    expect(checkpoint?.position ?? -1n).toBeLessThan(lastApproval.position);
    console.log(
      `crashed after ${toldAtCrash.length} of ${approvals} approvals were told (${queue.length} left unsent)`,
    );

    const second = await startChildServer(dir);
    running.push(second);
    const staffAgain = await second.login(ADMIN.username, ADMIN.password);
    const tokenAgain = await second.login(demander.admin.username, demander.admin.password);
    const approved: string[] = [];
    for (const id of needIds) {
      const res = await second.request('GET', `/api/v1/needs/${id}`, { token: staffAgain });
      const { status } = (await res.json()) as { status: string };
      if (status !== 'submitted') approved.push(id);
    }
    expect(approved.length).toBeGreaterThanOrEqual(approvals);

    const inbox = async () =>
      (await (
        await second.request('GET', '/api/v1/me/notifications?pageSize=100', { token: tokenAgain })
      ).json()) as Inbox;
    const expected = approved.length + 1; // and org.verified
    const deadline = Date.now() + 60_000;
    let seen = await inbox();
    while (seen.total < expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      seen = await inbox();
    }
    // Settled: give a duplicate time to show up, then count exactly.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    seen = await inbox();
    expect(seen.total).toBe(expected);
    expect(seen.unread).toBe(expected);
    expect(new Set(seen.items.map((n) => n.id)).size).toBe(expected);
    const links = seen.items.filter((n) => n.type === 'listing.approved').map((n) => n.link);
    expect(links.sort()).toEqual(approved.map((id) => `/needs/${id}`).sort());
    expect(seen.items.filter((n) => n.type === 'org.verified')).toHaveLength(1);
    expect(await second.stop()).toEqual({ code: 0, signal: null });
  }, 120_000);
});
