import type { SearchIndex } from '../../../src/search/port.js';

/**
 * Writes small batches of needs (ids `<prefix>-<n>`, each batch replacing some of the last) until `done`
 * says so, with a checkpoint, as a projector does; counts the writes and the failures, with the first
 * error's message.
 */
export async function writeUntil(search: SearchIndex, done: () => boolean, prefix: string) {
  let writes = 0;
  let failures = 0;
  let firstError: string | null = null;
  for (let n = 0; !done(); n++) {
    const upserts = [0, 1, 2].map((i) => ({
      id: `${prefix}-${(n * 2 + i) % 500}`,
      revision: n,
      title: `冷链仓储温度监测 ${n}`,
      description: '冷库温湿度在线监测与告警，数据留存可追溯。',
      status: 'published',
      city: 'jinan',
    }));
    try {
      await search.applyBatch('needs', { upserts }, BigInt(n));
      writes += 1;
    } catch (error) {
      failures += 1;
      firstError ??= error instanceof Error ? error.message : String(error);
    }
    if (n % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return { writes, failures, firstError };
}
