import type { EngagementState } from '../domain/engagement/state.js';
import { type Existing, exists } from './existing.js';
import { entityOfStream, type Projection } from './projection.js';

/** An engagement as the `engagements` index holds it: the type queries, API hits and pages read it by. */
export type EngagementDocument = Pick<
  Existing<EngagementState>,
  | 'id'
  | 'needId'
  | 'solutionId'
  | 'vendorId'
  | 'status'
  | 'origin'
  | 'quoteWan'
  | 'amountWan'
  | 'createdAt'
  | 'updatedAt'
  | 'signedAt'
  | 'deliveredAt'
> & {
  revision: number;
  needTitle: string;
  needCity: string | null;
  needIndustry: string | null;
  solutionTitle: string;
  vendorName: string;
  /** The need's organization (the state's needOrgId). */
  demanderOrgId: string;
  demanderName: string;
  meetingAt: string | null;
  /** The score each side gave, 1–5, once it rated. */
  demanderRating: number | null;
  vendorRating: number | null;
};

/** Engagements with the names a list shows, and each side's rating for vendor track records. */
export const engagementsProjection: Projection = {
  index: 'engagements',
  streamPrefixes: ['engagement-'],
  affected: entityOfStream('engagement-'),
  async build(id, ctx): Promise<EngagementDocument | null> {
    const folded = await ctx.entities.engagement(id);
    if (!folded || !exists(folded.state)) return null;
    const engagement = folded.state;
    const [need, solution, vendor, demander] = await Promise.all([
      ctx.entities.need(engagement.needId),
      ctx.entities.solution(engagement.solutionId),
      ctx.entities.organization(engagement.vendorId),
      ctx.entities.organization(engagement.needOrgId),
    ]);
    return {
      id,
      revision: folded.revision,
      needId: engagement.needId,
      needTitle: need?.state.title ?? '',
      needCity: need?.state.city ?? null,
      needIndustry: need?.state.industry ?? null,
      solutionId: engagement.solutionId,
      solutionTitle: solution?.state.title ?? '',
      vendorId: engagement.vendorId,
      vendorName: vendor?.state.name ?? '',
      demanderOrgId: engagement.needOrgId,
      demanderName: demander?.state.name ?? '',
      status: engagement.status,
      origin: engagement.origin,
      quoteWan: engagement.quoteWan,
      amountWan: engagement.amountWan,
      meetingAt: engagement.meeting?.at ?? null,
      demanderRating: engagement.ratings.demander?.score ?? null,
      vendorRating: engagement.ratings.vendor?.score ?? null,
      createdAt: engagement.createdAt,
      updatedAt: engagement.updatedAt,
      signedAt: engagement.signedAt,
      deliveredAt: engagement.deliveredAt,
    };
  },
};
