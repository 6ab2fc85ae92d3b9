import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedMarketplace } from '../../bench/seeded-marketplace.js';
import { type ChildServer, startChildServer } from './spawn-server.js';

interface Readiness {
  checks: { name: string; projectionLag?: { positions: string } }[];
}

/**
 * A server whose inline projector replays a whole store (after a restore, or with a fresh search index) keeps
 * answering meanwhile: the projector yields to the event loop between batches.
 */
describe('a server whose projector is catching up', () => {
  let dir: string | undefined;
  let server: ChildServer | undefined;
  afterAll(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers requests while the projector replays the store', { timeout: 120_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), 'yunsupei-catch-up-'));
    const seeded = await seedMarketplace(dir, { needs: 2500, solutions: 2500, seed: 7 }, () => undefined);
    expect(seeded.events).toBeGreaterThan(20_000);
    server = await startChildServer(dir);

    let answeredBehind = 0;
    for (;;) {
      const res = await server.request('GET', '/readyz');
      const { checks } = (await res.json()) as Readiness;
      const lag = checks.find((c) => c.projectionLag)?.projectionLag;
      expect(lag).toBeDefined();
      if (BigInt(lag!.positions) === 0n) break;
      answeredBehind += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(answeredBehind).toBeGreaterThanOrEqual(3);
  });
});
