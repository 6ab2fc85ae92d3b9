import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runImport } from '../../../src/cli/import-command.js';
import { zipBomb } from '../import/zip-bomb.js';

const MB = 1024 * 1024;

describe('yunsupei import, given a hostile file', () => {
  let dir: string;
  let stderr: string[];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'yunsupei-cli-import-'));
    vi.stubEnv('YUNSUPEI_DATA_DIR', join(dir, 'data'));
    vi.stubEnv('LOG_LEVEL', 'silent');
    stderr = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
  });
  afterAll(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a zip bomb (200 MB of zeros declared as 1,000 bytes) in Chinese, without inflating it', async () => {
    const path = join(dir, '清单.xlsx');
    writeFileSync(path, await zipBomb(200 * MB, 1_000));
    // Opening the runtime (store, search index, dictionary) has its own cost: measure the import alone.
    const warmUp = join(dir, 'warm-up.csv');
    writeFileSync(warmUp, '场景名称,需求单位,所属行业,所在地市,场景描述,预算(万元)\n');
    expect(await runImport([warmUp, '--kind', 'needs', '--dry-run'])).toBe(1);
    const before = process.resourceUsage().maxRSS * 1024;
    expect(await runImport([path, '--kind', 'needs', '--dry-run'])).toBe(1);
    expect(process.resourceUsage().maxRSS * 1024 - before).toBeLessThan(100 * MB);
    expect(stderr.join('')).toContain('yunsupei import: Excel 文件已损坏');
  });

  it('refuses a file over the size limit by its size, before reading it', async () => {
    const path = join(dir, '大清单.csv');
    writeFileSync(path, '');
    truncateSync(path, 1024 * MB);
    const before = process.resourceUsage().maxRSS * 1024;
    await expect(runImport([path, '--kind', 'needs'])).rejects.toMatchObject({ code: 'import.too_large' });
    expect(process.resourceUsage().maxRSS * 1024 - before).toBeLessThan(100 * MB);
  });
});
