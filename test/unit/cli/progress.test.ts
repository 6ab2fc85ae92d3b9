import { describe, expect, it } from 'vitest';
import { createProgress } from '../../../src/cli/progress.js';

function output(isTTY: boolean) {
  const written: string[] = [];
  return { written, stream: { isTTY, columns: 100, write: (text: string) => written.push(text) } };
}

describe('progress', () => {
  it('writes a plain line each tenth of the way when the output is not a terminal', () => {
    const { written, stream } = output(false);
    let now = 0;
    const task = createProgress(stream, () => now).task('导入', 1000);
    for (let done = 1; done <= 1000; done++) {
      now += 5;
      task.update(done);
    }
    task.finish('读取 1000 行');
    expect(written).toHaveLength(13);
    expect(written[0]).toBe('导入: 1/1000 (0%)\n');
    expect(written[5]).toBe('导入: 500/1000 (50%)\n');
    expect(written[10]).toBe('导入: 1000/1000 (100%)\n');
    expect(written[11]).toBe('导入: 完成 1000/1000，用时 5.0 秒\n');
    expect(written[12]).toBe('读取 1000 行\n');
  });

  it('also writes a line when a slow tenth takes longer than a few seconds', () => {
    const { written, stream } = output(false);
    let now = 0;
    const task = createProgress(stream, () => now).task('载入', 1000);
    task.update(1);
    now += 6_000;
    task.update(2);
    expect(written).toEqual(['载入: 1/1000 (0%)\n', '载入: 2/1000 (0%)\n']);
  });

  it('redraws one bar in place on a terminal, at most ten times a second', () => {
    const { written, stream } = output(true);
    let now = 0;
    const task = createProgress(stream, () => now).task('导入', 100);
    for (let done = 1; done <= 100; done++) {
      now += 20;
      task.update(done);
    }
    task.finish();
    expect(written.length).toBeLessThan(30);
    const clearLine = '\r\x1b[2K';
    expect(written.every((w, i) => i === written.length - 1 || w.startsWith(clearLine))).toBe(true);
    expect(written.at(-2)).toBe(`${clearLine}导入 ${'█'.repeat(40)} 100% 100/100 50/秒 剩余 00:00`);
    expect(written.at(-1)).toBe('\n');
  });
});
