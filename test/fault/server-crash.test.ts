import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBody } from '../api/fixtures.js';
import { registrationBody } from '../api/support.js';
import { compareDataDir, integrityCheck, projectionsCaughtUp } from './converge.js';
import { ADMIN, type ChildServer, startChildServer } from './spawn-server.js';

/** Acknowledged writes after which the server is killed, with requests of every writer in flight. */
const KILL_AFTER_ACKS = 300;
const WRITERS = 12;
/** Writers that register organizations (slow: a password hash each); the rest create needs. */
const REGISTRARS = 2;

interface Acked {
  kind: 'org' | 'need';
  id: string;
  name: string;
}

describe('the server SIGKILLed in the middle of a write storm', () => {
  let dir: string;
  const running: ChildServer[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yunsupei-storm-'));
  });
  afterAll(async () => {
    for (const server of running) if (server.child.exitCode === null) await server.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps every 2xx write readable, the store intact and the projections equal to the store', async () => {
    const first = await startChildServer(dir);
    running.push(first);
    const staff = await first.login(ADMIN.username, ADMIN.password);
    const demander = registrationBody('demander');
    const registered = await first.request('POST', '/api/v1/orgs', { body: demander });
    expect(registered.status).toBe(201);
    const { org } = (await registered.json()) as { org: { id: string } };
    expect((await first.request('POST', `/api/v1/orgs/${org.id}/verify`, { token: staff })).status).toBe(200);
    const token = await first.login(demander.admin.username, demander.admin.password);

    const acked: Acked[] = [];
    const refused: string[] = [];
    let sequence = 0;
    let killed: Promise<unknown> | undefined;
    const writer = async (registrar: boolean) => {
      while (!killed) {
        const n = ++sequence;
        try {
          if (registrar) {
            const body = registrationBody(n % 2 ? 'vendor' : 'demander');
            const res = await first.request('POST', '/api/v1/orgs', { body });
            if (res.status !== 201) refused.push(`org ${res.status} ${await res.text()}`);
            else
              acked.push({
                kind: 'org',
                id: ((await res.json()) as { org: { id: string } }).org.id,
                name: body.name,
              });
          } else {
            const title = `写入风暴第${n}号需求`;
            const res = await first.request('POST', '/api/v1/needs', { token, body: { ...needBody, title } });
            if (res.status !== 201) refused.push(`need ${res.status} ${await res.text()}`);
            else acked.push({ kind: 'need', id: ((await res.json()) as { id: string }).id, name: title });
          }
        } catch {
          // The connection died with the server: this write was never acknowledged.
          return;
        }
        if (acked.length >= KILL_AFTER_ACKS) killed ??= first.kill();
      }
    };
    const safety = setTimeout(() => {
      killed ??= first.kill();
    }, 20_000);
    await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w < REGISTRARS)));
    clearTimeout(safety);
    expect(await killed).toEqual({ code: null, signal: 'SIGKILL' });
    expect(refused).toEqual([]);
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER_ACKS);
    expect(acked.some((a) => a.kind === 'org')).toBe(true);

    const second = await startChildServer(dir);
    running.push(second);
    const staffAgain = await second.login(ADMIN.username, ADMIN.password);
    const unreadable: string[] = [];
    for (let i = 0; i < acked.length; i += 25) {
      await Promise.all(
        acked.slice(i, i + 25).map(async ({ kind, id, name }) => {
          const res = await second.request('GET', `/api/v1/${kind}s/${id}`, { token: staffAgain });
          const body = res.status === 200 ? ((await res.json()) as { name?: string; title?: string }) : {};
          if ((kind === 'org' ? body.name : body.title) !== name)
            unreadable.push(`${kind} ${id}: ${res.status}`);
        }),
      );
    }
    expect(unreadable).toEqual([]);
    // The store takes writes again where the crash left it.
    const after = await second.request('POST', '/api/v1/needs', { token, body: needBody });
    expect(after.status).toBe(201);

    await projectionsCaughtUp(second.request);
    expect(await second.stop()).toEqual({ code: 0, signal: null });

    expect(integrityCheck(join(dir, 'events.db'))).toBe('ok');
    expect(integrityCheck(join(dir, 'search.db'))).toBe('ok');
    const { events, needIds, indexed, reference } = await compareDataDir(dir);
    // The store's own invariants: $all strictly ordered, ids unique, each stream's revisions 0, 1, 2…
    for (let i = 1; i < events.length; i++) expect(events[i]!.position > events[i - 1]!.position).toBe(true);
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const revisions = new Map<string, bigint[]>();
    for (const e of events) revisions.set(e.stream, [...(revisions.get(e.stream) ?? []), e.revision]);
    for (const [stream, seen] of revisions) expect(seen, stream).toEqual(seen.map((_, i) => BigInt(i)));
    const ackedNeeds = acked.filter((a) => a.kind === 'need').map((a) => a.id);
    expect(needIds).toEqual(expect.arrayContaining(ackedNeeds));
    expect(Object.keys(indexed.needs!).sort()).toEqual(needIds);
    expect(indexed).toEqual(reference);
  });
});
