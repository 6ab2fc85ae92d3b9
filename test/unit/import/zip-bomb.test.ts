import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/shared/errors.js';
import { readWorkbook } from '../../../src/sheet/read-sheet.js';
import { zipBomb } from './zip-bomb.js';

const MB = 1024 * 1024;

/** Growth of the process's peak resident memory while `work` runs (kept first in the file: a fresh fork). */
async function peakGrowth(work: () => Promise<unknown>): Promise<number> {
  const before = process.resourceUsage().maxRSS * 1024;
  await work();
  return process.resourceUsage().maxRSS * 1024 - before;
}

async function refusal(bytes: Buffer): Promise<DomainError> {
  const error = await readWorkbook(bytes, '清单.xlsx').then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('an .xlsx that inflates far beyond what it declares (zip bomb)', () => {
  it('is refused while inflating, long before the limit, without the memory it would take', async () => {
    const bomb = await zipBomb(200 * MB, 1_000);
    let error: DomainError | undefined;
    const growth = await peakGrowth(async () => {
      error = await refusal(bomb);
    });
    expect(error).toMatchObject({ code: 'import.xlsx_unreadable', status: 422 });
    expect(error?.message).toMatch(/[\u4e00-\u9fff]/);
    expect(growth).toBeLessThan(100 * MB);
  });

  it('is refused before inflating anything when what it declares is over the limit', async () => {
    const bomb = await zipBomb(1 * MB, 200 * MB);
    const started = Date.now();
    const error = await refusal(bomb);
    expect(error.code).toBe('import.xlsx_too_large');
    expect(error.message).toContain('160.0 MB');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('is refused when it inflates to less than it declares, too (the directory lies either way)', async () => {
    const error = await refusal(await zipBomb(1_000, 1 * MB));
    expect(error.code).toBe('import.xlsx_unreadable');
  });
});
