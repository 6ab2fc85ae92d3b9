import type { EventStore } from '../eventstore/port.js';

export interface ProjectionLag {
  /** Newest position in the store minus the position every index has passed. */
  positions: bigint;
  /** How long the projections have been behind the store; 0 when caught up. */
  seconds: number;
}

/**
 * How far the projections feeding the search index have read `$all`: read-your-writes waits, lag for
 * /metrics and /readyz. Async because with an external projector worker the API process learns it from
 * the checkpoints stored with the indexes.
 */
export interface ProjectionStatus {
  /** The `$all` position every projection has processed; -1n before the first event. */
  position(): Promise<bigint>;
  /** Resolves true once `position() >= target`, false when `timeoutMs` passes first. */
  waitFor(target: bigint, timeoutMs: number): Promise<boolean>;
  lag(): Promise<ProjectionLag>;
}

/** Measures lag against the store's head; "behind since" starts when a measurement first finds a gap. */
export class LagMeter {
  private behindSince: number | null = null;

  constructor(
    private readonly store: EventStore,
    private readonly now: () => number = Date.now,
  ) {}

  async measure(position: bigint): Promise<ProjectionLag> {
    const head = await this.store.headPosition();
    const behind = head > position ? head - position : 0n;
    const now = this.now();
    if (behind === 0n) this.behindSince = null;
    else this.behindSince ??= now;
    return { positions: behind, seconds: this.behindSince === null ? 0 : (now - this.behindSince) / 1000 };
  }
}
