import { describe, expect, it } from 'vitest';
import { batches } from '../../../src/projections/batches.js';

async function* ready(count: number) {
  for (let i = 0; i < count; i++) yield i;
}

describe('batches', () => {
  it('groups what is ready into batches of at most the maximum, in order', async () => {
    const seen: number[][] = [];
    for await (const batch of batches(ready(25), 10)) seen.push(batch);
    expect(seen.map((b) => b.length)).toEqual([10, 10, 5]);
    expect(seen.flat()).toEqual([...Array(25).keys()]);
  });

  it('lets the event loop run between the batches of a catch-up whose items are all ready', async () => {
    let batchesBeforeTimerRan: number | null = null;
    let applied = 0;
    setImmediate(() => {
      batchesBeforeTimerRan = applied;
    });
    for await (const _ of batches(ready(1000), 10)) applied += 1;
    expect(applied).toBe(100);
    expect(batchesBeforeTimerRan).not.toBeNull();
    expect(batchesBeforeTimerRan).toBeLessThanOrEqual(2);
  });
});
