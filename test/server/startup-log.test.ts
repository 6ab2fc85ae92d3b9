import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/serve.js';

type Line = { level: number; msg: string; url?: string };
const WARN = 40;
const NO_STAFF = /no active staff account/;

/** Starts the server on a fresh data dir and keeps what it logs. */
async function start(admin: boolean, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'yunsupei-startup-'));
  const lines: Line[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)) as Line);
        done();
      },
    }),
  );
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    YUNSUPEI_DATA_DIR: dir,
    YUNSUPEI_SQLITE_SYNCHRONOUS: 'NORMAL',
    ...(admin ? { YUNSUPEI_ADMIN_USER: 'admin', YUNSUPEI_ADMIN_PASSWORD: 'Admin12345pw' } : {}),
    ...env,
  });
  const server = await startServer(config, logger);
  return { server, lines, dir };
}

describe('start-up log', () => {
  let running: { server: RunningServer; dir: string } | null = null;
  afterEach(async () => {
    await running?.server.stop();
    for (const dir of running ? [running.dir, `${running.dir}-keys`] : [])
      rmSync(dir, { recursive: true, force: true });
    running = null;
  });

  it('says the URL it listens on, and warns that nobody can verify organizations without staff', async () => {
    const { server, lines, dir } = await start(false);
    running = { server, dir };
    const url = `http://127.0.0.1:${server.port}`;
    expect(lines.find((l) => l.url === url)?.msg).toBe(`yunsupei listening on ${url}`);
    await expect.poll(() => lines.find((l) => NO_STAFF.test(l.msg))?.level, { timeout: 5000 }).toBe(WARN);
    expect(lines.find((l) => NO_STAFF.test(l.msg))?.msg).toContain('YUNSUPEI_ADMIN_USER');
  });

  it('does not warn when a staff account exists', async () => {
    const { server, lines, dir } = await start(true);
    running = { server, dir };
    // The check runs after listening: give it time to finish before looking for its absence.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(lines.some((l) => NO_STAFF.test(l.msg))).toBe(false);
    expect(lines.some((l) => l.msg === 'staff admin ready')).toBe(true);
  });

  it('prints and logs a warning when the staff second factor is off, and says nothing of it by default', async () => {
    const printed = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const quiet = await start(true);
      running = { server: quiet.server, dir: quiet.dir };
      expect(quiet.lines.some((l) => /YUNSUPEI_STAFF_MFA/.test(l.msg))).toBe(false);
      expect(printed).not.toHaveBeenCalled();
      await quiet.server.stop();
      rmSync(quiet.dir, { recursive: true, force: true });
      // The keys dir beside it (YUNSUPEI_KEY_DIR defaults to `<data dir>-keys`).
      rmSync(`${quiet.dir}-keys`, { recursive: true, force: true });
      running = null;

      const off = await start(true, { YUNSUPEI_STAFF_MFA: 'off' });
      running = { server: off.server, dir: off.dir };
      const warning = off.lines.find((l) => /YUNSUPEI_STAFF_MFA=off/.test(l.msg));
      expect(warning?.level).toBe(WARN);
      expect(printed).toHaveBeenCalledWith(expect.stringContaining('YUNSUPEI_STAFF_MFA=off'));
    } finally {
      printed.mockRestore();
    }
  });
});
