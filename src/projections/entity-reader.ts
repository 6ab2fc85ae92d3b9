import { readEntity } from '../application/command-handler.js';
import { campaignDecider } from '../domain/campaign/decider.js';
import type { CampaignState } from '../domain/campaign/state.js';
import { caseDecider } from '../domain/case/decider.js';
import type { CaseState } from '../domain/case/state.js';
import { engagementDecider } from '../domain/engagement/decider.js';
import type { EngagementState } from '../domain/engagement/state.js';
import { needDecider } from '../domain/need/decider.js';
import type { Need } from '../domain/need/state.js';
import { organizationDecider } from '../domain/organization/decider.js';
import type { Organization } from '../domain/organization/state.js';
import type { Decider, DomainEvent } from '../domain/shared/decider.js';
import { solutionDecider } from '../domain/solution/decider.js';
import type { Solution } from '../domain/solution/state.js';
import type { EventStore } from '../eventstore/port.js';

export interface Versioned<State> {
  state: State;
  revision: number;
}

/**
 * Folds entity streams for the projections. Within a batch every stream is folded at most once; across
 * batches only organizations are kept (they are read for nearly every document and rarely change), and
 * `forget` drops what a batch's events made stale.
 */
export class EntityReader {
  private readonly folded = new Map<string, Promise<Versioned<unknown> | null>>();
  private readonly keptAcrossBatches = 'org-';

  constructor(private readonly store: EventStore) {}

  need(id: string) {
    return this.read<Need>(`need-${id}`, needDecider);
  }
  solution(id: string) {
    return this.read<Solution>(`solution-${id}`, solutionDecider);
  }
  organization(id: string) {
    return this.read<Organization>(`org-${id}`, organizationDecider);
  }
  engagement(id: string) {
    return this.read<EngagementState>(`engagement-${id}`, engagementDecider);
  }
  campaign(id: string) {
    return this.read<CampaignState>(`campaign-${id}`, campaignDecider);
  }
  case(id: string) {
    return this.read<CaseState>(`case-${id}`, caseDecider);
  }

  /** Called before each batch with the streams it touches. */
  startBatch(streams: Iterable<string>): void {
    for (const stream of [...this.folded.keys()]) {
      if (!stream.startsWith(this.keptAcrossBatches)) this.folded.delete(stream);
    }
    for (const stream of streams) this.folded.delete(stream);
  }

  private read<State>(
    stream: string,
    // biome-ignore lint/suspicious/noExplicitAny: each entity's decider has its own command and event types
    decider: Decider<State, any, any>,
  ): Promise<Versioned<State> | null> {
    let pending = this.folded.get(stream) as Promise<Versioned<State> | null> | undefined;
    if (!pending) {
      pending = readEntity<State, unknown, DomainEvent>(this.store, stream, decider).then(
        ({ state, revision }) => (revision === null ? null : { state, revision: Number(revision) }),
      );
      this.folded.set(stream, pending);
    }
    return pending;
  }
}
