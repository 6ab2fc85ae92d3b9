import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { fsAttachmentStore } from '../../src/attachments/fs-store.js';
import { loadConfig } from '../../src/config.js';
import { openRuntime } from '../../src/runtime.js';

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

/** Whatever the umask, the data and the keys are readable by the account that runs the product only. */
describe('a fresh start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yunsupei-modes-'));
  const dataDir = join(dir, 'data');
  const keyDir = join(dir, 'keys');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the data dir 700, the key dir 700 and every file in them 600', async () => {
    const umask = process.umask(0o022);
    try {
      const config = loadConfig({
        YUNSUPEI_DATA_DIR: dataDir,
        YUNSUPEI_KEY_DIR: keyDir,
        YUNSUPEI_SQLITE_SYNCHRONOUS: 'NORMAL',
        YUNSUPEI_STAFF_MFA: 'off',
      });
      const runtime = await openRuntime(config, pino({ level: 'silent' }), { project: true });
      try {
        await runtime.store.append('need-1', [{ type: 'NeedDrafted', data: { title: '智慧园区' } }]);
        await fsAttachmentStore(join(dataDir, 'attachments')).put('ab/cdef', Buffer.from('附件'));
        const files = readdirSync(dataDir, { recursive: true, encoding: 'utf8' });
        expect(files).toEqual(
          expect.arrayContaining([
            'events.db',
            'events.db-wal',
            'events.db-shm',
            'search.db',
            'search.db-wal',
          ]),
        );
        const modes = Object.fromEntries(files.map((file) => [file, modeOf(join(dataDir, file))]));
        const expected = Object.fromEntries(
          files.map((file) => [file, statSync(join(dataDir, file)).isDirectory() ? '700' : '600']),
        );
        expect(modes).toEqual(expected);
        expect(modeOf(dataDir)).toBe('700');
        expect(modeOf(keyDir)).toBe('700');
        expect(modeOf(join(keyDir, 'audit.key'))).toBe('600');
      } finally {
        await runtime.close();
      }
    } finally {
      process.umask(umask);
    }
  });
});
