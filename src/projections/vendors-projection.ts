import type { Organization } from '../domain/organization/state.js';
import type { EngagementDocument } from './engagements-projection.js';
import { type Existing, exists } from './existing.js';
import { allVendorDocuments } from './organization-listings.js';
import { type Projection, streamId } from './projection.js';
import type { SolutionDocument } from './solutions-projection.js';

/**
 * A vendor profile (画像) as the `vendors` index holds it: the type queries, matching, API hits and pages
 * read it by.
 */
export type VendorDocument = Pick<
  Existing<Organization>,
  'id' | 'name' | 'city' | 'status' | 'qualifications' | 'description' | 'registeredAt' | 'verifiedAt'
> & {
  /** The `$all` position the profile was built at: it is folded from three sources. */
  revision: number;
  /** Published solutions only, as everything below that describes what the vendor offers. */
  solutionCount: number;
  solutionIds: string[];
  industries: string[];
  scenarioTypes: string[];
  technologies: string[];
  /** City codes; '*' means province-wide. */
  citiesServed: string[];
  engagementsByStatus: Record<string, number>;
  engagementCount: number;
  deliveredCount: number;
  signedAmountWan: number;
  /** Mean of the demanders' ratings, 1–5; null when never rated. */
  ratingAvg: number | null;
  ratingCount: number;
};

/**
 * Solution events that change what a profile shows: it counts published solutions only, and a solution can
 * be edited only before it is published, so only publishing and retiring move its profile.
 */
const PROFILE_SOLUTION_EVENTS = new Set(['SolutionPublished', 'SolutionRetired']);

const DELIVERED = new Set(['delivered', 'rated']);
const SIGNED = new Set(['signed', ...DELIVERED]);

/**
 * The vendor profile (画像): the organization, what its published solutions cover, and its track record.
 * Built from three sources, so its revision is the `$all` position it was built at.
 */
export const vendorsProjection: Projection = {
  index: 'vendors',
  streamPrefixes: ['org-', 'solution-', 'engagement-'],
  async affected(event, ctx) {
    const orgId = streamId(event.stream, 'org-');
    if (orgId) return [orgId];
    const solutionId = streamId(event.stream, 'solution-');
    if (solutionId) {
      if (!PROFILE_SOLUTION_EVENTS.has(event.type)) return [];
      const solution = await ctx.entities.solution(solutionId);
      return solution ? [solution.state.vendorId] : [];
    }
    const engagementId = streamId(event.stream, 'engagement-');
    if (engagementId) {
      const engagement = await ctx.entities.engagement(engagementId);
      return engagement ? [engagement.state.vendorId] : [];
    }
    return [];
  },
  async build(id, ctx): Promise<VendorDocument | null> {
    const folded = await ctx.entities.organization(id);
    if (folded?.state.kind !== 'vendor' || !exists(folded.state)) return null;
    const org = folded.state;
    const [solutions, engagements] = await Promise.all([
      allVendorDocuments<SolutionDocument>(ctx.search, 'solutions', id),
      allVendorDocuments<EngagementDocument>(ctx.search, 'engagements', id),
    ]);
    const published = solutions.filter((s) => s.status === 'published');
    const union = (pick: (s: SolutionDocument) => string[]) => [...new Set(published.flatMap(pick))].sort();
    const engagementsByStatus: Record<string, number> = {};
    for (const e of engagements) engagementsByStatus[e.status] = (engagementsByStatus[e.status] ?? 0) + 1;
    const ratings = engagements.map((e) => e.demanderRating).filter((r): r is number => r !== null);
    const delivered = engagements.filter((e) => DELIVERED.has(e.status));
    return {
      id,
      revision: Number(ctx.position),
      name: org.name,
      city: org.city,
      status: org.status,
      qualifications: org.qualifications,
      description: org.description,
      solutionCount: published.length,
      solutionIds: published.map((s) => s.id),
      industries: union((s) => s.industries),
      scenarioTypes: union((s) => s.scenarioTypes),
      technologies: union((s) => s.technologies),
      citiesServed: union((s) => s.regionsServed),
      engagementsByStatus,
      engagementCount: engagements.length,
      deliveredCount: delivered.length,
      signedAmountWan: engagements
        .filter((e) => SIGNED.has(e.status))
        .reduce((sum, e) => sum + (e.amountWan ?? 0), 0),
      ratingAvg: ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null,
      ratingCount: ratings.length,
      registeredAt: org.registeredAt,
      verifiedAt: org.verifiedAt,
    };
  },
};
