import type { CaseState } from '../domain/case/state.js';
import { type Existing, exists } from './existing.js';
import { entityOfStream, type Projection } from './projection.js';

/** A 典型案例 as the `cases` index holds it: the type queries, API hits and pages read it by. */
export type CaseDocument = Pick<
  Existing<CaseState>,
  | 'id'
  | 'title'
  | 'summary'
  | 'needId'
  | 'engagementId'
  | 'solutionId'
  | 'vendorId'
  | 'city'
  | 'industry'
  | 'scenarioType'
  | 'technologies'
  | 'amountWan'
  | 'updatedAt'
> & {
  revision: number;
  solutionTitle: string;
  vendorName: string;
  /** Cities the case was replicated to. */
  replicatedTo: string[];
  /** When it was promoted to a case. */
  createdAt: string | null;
};

export const casesProjection: Projection = {
  index: 'cases',
  streamPrefixes: ['case-'],
  affected: entityOfStream('case-'),
  async build(id, ctx): Promise<CaseDocument | null> {
    const folded = await ctx.entities.case(id);
    if (!folded || !exists(folded.state)) return null;
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
