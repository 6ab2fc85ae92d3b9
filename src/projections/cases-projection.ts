import type { SearchDocument } from '../search/port.js';
import { entityOfStream, type Projection } from './projection.js';

export const casesProjection: Projection = {
  index: 'cases',
  streamPrefixes: ['case-'],
  affected: entityOfStream('case-'),
  async build(id, ctx): Promise<SearchDocument | null> {
    const folded = await ctx.entities.case(id);
    if (!folded || folded.state.status === 'initial') return null;
    const promoted = folded.state;
    const [vendor, solution] = await Promise.all([
      ctx.entities.organization(promoted.vendorId),
      ctx.entities.solution(promoted.solutionId),
    ]);
    return {
      id,
      revision: folded.revision,
      title: promoted.title,
      summary: promoted.summary,
      needId: promoted.needId,
      engagementId: promoted.engagementId,
      solutionId: promoted.solutionId,
      solutionTitle: solution?.state.title ?? '',
      vendorId: promoted.vendorId,
      vendorName: vendor?.state.name ?? '',
      city: promoted.city,
      industry: promoted.industry,
      scenarioType: promoted.scenarioType,
      technologies: promoted.technologies,
      amountWan: promoted.amountWan,
      replicatedTo: promoted.replicatedTo.map((r) => r.city),
      createdAt: promoted.promotedAt,
      updatedAt: promoted.updatedAt,
    };
  },
};
