import { readEntity } from '../application/command-handler.js';
import { campaignDecider } from '../domain/campaign/decider.js';
import { campaignStream } from '../domain/campaign/stream.js';
import { needDecider } from '../domain/need/decider.js';
import { needStream } from '../domain/need/stream.js';
import { organizationDecider } from '../domain/organization/decider.js';
import { organizationStream } from '../domain/organization/stream.js';
import { solutionDecider } from '../domain/solution/decider.js';
import { solutionStream } from '../domain/solution/stream.js';
import type { EventStore } from '../eventstore/port.js';

/** The current state of the entities notifiers name, folded from their streams as single reads are. */
export const entities = {
  need: async (store: EventStore, id: string) => (await readEntity(store, needStream(id), needDecider)).state,
  solution: async (store: EventStore, id: string) =>
    (await readEntity(store, solutionStream(id), solutionDecider)).state,
  organization: async (store: EventStore, id: string) =>
    (await readEntity(store, organizationStream(id), organizationDecider)).state,
  campaign: async (store: EventStore, id: string) =>
    (await readEntity(store, campaignStream(id), campaignDecider)).state,
};
