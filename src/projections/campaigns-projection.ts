import type { CampaignState } from '../domain/campaign/state.js';
import { type Existing, exists } from './existing.js';
import { entityOfStream, type Projection } from './projection.js';

/** A collection campaign as the `campaigns` index holds it: the type queries, API hits and pages read it by. */
export type CampaignDocument = Pick<
  Existing<CampaignState>,
  | 'id'
  | 'title'
  | 'kind'
  | 'scope'
  | 'status'
  | 'opensAt'
  | 'closesAt'
  | 'createdAt'
  | 'closedAt'
  | 'updatedAt'
> & {
  /** A provincial list's period (2026, 2026Q1); null for a campaign that collects submissions. */
  gathersPeriod: string | null;
  revision: number;
  needCount: number;
  solutionCount: number;
  /** The newest published version of each list, null before its first. */
  listVersions: { needs: number | null; solutions: number | null };
};

export const campaignsProjection: Projection = {
  index: 'campaigns',
  streamPrefixes: ['campaign-'],
  affected: entityOfStream('campaign-'),
  async build(id, ctx): Promise<CampaignDocument | null> {
    const folded = await ctx.entities.campaign(id);
    if (!folded || !exists(folded.state)) return null;
    const campaign = folded.state;
    const latest = (kind: 'needs' | 'solutions') => campaign.lists[kind].at(-1)?.version ?? null;
    return {
      id,
      revision: folded.revision,
      title: campaign.title,
      kind: campaign.kind,
      scope: campaign.scope,
      gathersPeriod: campaign.gathers?.period ?? null,
      status: campaign.status,
      opensAt: campaign.opensAt,
      closesAt: campaign.closesAt,
      needCount: campaign.items.needs.length,
      solutionCount: campaign.items.solutions.length,
      listVersions: { needs: latest('needs'), solutions: latest('solutions') },
      createdAt: campaign.createdAt,
      closedAt: campaign.closedAt,
      updatedAt: campaign.updatedAt,
    };
  },
};
