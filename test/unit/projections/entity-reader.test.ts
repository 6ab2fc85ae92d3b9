import { afterEach, describe, expect, it } from 'vitest';
import { readEntity } from '../../../src/application/command-handler.js';
import { suspendOrganization } from '../../../src/application/organization-service.js';
import { needDecider } from '../../../src/domain/need/decider.js';
import { organizationDecider } from '../../../src/domain/organization/decider.js';
import { solutionDecider } from '../../../src/domain/solution/decider.js';
import type { EventStore, RecordedEvent } from '../../../src/eventstore/port.js';
import { EntityReader } from '../../../src/projections/entity-reader.js';
import { createMarketplace, staff } from '../application/marketplace.js';

/** The store with its head at `head.position`, as a projector applying a batch ending there finds it. */
function storeWithHead(events: RecordedEvent[], head: { position: bigint; reads: number }) {
  return {
    async readStream(stream: string) {
      head.reads += 1;
      return events.filter((e) => e.stream === stream && e.position <= head.position);
    },
  } as unknown as EventStore;
}

describe('entity reader', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
  });

  async function marketplaceEvents() {
    const market = createMarketplace();
    closers.push(() => market.close());
    const demander = await market.verifiedOrg('淄博鲁中精工汽车零部件有限公司', 'demander', 'zibo');
    const vendor = await market.verifiedOrg('济南智衡工业软件有限公司', 'vendor', 'jinan');
    const needs = [await market.approvedNeed(demander), await market.approvedNeed(demander)];
    const solution = await market.publishedSolution(vendor);
    await suspendOrganization(market.deps, staff, vendor.actor.orgId!, { reason: '资质过期，暂停展示' });
    const events = await market.store.readAll();
    return { market, events, orgIds: [demander.actor.orgId!, vendor.actor.orgId!], needs, solution };
  }

  it.each([1, 2, 3, 5, 8, 1000])(
    'gives the state at the end of each batch of %i events, as folding the store up to there does',
    async (size) => {
      const { events, orgIds, needs, solution } = await marketplaceEvents();
      const head = { position: -1n, reads: 0 };
      const reader = new EntityReader(storeWithHead(events, head));
      const expected = async (stream: string, decider: Parameters<typeof readEntity>[2]) => {
        const { state, revision } = await readEntity(storeWithHead(events, { ...head }), stream, decider);
        return revision === null ? null : { state, revision: Number(revision) };
      };
      for (let start = 0; start < events.length; start += size) {
        const batch = events.slice(start, start + size);
        head.position = batch.at(-1)!.position;
        reader.startBatch(batch);
        for (const id of orgIds) {
          expect(await reader.organization(id)).toEqual(await expected(`org-${id}`, organizationDecider));
        }
        for (const need of needs) {
          expect(await reader.need(need.id)).toEqual(await expected(`need-${need.id}`, needDecider));
        }
        expect(await reader.solution(solution.id)).toEqual(
          await expected(`solution-${solution.id}`, solutionDecider),
        );
      }
      // One batch holds every stream from its first event: nothing is read from the store.
      if (size === 1000) expect(head.reads).toBe(0);
    },
  );

  it('reads a stream from the store when the batch holds only its later events', async () => {
    const { market, events, needs } = await marketplaceEvents();
    const stream = `need-${needs[0]!.id}`;
    const later = events.filter((e) => e.stream === stream && e.revision > 0n);
    const reader = new EntityReader(market.store);
    reader.startBatch(later);
    const folded = await reader.need(needs[0]!.id);
    expect(folded?.revision).toBe(Number(later.at(-1)!.revision));
    expect(folded?.state.status).toBe('published');
  });
});
