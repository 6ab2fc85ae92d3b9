import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { needBody } from '../api/fixtures.js';
import { registrationBody } from '../api/support.js';
import { projectionsCaughtUp } from './converge.js';
import { type CliRun, runCli } from './spawn-cli.js';
import { ADMIN, type ChildServer, startChildServer } from './spawn-server.js';

const EXTERNAL = { YUNSUPEI_PROJECTOR: 'external' };

/** How the process exits; one still running after 20 s, which did not refuse, is killed. */
function refusal(run: CliRun) {
  const timer = setTimeout(() => run.child.kill('SIGKILL'), 20_000);
  return run.exited.finally(() => clearTimeout(timer));
}

describe('one projector per data directory', () => {
  const dirs: string[] = [];
  const servers: ChildServer[] = [];
  const workers: CliRun[] = [];
  const newDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'yunsupei-projector-lock-'));
    dirs.push(dir);
    return dir;
  };
  const serve = async (dir: string, env: Record<string, string> = {}) => {
    const server = await startChildServer(dir, env);
    servers.push(server);
    return server;
  };
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.kill();
    for (const worker of workers.splice(0)) {
      worker.child.kill('SIGKILL');
      await worker.exited;
    }
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('refuses a second projecting process with one line naming the holder, and is free again once the holder is SIGKILLed', async () => {
    const dir = await newDir();
    const holder = await serve(dir);
    const pid = holder.child.pid!;

    const [second, worker] = await Promise.all([
      refusal(runCli(['serve'], dir)),
      refusal(runCli(['project'], dir)),
    ]);
    for (const refused of [second, worker]) {
      expect(refused.code).toBe(1);
      const lines = refused.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^yunsupei: .*pid ${pid}\\b.*YUNSUPEI_PROJECTOR=external`));
    }
    // The holder never noticed.
    expect((await holder.request('GET', '/readyz')).status).toBe(200);

    expect(await holder.kill()).toEqual({ code: null, signal: 'SIGKILL' });
    const next = await serve(dir);
    await projectionsCaughtUp(next.request);
    expect(await next.stop()).toEqual({ code: 0, signal: null });
  });

  it('serves from several API processes with YUNSUPEI_PROJECTOR=external and one `project` worker', async () => {
    const dir = await newDir();
    const worker = runCli(['project'], dir);
    workers.push(worker);
    await worker.logged('projector running');
    const first = await serve(dir, EXTERNAL);
    const second = await serve(dir, EXTERNAL);

    // Written through one API process, projected by the worker, found through the other.
    const staff = await first.login(ADMIN.username, ADMIN.password);
    const demander = registrationBody('demander');
    const registered = await first.request('POST', '/api/v1/orgs', { body: demander });
    const { org } = (await registered.json()) as { org: { id: string } };
    await first.request('POST', `/api/v1/orgs/${org.id}/verify`, { token: staff });
    const token = await first.login(demander.admin.username, demander.admin.password);
    const created = await first.request('POST', '/api/v1/needs', {
      token,
      body: { ...needBody, title: '多进程共享数据目录测试需求' },
    });
    const { id } = (await created.json()) as { id: string };
    await projectionsCaughtUp(second.request);
    const found = await second.request('GET', `/api/v1/needs?q=${encodeURIComponent('多进程共享数据目录')}`, {
      token: await second.login(ADMIN.username, ADMIN.password),
    });
    expect(((await found.json()) as { hits: { id: string }[] }).hits.map((h) => h.id)).toEqual([id]);

    for (const server of [first, second]) expect(await server.stop()).toEqual({ code: 0, signal: null });
    servers.splice(0);
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toMatchObject({ code: 0 });
    workers.splice(0);
    // Nothing about the projector was logged as failing while the processes shared the files.
    expect(first.logs.concat(second.logs).filter((log) => (log.level as number) >= 50)).toEqual([]);
  });
});
