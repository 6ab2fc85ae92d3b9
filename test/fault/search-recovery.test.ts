import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuild } from '../../src/cli/rebuild.js';
import { loadConfig } from '../../src/config.js';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { Projector } from '../../src/projections/projector.js';
import { openSearchIndex } from '../../src/search/open.js';
import { needBody } from '../api/fixtures.js';
import { registrationBody } from '../api/support.js';
import { compareDataDir, integrityCheck, projectionsCaughtUp } from './converge.js';
import { ADMIN, type ChildServer, startChildServer } from './spawn-server.js';

const TITLE = '冷链仓储温控监测';

/**
 * What happens to search.db while the server is down, and whether a damaged file is left to set aside. The
 * first server is SIGKILLed, so the first case also leaves a write-ahead log that must not be replayed into
 * the new file; the later case follows a clean stop.
 */
const damages: [name: string, damage: (path: string) => Promise<void>, setAside: boolean][] = [
  [
    'deleted after a crash, its write-ahead log left behind',
    async (path) => {
      expect(existsSync(`${path}-wal`)).toBe(true);
      await rm(path);
    },
    false,
  ],
  ['overwritten with random bytes', (path) => writeFile(path, randomBytes(64 * 1024)), true],
  [
    'damaged by 16 KB of random bytes in its middle, its header intact',
    async (path) => {
      const file = await readFile(path);
      // After the clean stop of the case before, the whole index is in the file, not in a write-ahead log.
      expect(file.length).toBeGreaterThan(256 * 1024);
      const middle = Math.floor(file.length / 2);
      file.set(randomBytes(16 * 1024), middle - 8 * 1024);
      await writeFile(path, file);
    },
    true,
  ],
];

describe('the search index lost or corrupted while the server is down', () => {
  let dir: string;
  let server: ChildServer | undefined;
  const needIds: string[] = [];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'yunsupei-search-loss-'));
    server = await startChildServer(dir);
    const staff = await server.login(ADMIN.username, ADMIN.password);
    const demander = registrationBody('demander');
    const registered = await server.request('POST', '/api/v1/orgs', { body: demander });
    const { org } = (await registered.json()) as { org: { id: string } };
    await server.request('POST', `/api/v1/orgs/${org.id}/verify`, { token: staff });
    const token = await server.login(demander.admin.username, demander.admin.password);
    for (const n of [1, 2, 3]) {
      const res = await server.request('POST', '/api/v1/needs', {
        token,
        body: { ...needBody, title: `${TITLE}${n}期` },
      });
      needIds.push(((await res.json()) as { id: string }).id);
    }
    await projectionsCaughtUp(server.request);
    expect(await server.kill()).toEqual({ code: null, signal: 'SIGKILL' });
    server = undefined;
  });
  afterAll(async () => {
    await server?.kill();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(damages)('rebuilds it on start when it was %s', async (_, damage, setAside) => {
    const searchPath = join(dir, 'search.db');
    await damage(searchPath);
    const asideBefore = (await readdir(dir)).filter((f) => f.startsWith('search.db.corrupt-'));

    server = await startChildServer(dir);
    const staff = await server.login(ADMIN.username, ADMIN.password);
    await projectionsCaughtUp(server.request);
    const res = await server.request('GET', `/api/v1/needs?q=${encodeURIComponent(TITLE)}`, { token: staff });
    expect(res.status).toBe(200);
    const { hits } = (await res.json()) as { hits: { id: string }[] };
    expect(hits.map((h) => h.id).sort()).toEqual([...needIds].sort());

    // A damaged file is kept for inspection, and the operator is told where.
    const aside = (await readdir(dir))
      .filter((f) => f.startsWith('search.db.corrupt-') && !asideBefore.includes(f))
      .map((f) => join(dir, f));
    expect(aside).toHaveLength(setAside ? 1 : 0);
    const warnings = server.logs.filter((log) => log.level === 40 && log.movedTo);
    expect(warnings.map((w) => w.movedTo)).toEqual(aside);
    expect(await server.stop()).toEqual({ code: 0, signal: null });
    server = undefined;

    expect(integrityCheck(searchPath)).toBe('ok');
    const { indexed, reference } = await compareDataDir(dir);
    expect(indexed).toEqual(reference);
  });

  it('sets aside a file damaged past its header, which SQLite only finds reading the schema', async () => {
    // In process, through the same opening as the server's start: another child server would add seconds.
    const searchPath = join(dir, 'search.db');
    const file = await readFile(searchPath);
    await writeFile(searchPath, Buffer.concat([file.subarray(0, 100), randomBytes(file.length - 100)]));
    const asideBefore = await readdir(dir);
    const logs: Record<string, unknown>[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => logs.push(JSON.parse(line)) });
    const search = await openSearchIndex(loadConfig({ YUNSUPEI_DATA_DIR: dir }), logger);
    const store = openSqliteEventStore({ path: join(dir, 'events.db') });
    const projector = new Projector({ store, search, logger });
    await projector.start();
    const caughtUp = await projector.waitFor(await store.headPosition(), 20_000);
    await projector.stop();
    await search.close();
    await store.close();
    expect(caughtUp).toBe(true);
    const aside = (await readdir(dir))
      .filter((f) => f.startsWith('search.db.corrupt-') && !asideBefore.includes(f))
      .map((f) => join(dir, f));
    expect(aside).toHaveLength(1);
    expect(logs.map((l) => l.movedTo).filter(Boolean)).toEqual(aside);
    expect(integrityCheck(searchPath)).toBe('ok');
    const { indexed, reference } = await compareDataDir(dir);
    expect(indexed.needs).not.toEqual({});
    expect(indexed).toEqual(reference);
  });

  it('sets aside a file damaged in its middle when `rebuild` opens it, and rebuilds every index', async () => {
    const searchPath = join(dir, 'search.db');
    const file = await readFile(searchPath);
    file.set(randomBytes(16 * 1024), Math.floor(file.length / 2) - 8 * 1024);
    await writeFile(searchPath, file);
    const asideBefore = await readdir(dir);
    const logs: Record<string, unknown>[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => logs.push(JSON.parse(line)) });
    const progress = { write: () => true };
    expect(await rebuild(loadConfig({ YUNSUPEI_DATA_DIR: dir }), logger, [], progress)).toBe(0);
    const aside = (await readdir(dir))
      .filter((f) => f.startsWith('search.db.corrupt-') && !asideBefore.includes(f))
      .map((f) => join(dir, f));
    expect(aside).toHaveLength(1);
    expect(logs.map((l) => l.movedTo).filter(Boolean)).toEqual(aside);
    expect(integrityCheck(searchPath)).toBe('ok');
    const { indexed, reference } = await compareDataDir(dir);
    expect(indexed.needs).not.toEqual({});
    expect(indexed).toEqual(reference);
  });
});
