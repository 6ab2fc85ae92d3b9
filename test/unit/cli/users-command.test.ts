import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createStaffUser, findUserByUsername } from '../../../src/application/user-service.js';
import { runUsers } from '../../../src/cli/users-command.js';
import { loadConfig } from '../../../src/config.js';
import { openRuntime, systemContext } from '../../../src/runtime.js';

/** `yunsupei users disable|enable` in process, on an embedded store in a temp data dir. */
describe('yunsupei users', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yunsupei-cli-'));
  const env = { YUNSUPEI_DATA_DIR: dir, YUNSUPEI_SQLITE_SYNCHRONOUS: 'NORMAL', LOG_LEVEL: 'silent' };

  const withRuntime = async <T>(
    run: (deps: Awaited<ReturnType<typeof openRuntime>>['deps']) => Promise<T>,
  ) => {
    const runtime = await openRuntime(loadConfig({ ...process.env, ...env }), pino({ level: 'silent' }));
    try {
      return await run(runtime.deps);
    } finally {
      await runtime.close();
    }
  };

  beforeAll(async () => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    vi.spyOn(process.stdout, 'write').mockReturnValue(true);
    vi.spyOn(process.stderr, 'write').mockReturnValue(true);
    await withRuntime((deps) =>
      createStaffUser(deps, systemContext('test'), { username: 'ops-leaver', password: 'Staff1234pw' }),
    );
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  const statusOf = (username: string) =>
    withRuntime(async (deps) => (await findUserByUsername(deps, username))?.status);

  it('disables a user by username, with a reason, and enables them again', async () => {
    expect(await runUsers(['disable', 'ops-leaver', '--reason', '离职交接'])).toBe(0);
    expect(await statusOf('ops-leaver')).toBe('disabled');
    expect(await runUsers(['enable', 'OPS-leaver'])).toBe(0);
    expect(await statusOf('ops-leaver')).toBe('active');
  });

  it('answers an unknown username with exit code 1 and a Chinese line', async () => {
    expect(await runUsers(['disable', 'nobody-here'])).toBe(1);
    expect(process.stderr.write).toHaveBeenCalledWith(
      expect.stringContaining('没有用户名为 nobody-here 的用户'),
    );
  });

  it('refuses a command line it cannot use', async () => {
    await expect(runUsers(['disable'])).rejects.toThrow('须给出一个用户名');
    await expect(runUsers(['disable', 'a', 'b'])).rejects.toThrow('须给出一个用户名');
    await expect(runUsers(['remove', 'a'])).rejects.toThrow('没有这个子命令');
  });
});
