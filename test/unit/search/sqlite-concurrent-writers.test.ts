import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDefinitions } from '../../../src/search/definitions.js';
import { openSqliteSearchIndex } from '../../../src/search/sqlite/sqlite-search-index.js';
import { writeUntil } from './search-writes.js';

const run = promisify(execFile);
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * `yunsupei rebuild` writes the search file while a server's projector writes it too. A write that read
 * the file before the other process committed, and then wrote, failed at once with "database is locked"
 * (SQLite cannot upgrade a stale read transaction, whatever the busy timeout): a rebuild of solution_matches
 * beside one of need_matches died on its second batch at 100k. Writes take the write lock first and wait.
 */
describe('two processes writing one search file', () => {
  it('lose no write to the other’s commits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yunsupei-writers-'));
    dirs.push(dir);
    const path = join(dir, 'search.db');
    const search = openSqliteSearchIndex({ path, busyTimeoutMs: 10_000 });
    await search.applySettings(loadDefinitions().get('needs')!);
    let childDone = false;
    const child = run(
      process.execPath,
      ['bin/run-ts.js', 'test/unit/search/search-writer.child.ts', path, '3000', 'other'],
      { encoding: 'utf8' },
    ).finally(() => {
      childDone = true;
    });
    // Written to until the child has ended, however long its start takes: all its writes meet ours.
    const own = await writeUntil(search, () => childDone, 'own');
    const other = JSON.parse((await child).stdout) as typeof own;
    await search.close();
    expect([own.failures, own.firstError]).toEqual([0, null]);
    expect([other.failures, other.firstError]).toEqual([0, null]);
    expect(Math.min(own.writes, other.writes)).toBeGreaterThan(20);
  }, 30_000);
});
