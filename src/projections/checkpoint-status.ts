import type { EventStore } from '../eventstore/port.js';
import type { SearchIndex } from '../search/port.js';
import { allProjections } from './all-projections.js';
import { LagMeter, type ProjectionLag, type ProjectionStatus } from './status.js';

const POLL_MS = 50;

/**
 * Projection status for an API process whose projector runs elsewhere (`yunsupei project`): the position
 * is the lowest checkpoint stored with the indexes.
 */
export class CheckpointStatus implements ProjectionStatus {
  private readonly lagMeter: LagMeter;

  constructor(
    store: EventStore,
    private readonly search: SearchIndex,
    private readonly indexes: string[] = allProjections.map((p) => p.index),
  ) {
    this.lagMeter = new LagMeter(store);
  }

  async position(): Promise<bigint> {
    let min: bigint | null = null;
    for (const index of this.indexes) {
      const checkpoint = (await this.search.getCheckpoint(index)) ?? -1n;
      if (min === null || checkpoint < min) min = checkpoint;
    }
    return min ?? -1n;
  }

  async waitFor(target: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if ((await this.position()) >= target) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  async lag(): Promise<ProjectionLag> {
    return this.lagMeter.measure(await this.position());
  }
}
