import type { SearchDocument } from '../search/port.js';
import { entityOfStream, type Projection } from './projection.js';

export const campaignsProjection: Projection = {
  index: 'campaigns',
  streamPrefixes: ['campaign-'],
  affected: entityOfStream('campaign-'),
  async build(id, ctx): Promise<SearchDocument | null> {
    const folded = await ctx.entities.campaign(id);
    if (!folded || folded.state.status === 'initial') return null;
    const campaign = folded.state;
    const latest = (kind: 'needs' | 'solutions') => campaign.lists[kind].at(-1)?.version ?? null;
    return {
      id,
      revision: folded.revision,
      title: campaign.title,
      kind: campaign.kind,
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
