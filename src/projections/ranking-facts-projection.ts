import { periodsOf } from '../application/queries/stats-period.js';
import type { EngagementState } from '../domain/engagement/state.js';
import type { EngagementDocument } from './engagements-projection.js';
import { exists } from './existing.js';
import { allVendorDocuments } from './organization-listings.js';
import { type Projection, type ProjectionContext, streamId } from './projection.js';

/** Engagement events after which the engagement is, or may have become, a vendor's application (揭榜). */
const APPLICATION_EVENTS = new Set(['EngagementApplied', 'EngagementRecommendationAccepted']);
/** A vendor's city is its profile's: its solutions and engagements move with it. */
const CITY_EVENTS = new Set(['OrganizationProfileUpdated']);
const PAGE = 1000;
const DAY_MS = 86_400_000;

type Kind = 'need' | 'solution' | 'engagement' | 'case';

/**
 * One need, solution, engagement or case as the 打榜 rankings count it: the city it counts for and, for each
 * moment the rankings count, the periods that moment falls in (`all`, `2026`, `2026Q3`: Beijing time), so that
 * a city's figure for a period is one facet count. A list is empty when the moment has not come.
 */
export type RankingFactDocument = {
  /** `<kind>_<entity id>`: a case has its engagement's id. */
  id: string;
  revision: number;
  kind: Kind;
  /** The need's city; a solution's vendor's city; an engagement's need's city; the case's city. */
  city: string;
  /** Solutions and engagements: the vendor, whose city the document carries. */
  vendorId: string | null;
  /** Engagements: the vendor's city, the other end of a 百城牵手 pair. */
  vendorCity: string | null;
  /** Engagements: signed, and the need's city is not the vendor's. */
  crossCity: boolean;
  /** Engagements: the signed amount, 万元. */
  amountWan: number | null;
  /** Needs and solutions: when published. */
  published: string[];
  /** Engagements: when it became a vendor's application (applied, or a recommendation it accepted). */
  applied: string[];
  signed: string[];
  delivered: string[];
  /** Cases: when promoted. */
  promoted: string[];
  /** Cases: every period in which the case was replicated to another city. */
  replicated: string[];
  /** Needs: when the first application came, and how many days after publication. */
  firstApplied: string[];
  daysToFirstApplication: number | null;
};

const DOCUMENT_ID = /^(need|solution|engagement|case)_(.+)$/;

export const rankingFactId = (kind: Kind, entityId: string) => `${kind}_${entityId}`;

function fact(id: string, revision: number, kind: Kind, city: string): RankingFactDocument {
  return {
    id,
    revision,
    kind,
    city,
    vendorId: null,
    vendorCity: null,
    crossCity: false,
    amountWan: null,
    published: [],
    applied: [],
    signed: [],
    delivered: [],
    promoted: [],
    replicated: [],
    firstApplied: [],
    daysToFirstApplication: null,
  };
}

/** When an engagement became an application: applied at once, or when its vendor accepted a recommendation. */
function appliedAt(engagement: EngagementState): string | null {
  return engagement.history.find((step) => step.status === 'applied')?.at ?? null;
}

/** The first application to a need, over every engagement opened on it. */
async function firstApplicationAt(needId: string, ctx: ProjectionContext): Promise<string | null> {
  let first: string | null = null;
  for (let page = 1; ; page++) {
    const result = await ctx.search.search<EngagementDocument>('engagements', {
      filter: { field: 'needId', op: 'eq', value: needId },
      page,
      pageSize: PAGE,
    });
    for (const hit of result.hits) {
      const engagement = await ctx.entities.engagement(hit.id);
      const at = engagement ? appliedAt(engagement.state) : null;
      if (at && (first === null || at < first)) first = at;
    }
    if (result.hits.length < PAGE || page * PAGE >= result.total) return first;
  }
}

