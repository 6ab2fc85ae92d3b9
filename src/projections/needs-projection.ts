import type { Need } from '../domain/need/state.js';
import type { OrganizationStatus } from '../domain/organization/state.js';
import { type Existing, exists } from './existing.js';
import { demanderNeedIds, STANDING_EVENTS } from './organization-listings.js';
import { type Projection, streamId } from './projection.js';

/** Engagement events that change how many vendors took an interest in a need. */
const OPENING_EVENTS = new Set(['EngagementApplied', 'EngagementRecommended']);

/**
 * A need as the `needs` index holds it: the type queries, matching, API hits and pages read it by. Contact
 * details never enter the index: it is public.
 */
export type NeedDocument = Pick<
  Existing<Need>,
  | 'id'
  | 'title'
  | 'description'
  | 'industry'
  | 'scenarioType'
  | 'technologies'
  | 'city'
  | 'budgetWan'
  | 'status'
  | 'orgId'
  | 'campaignId'
  | 'deadline'
  | 'rejectionReason'
  | 'engagementId'
  | 'createdAt'
  | 'updatedAt'
  | 'submittedAt'
  | 'publishedAt'
> &
  /** The brief; a document indexed before briefs existed lacks it until the index is rebuilt. */
  Partial<Pick<Need, 'problem' | 'goals' | 'requirements' | 'acceptanceCriteria' | 'periodMonths'>> & {
    revision: number;
    orgName: string;
    /**
     * The demander's status: the public lists leave out the needs of one out of the market. A document
     * indexed before it was kept lacks it until the index is rebuilt.
     */
    orgStatus?: OrganizationStatus;
    /** Vendors that took an interest: engagements opened on the need, recommended or applied. */
    engagementCount: number;
  };

/** Needs as lists, search and matching see them, carrying their demander's name and status. */
export const needsProjection: Projection = {
  index: 'needs',
  streamPrefixes: ['need-', 'engagement-', 'org-'],
  async affected(event, ctx) {
    const needId = streamId(event.stream, 'need-');
    if (needId) return [needId];
    const orgId = streamId(event.stream, 'org-');
    if (orgId) return STANDING_EVENTS.has(event.type) ? demanderNeedIds(ctx.search, ctx.target, orgId) : [];
    const engagementId = streamId(event.stream, 'engagement-');
    if (!engagementId || !OPENING_EVENTS.has(event.type)) return [];
    const engagement = await ctx.entities.engagement(engagementId);
    return engagement ? [engagement.state.needId] : [];
  },
  async build(id, ctx): Promise<NeedDocument | null> {
    const folded = await ctx.entities.need(id);
    if (!folded || !exists(folded.state)) return null;
    const need = folded.state;
    const org = await ctx.entities.organization(need.orgId);
    const engagements = await ctx.search.search('engagements', {
      filter: { field: 'needId', op: 'eq', value: id },
      pageSize: 1,
    });
    return {
      id,
      revision: folded.revision,
      title: need.title,
      description: need.description,
      industry: need.industry,
      scenarioType: need.scenarioType,
      technologies: need.technologies,
      city: need.city,
      budgetWan: need.budgetWan,
      problem: need.problem,
      goals: need.goals,
      requirements: need.requirements,
      acceptanceCriteria: need.acceptanceCriteria,
      periodMonths: need.periodMonths,
      status: need.status,
      orgId: need.orgId,
      orgName: org?.state.name ?? '',
      orgStatus: org?.state.status ?? 'pending',
      campaignId: need.campaignId,
      deadline: need.deadline,
      rejectionReason: need.rejectionReason,
      engagementId: need.engagementId,
      engagementCount: engagements.total,
      createdAt: need.createdAt,
      updatedAt: need.updatedAt,
      submittedAt: need.submittedAt,
      publishedAt: need.publishedAt,
    };
  },
};
