import type { SearchDocument } from '../search/port.js';
import { type Projection, streamId } from './projection.js';
import { vendorSolutionIds } from './vendor-listings.js';

/** Organization events after which a vendor's solutions show another vendor status. */
const VENDOR_STATUS_EVENTS = new Set([
  'OrganizationVerified',
  'OrganizationSuspended',
  'OrganizationReinstated',
]);

/** Solutions, carrying their vendor's name and status so that matching can exclude suspended vendors. */
export const solutionsProjection: Projection = {
  index: 'solutions',
  streamPrefixes: ['solution-', 'org-'],
  async affected(event, ctx) {
    const solutionId = streamId(event.stream, 'solution-');
    if (solutionId) return [solutionId];
    const orgId = streamId(event.stream, 'org-');
    if (!orgId || !VENDOR_STATUS_EVENTS.has(event.type)) return [];
    return vendorSolutionIds(ctx.search, ctx.target, orgId);
  },
  async build(id, ctx): Promise<SearchDocument | null> {
    const folded = await ctx.entities.solution(id);
    if (!folded || folded.state.status === 'initial') return null;
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
