import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBody } from '../api/fixtures.js';
import { registrationBody } from '../api/support.js';
import { ADMIN, type ChildServer, startChildServer } from './spawn-server.js';

const NEEDS = 80;
const KILL_AFTER_APPROVALS = 30;
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
    const first = await startChildServer(dir);
    running.push(first);
    const staff = await first.login(ADMIN.username, ADMIN.password);
    const demander = registrationBody('demander');
    const registered = await first.request('POST', '/api/v1/orgs', { body: demander });
    const { org } = (await registered.json()) as { org: { id: string } };
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

    // Staff approve every need at once; each approval notifies the demander. The kill lands mid-burst.
    const queue = [...needIds];
    let approvals = 0;
    let killed: Promise<unknown> | undefined;
    const writer = async () => {
      for (let id = queue.shift(); id && !killed; id = queue.shift()) {
        try {
          const res = await first.request('POST', `/api/v1/needs/${id}/approve`, { token: staff });
          if (res.status === 200) approvals += 1;
        } catch {
          return;
        }
        if (approvals >= KILL_AFTER_APPROVALS) killed ??= first.kill();
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    expect(await killed).toEqual({ code: null, signal: 'SIGKILL' });
    expect(queue.length).toBeGreaterThan(0);

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
    const deadline = Date.now() + 30_000;
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
  });
});