async function needFact(id: string, needId: string, ctx: ProjectionContext) {
  const folded = await ctx.entities.need(needId);
  if (!folded || !exists(folded.state)) return null;
  const need = folded.state;
  const document = fact(id, folded.revision, 'need', need.city);
  document.published = periodsOf(need.publishedAt);
  const first = need.publishedAt ? await firstApplicationAt(needId, ctx) : null;
  if (need.publishedAt && first) {
    document.firstApplied = periodsOf(first);
    document.daysToFirstApplication = Math.max(
      0,
      (Date.parse(first) - Date.parse(need.publishedAt)) / DAY_MS,
    );
  }
  return document;
}

async function solutionFact(id: string, solutionId: string, ctx: ProjectionContext) {
  const folded = await ctx.entities.solution(solutionId);
  if (!folded || !exists(folded.state)) return null;
  const vendor = await ctx.entities.organization(folded.state.vendorId);
  if (!vendor) return null;
  const document = fact(id, folded.revision, 'solution', vendor.state.city);
  document.vendorId = folded.state.vendorId;
  document.published = periodsOf(folded.state.publishedAt);
  return document;
}

async function engagementFact(id: string, engagementId: string, ctx: ProjectionContext) {
  const folded = await ctx.entities.engagement(engagementId);
  if (!folded || !exists(folded.state)) return null;
  const engagement = folded.state;
  const [need, vendor] = await Promise.all([
    ctx.entities.need(engagement.needId),
    ctx.entities.organization(engagement.vendorId),
  ]);
  if (!need || !vendor) return null;
  const document = fact(id, folded.revision, 'engagement', need.state.city);
  document.vendorId = engagement.vendorId;
  document.vendorCity = vendor.state.city;
  document.applied = periodsOf(appliedAt(engagement));
  document.signed = periodsOf(engagement.signedAt);
  document.delivered = periodsOf(engagement.deliveredAt);
  document.amountWan = engagement.signedAt ? engagement.amountWan : null;
  document.crossCity = engagement.signedAt !== null && need.state.city !== vendor.state.city;
  return document;
}

async function caseFact(id: string, caseId: string, ctx: ProjectionContext) {
  const folded = await ctx.entities.case(caseId);
  if (!folded || !exists(folded.state)) return null;
  const promoted = folded.state;
  const document = fact(id, folded.revision, 'case', promoted.city);
  document.promoted = periodsOf(promoted.promotedAt);
  document.replicated = [...new Set(promoted.replicatedTo.flatMap((r) => periodsOf(r.at)))];
  return document;
}

/** What the 打榜 rankings and 百城牵手 count, one document per listing, engagement and case. */
export const rankingFactsProjection: Projection = {
  index: 'ranking_facts',
  streamPrefixes: ['need-', 'solution-', 'engagement-', 'case-', 'org-'],
  async affected(event, ctx) {
    const needId = streamId(event.stream, 'need-');
    if (needId) return [rankingFactId('need', needId)];
    const solutionId = streamId(event.stream, 'solution-');
    if (solutionId) return [rankingFactId('solution', solutionId)];
    const caseId = streamId(event.stream, 'case-');
    if (caseId) return [rankingFactId('case', caseId)];
    const engagementId = streamId(event.stream, 'engagement-');
    if (engagementId) {
      const ids = [rankingFactId('engagement', engagementId)];
      if (!APPLICATION_EVENTS.has(event.type)) return ids;
      const engagement = await ctx.entities.engagement(engagementId);
      return engagement ? [...ids, rankingFactId('need', engagement.state.needId)] : ids;
    }
    const orgId = streamId(event.stream, 'org-');
    if (!orgId || !CITY_EVENTS.has(event.type)) return [];
    return (await allVendorDocuments(ctx.search, ctx.target, orgId)).map((d) => d.id);
  },
  async build(id, ctx): Promise<RankingFactDocument | null> {
    const [, kind, entityId] = DOCUMENT_ID.exec(id) ?? [];
    if (!entityId) return null;
    if (kind === 'need') return needFact(id, entityId, ctx);
    if (kind === 'solution') return solutionFact(id, entityId, ctx);
    if (kind === 'engagement') return engagementFact(id, entityId, ctx);
    return caseFact(id, entityId, ctx);
  },
};
