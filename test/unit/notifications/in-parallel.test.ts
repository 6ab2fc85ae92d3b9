import { describe, expect, it } from 'vitest';
import { inParallel } from '../../../src/notifications/in-parallel.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('inParallel', () => {
  it('runs every item, never more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await inParallel([...Array(25).keys()], 4, async (item) => {
      running += 1;
      most = Math.max(most, running);
      await tick();
      running -= 1;
      done.push(item);
    });
    expect(most).toBe(4);
    expect(done.toSorted((a, b) => a - b)).toEqual([...Array(25).keys()]);
  });

  it('after a failure starts nothing more and throws once the work under way has finished', async () => {
    const started: number[] = [];
    let running = 0;
    const failed = inParallel([...Array(20).keys()], 3, async (item) => {
      started.push(item);
      running += 1;
      await tick();
      running -= 1;
      if (item === 4) throw new Error('inbox unavailable');
    });
    await expect(failed).rejects.toThrow('inbox unavailable');
    expect(running).toBe(0);
    expect(started.length).toBeLessThan(20);
  });
});
