import type { OrganizationStatus } from '../domain/organization/state.js';
import type { Solution } from '../domain/solution/state.js';
import { type Existing, exists } from './existing.js';
import { STANDING_EVENTS, vendorSolutionIds } from './organization-listings.js';
import { type Projection, streamId } from './projection.js';

/** A solution as the `solutions` index holds it: the type queries, matching, API hits and pages read it by. */
export type SolutionDocument = Pick<
  Existing<Solution>,
  | 'id'
  | 'title'
  | 'description'
  | 'industries'
  | 'scenarioTypes'
  | 'technologies'
  | 'regionsServed'
  | 'priceWan'
  | 'deployment'
  | 'status'
  | 'vendorId'
  | 'campaignId'
  | 'rejectionReason'
  | 'createdAt'
  | 'updatedAt'
  | 'submittedAt'
  | 'publishedAt'
  | 'retiredAt'
> & {
  revision: number;
  vendorName: string;
  vendorStatus: OrganizationStatus;
};

/** Solutions, carrying their vendor's name and status so that matching can exclude suspended vendors. */
export const solutionsProjection: Projection = {
  index: 'solutions',
  streamPrefixes: ['solution-', 'org-'],
  async affected(event, ctx) {
    const solutionId = streamId(event.stream, 'solution-');
    if (solutionId) return [solutionId];
    const orgId = streamId(event.stream, 'org-');
    if (!orgId || !STANDING_EVENTS.has(event.type)) return [];
    return vendorSolutionIds(ctx.search, ctx.target, orgId);
  },
  async build(id, ctx): Promise<SolutionDocument | null> {
    const folded = await ctx.entities.solution(id);
    if (!folded || !exists(folded.state)) return null;
    const solution = folded.state;
    const vendor = await ctx.entities.organization(solution.vendorId);
    return {
      id,
      revision: folded.revision,
      title: solution.title,
      description: solution.description,
      industries: solution.industries,
      scenarioTypes: solution.scenarioTypes,
      technologies: solution.technologies,
      regionsServed: solution.regionsServed,
      priceWan: solution.priceWan,
      deployment: solution.deployment,
      status: solution.status,
      vendorId: solution.vendorId,
      vendorName: vendor?.state.name ?? '',
      vendorStatus: vendor?.state.status ?? 'pending',
      campaignId: solution.campaignId,
      rejectionReason: solution.rejectionReason,
      createdAt: solution.createdAt,
      updatedAt: solution.updatedAt,
      submittedAt: solution.submittedAt,
      publishedAt: solution.publishedAt,
      retiredAt: solution.retiredAt,
    };
  },
};
