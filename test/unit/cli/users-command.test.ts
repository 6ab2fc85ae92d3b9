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

  it('adds a staff account with the duties named, and refuses 系统管理员 with 审计管理员', async () => {
    const add = (username: string, duties: string) =>
      runUsers([
        'add-staff',
        username,
        '--password-stdin',
        '--scope',
        'jinan',
        '--name',
        '王青',
        '--duties',
        duties,
      ]);
    const stdin = (text: string) =>
      vi.spyOn(process.stdin, Symbol.asyncIterator).mockImplementation(async function* () {
        yield Buffer.from(text);
      });
    stdin('Staff1234pw\n');
    expect(await add('ops-auditor', 'audit')).toBe(0);
    expect(
      await withRuntime(async (deps) => (await findUserByUsername(deps, 'ops-auditor'))?.duties),
    ).toEqual(['audit']);
    expect(process.stdout.write).toHaveBeenCalledWith(expect.stringContaining('职责：审计管理员'));
    stdin('Staff1234pw\n');
    expect(await add('ops-both', 'accounts,audit')).toBe(1);
    expect(process.stderr.write).toHaveBeenCalledWith(
      expect.stringContaining('系统管理员与审计管理员须由不同的人担任'),
    );
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
