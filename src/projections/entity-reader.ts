import { readEntity } from '../application/command-handler.js';
import { campaignDecider } from '../domain/campaign/decider.js';
import type { CampaignState } from '../domain/campaign/state.js';
import { campaignStream } from '../domain/campaign/stream.js';
import { caseDecider } from '../domain/case/decider.js';
import type { CaseState } from '../domain/case/state.js';
import { caseStream } from '../domain/case/stream.js';
import { engagementDecider } from '../domain/engagement/decider.js';
import type { EngagementState } from '../domain/engagement/state.js';
import { engagementStream } from '../domain/engagement/stream.js';
import { matchRoundDecider } from '../domain/match-round/decider.js';
import type { MatchRoundState } from '../domain/match-round/state.js';
import { matchRoundStream } from '../domain/match-round/stream.js';
import { needDecider } from '../domain/need/decider.js';
import type { Need } from '../domain/need/state.js';
import { needStream } from '../domain/need/stream.js';
import { organizationDecider } from '../domain/organization/decider.js';
import type { Organization } from '../domain/organization/state.js';
import { organizationStream } from '../domain/organization/stream.js';
import { type Decider, type DomainEvent, fold } from '../domain/shared/decider.js';
import { solutionDecider } from '../domain/solution/decider.js';
import type { Solution } from '../domain/solution/state.js';
import { solutionStream } from '../domain/solution/stream.js';
import type { EventStore, RecordedEvent } from '../eventstore/port.js';

// biome-ignore lint/suspicious/noExplicitAny: each entity's decider has its own command and event types
type AnyDecider<State> = Decider<State, any, any>;

export interface Versioned<State> {
  state: State;
  revision: number;
}

/**
 * Folds entity streams for the projections. Within a batch every stream is folded at most once; across
 * batches only organizations are kept (they are read for nearly every document and rarely change).
 * A stream the batch holds from its first event, or from just after a kept state, is folded from the
 * batch's own events without reading the store, as nearly every stream is while a projector catches up
 * from the start of the store.
 */
export class EntityReader {
  private readonly folded = new Map<string, Promise<Versioned<unknown> | null>>();
  private readonly keptAcrossBatches = 'org-';
  private batchEvents = new Map<string, RecordedEvent[]>();

  constructor(private readonly store: EventStore) {}

  need(id: string) {
    return this.read<Need>(needStream(id), needDecider);
  }
  solution(id: string) {
    return this.read<Solution>(solutionStream(id), solutionDecider);
  }
  organization(id: string) {
    return this.read<Organization>(organizationStream(id), organizationDecider);
  }
  engagement(id: string) {
    return this.read<EngagementState>(engagementStream(id), engagementDecider);
  }
  campaign(id: string) {
    return this.read<CampaignState>(campaignStream(id), campaignDecider);
  }
  case(id: string) {
    return this.read<CaseState>(caseStream(id), caseDecider);
  }
  matchRound(id: string) {
    return this.read<MatchRoundState>(matchRoundStream(id), matchRoundDecider);
  }

  /** Called before each batch with its events, oldest first. */
  startBatch(events: readonly RecordedEvent[]): void {
    for (const stream of [...this.folded.keys()]) {
      if (!stream.startsWith(this.keptAcrossBatches)) this.folded.delete(stream);
    }
    this.batchEvents = new Map();
    for (const event of events) {
      const streamEvents = this.batchEvents.get(event.stream);
      if (streamEvents) streamEvents.push(event);
      else this.batchEvents.set(event.stream, [event]);
    }
  }

  private read<State>(stream: string, decider: AnyDecider<State>): Promise<Versioned<State> | null> {
    const batched = this.batchEvents.get(stream);
    let pending = this.folded.get(stream) as Promise<Versioned<State> | null> | undefined;
    if (batched) {
      this.batchEvents.delete(stream);
      pending = this.foldBatch(stream, decider, batched, pending);
      this.folded.set(stream, pending);
    } else if (!pending) {
      pending = this.readFromStore(stream, decider);
      this.folded.set(stream, pending);
    }
    return pending;
  }

  /** The state after the batch's events: from them alone, after a kept state, or else from the store. */
  private async foldBatch<State>(
    stream: string,
    decider: AnyDecider<State>,
    events: RecordedEvent[],
    kept: Promise<Versioned<State> | null> | undefined,
  ): Promise<Versioned<State> | null> {
    const first = Number(events[0]!.revision);
    const contiguous = events.every((event, i) => Number(event.revision) === first + i);
    const before = first === 0 ? { state: decider.initialState(), revision: -1 } : await kept;
    if (!contiguous || !before || before.revision !== first - 1) return this.readFromStore(stream, decider);
    const state = fold(
      decider,
      events.map(({ type, data }) => ({ type, data })),
      before.state,
    );
    return { state, revision: first + events.length - 1 };
  }

  private async readFromStore<State>(stream: string, decider: AnyDecider<State>) {
    const { state, revision } = await readEntity<State, unknown, DomainEvent>(this.store, stream, decider);
    return revision === null ? null : { state, revision: Number(revision) };
  }
}
