import { campaignDecider } from '../../domain/campaign/decider.js';
import { campaignStream } from '../../domain/campaign/stream.js';
import { caseDecider } from '../../domain/case/decider.js';
import { caseStream } from '../../domain/case/stream.js';
import { engagementDecider } from '../../domain/engagement/decider.js';
import { engagementStream } from '../../domain/engagement/stream.js';
import { matchRoundDecider } from '../../domain/match-round/decider.js';
import { matchRoundStream } from '../../domain/match-round/stream.js';
import { needDecider } from '../../domain/need/decider.js';
import { needStream } from '../../domain/need/stream.js';
import { organizationDecider } from '../../domain/organization/decider.js';
import { organizationStream } from '../../domain/organization/stream.js';
import { solutionDecider } from '../../domain/solution/decider.js';
import { solutionStream } from '../../domain/solution/stream.js';
import type { EventStore } from '../../eventstore/port.js';
import { readEntity } from '../command-handler.js';

/** The entities whose history can be read, by the name the URLs use. */
export const HISTORY_KINDS = [
  'need',
  'solution',
  'org',
  'engagement',
  'campaign',
  'match-round',
  'case',
] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

export const kindLabels: Record<HistoryKind | 'user', string> = {
  need: '场景需求',
  solution: '解决方案',
  org: '机构',
  engagement: '对接',
  campaign: '征集批次',
  'match-round': '云速配匹配',
  case: '典型案例',
  user: '账号',
};

/** Who an entity belongs to and what it is called, as its own stream says; null when it has no events. */
export interface Subject {
  title: string;
  /** Organizations whose entity this is; staff-run entities (campaigns, match rounds) have none. */
  owners: string[];
}

export interface SubjectKind {
  /** The platform's own entities: whoever is not staff is refused before the entity is looked up. */
  staffOnly?: true;
  stream(id: string): string;
  subject(store: EventStore, id: string): Promise<Subject | null>;
}

const existing = <T>(folded: { state: T; revision: bigint | null }) =>
  folded.revision === null ? null : folded.state;

export const subjects: Record<HistoryKind, SubjectKind> = {
  need: {
    stream: needStream,
    async subject(store, id) {
      const need = existing(await readEntity(store, needStream(id), needDecider));
      return need && { title: need.title, owners: [need.orgId] };
    },
  },
  solution: {
    stream: solutionStream,
    async subject(store, id) {
      const solution = existing(await readEntity(store, solutionStream(id), solutionDecider));
      return solution && { title: solution.title, owners: [solution.vendorId] };
    },
  },
  org: {
    stream: organizationStream,
    async subject(store, id) {
      const org = existing(await readEntity(store, organizationStream(id), organizationDecider));
      return org && { title: org.name, owners: [org.id] };
    },
  },
  engagement: {
    stream: engagementStream,
    async subject(store, id) {
      const engagement = existing(await readEntity(store, engagementStream(id), engagementDecider));
      if (!engagement) return null;
      const need = existing(await readEntity(store, needStream(engagement.needId), needDecider));
      return {
        title: need ? `需求“${need.title}”的对接` : '对接',
        owners: [engagement.needOrgId, engagement.vendorId],
      };
    },
  },
  campaign: {
    staffOnly: true,
    stream: campaignStream,
    async subject(store, id) {
      const campaign = existing(await readEntity(store, campaignStream(id), campaignDecider));
      return campaign && { title: campaign.title, owners: [] };
    },
  },
  'match-round': {
    staffOnly: true,
    stream: matchRoundStream,
    async subject(store, id) {
      const round = existing(await readEntity(store, matchRoundStream(id), matchRoundDecider));
      if (!round) return null;
      const campaign = existing(await readEntity(store, campaignStream(round.campaignId), campaignDecider));
      return { title: campaign ? `“${campaign.title}”的匹配` : '云速配匹配', owners: [] };
    },
  },
  case: {
    stream: caseStream,
    async subject(store, id) {
      const found = existing(await readEntity(store, caseStream(id), caseDecider));
      return found && { title: found.title, owners: [found.needOrgId, found.vendorId] };
    },
  },
};
