/**
 * GET /api/v1/stats: what the platform shows of itself — listings by industry, city and status, the
 * engagement funnel, signed amounts, 百城牵手万项 (cities and projects matched) and the 打榜 rankings.
 * Counts are facets (one grouped query each, whatever the size of the index); only the signed engagements
 * are read one by one, because amounts must be summed and facets cannot sum.
 */

import type { EngagementDocument } from '../../projections/engagements-projection.js';
import { type ReadModelIndex, type ReadModels, readModel } from '../../projections/read-models.js';
import type { Filter } from '../../search/filter.js';
import type { FacetDistribution, SearchIndex, SearchParams } from '../../search/port.js';
import { citiesMatched } from './city-rankings.js';
import { PUBLIC_VENDOR_STATUSES, publicListings, SIGNED_ENGAGEMENT_STATUSES } from './documents.js';

export interface FunnelStage {
  stage: 'opened' | 'shortlisted' | 'meeting_scheduled' | 'signed' | 'delivered' | 'rated';
  count: number;
}

export interface PlatformStats {
  /** Every need by status, the review queue (`submitted`) included. */
  needsByStatus: Record<string, number>;
  /** Public needs (published, in progress, fulfilled, of demanders in the market) by industry and by city. */
  needsByIndustry: Record<string, number>;
  needsByCity: Record<string, number>;
  solutionsByStatus: Record<string, number>;
  /**
   * Published solutions of vendors in the market by the industries they serve (a solution counts under each
   * of its industries).
   */
  solutionsByIndustry: Record<string, number>;
  engagementsByStatus: Record<string, number>;
  /** How many engagements reached each stage, by their status now (a declined one counts as opened only). */
  engagementFunnel: FunnelStage[];
  /** Sum of the signed amounts (万元) of signed, delivered and rated engagements. */
  signedAmountWan: number;
  /** By month of signing (China time), oldest first. */
  signedAmountByMonth: { month: string; amountWan: number; count: number }[];
  /**
   * 百城牵手万项: the cities with at least one signed cross-city engagement, as the need's city or the
   * vendor's (`citiesMatched` in city-rankings.ts), and the signed engagements.
   */
  citiesMatched: number;
  projectsMatched: number;
  /** 打榜: vendors with delivered projects by how many, then rating; top 10. */
  vendorRanking: {
    vendorId: string;
    name: string;
    city: string;
    deliveredCount: number;
    ratingAvg: number | null;
    ratingCount: number;
  }[];
  /** 打榜: public needs by interest (engagements opened on them); top 10. */
  scenarioRanking: {
    needId: string;
    title: string;
    orgName: string;
    city: string;
    industry: string;
    engagementCount: number;
  }[];
}

const RANKING_SIZE = 10;
const PAGE = 1000;
const CHINA_OFFSET_MS = 8 * 3_600_000;

const FUNNEL: ReadonlyArray<readonly [FunnelStage['stage'], readonly string[]]> = [
  ['shortlisted', ['shortlisted', 'meeting_scheduled', 'signed', 'delivered', 'rated']],
  ['meeting_scheduled', ['meeting_scheduled', 'signed', 'delivered', 'rated']],
  ['signed', SIGNED_ENGAGEMENT_STATUSES],
  ['delivered', ['delivered', 'rated']],
  ['rated', ['rated']],
];

const statusIn = (statuses: readonly string[]): Filter => ({
  field: 'status',
  op: 'in',
  value: [...statuses],
});

async function facetsOf(search: SearchIndex, index: ReadModelIndex, facets: string[], filter?: Filter) {
  const result = await search.search(index, { facets, pageSize: 1, ...(filter ? { filter } : {}) });
  return { total: result.total, facets: result.facetDistribution };
}

/**
 * Every document matching a filter, a page at a time. Without keywords or sort both backends order by their
 * internal document id, so pages neither overlap nor skip (documents written meanwhile may be missed).
 */
async function allDocuments<I extends ReadModelIndex>(
  search: SearchIndex,
  index: I,
  params: SearchParams,
): Promise<ReadModels[I][]> {
  const documents: ReadModels[I][] = [];
  for (let page = 1; ; page++) {
    const result = await readModel(search, index).search({ ...params, page, pageSize: PAGE });
    documents.push(...result.hits);
    if (result.hits.length < PAGE || documents.length >= result.total) return documents;
  }
}

const facet = (distribution: FacetDistribution, name: string) => distribution[name] ?? {};

function funnelOf(byStatus: Record<string, number>, opened: number): FunnelStage[] {
  const reached = (statuses: readonly string[]) => statuses.reduce((sum, s) => sum + (byStatus[s] ?? 0), 0);
  return [
    { stage: 'opened', count: opened },
    ...FUNNEL.map(([stage, statuses]) => ({ stage, count: reached(statuses) })),
  ];
}

/** `YYYY-MM` of an instant in China time (UTC+8, no daylight saving). */
function chinaMonth(iso: string): string {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS).toISOString().slice(0, 7);
}

function signedFigures(signed: EngagementDocument[]) {
  const months = new Map<string, { amountWan: number; count: number }>();
  let amountWan = 0;
  for (const engagement of signed) {
    const amount = engagement.amountWan ?? 0;
    amountWan += amount;
    if (engagement.signedAt) {
      const month = chinaMonth(engagement.signedAt);
      const entry = months.get(month) ?? { amountWan: 0, count: 0 };
      entry.amountWan += amount;
      entry.count += 1;
      months.set(month, entry);
    }
  }
  return {
    signedAmountWan: amountWan,
    signedAmountByMonth: [...months.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([month, entry]) => ({ month, ...entry })),
    projectsMatched: signed.length,
  };
}

export async function platformStats(search: SearchIndex): Promise<PlatformStats> {
  const publicNeeds = publicListings('needs');
  const [needs, shownNeeds, solutions, shownSolutions, engagements, vendors, interest, signed, matched] =
    await Promise.all([
      facetsOf(search, 'needs', ['status']),
      facetsOf(search, 'needs', ['industry', 'city'], publicNeeds),
      facetsOf(search, 'solutions', ['status']),
      facetsOf(search, 'solutions', ['industries'], publicListings('solutions')),
      facetsOf(search, 'engagements', ['status']),
      readModel(search, 'vendors').search({
        filter: { and: [statusIn(PUBLIC_VENDOR_STATUSES), { field: 'deliveredCount', op: 'gte', value: 1 }] },
        sort: ['deliveredCount:desc', 'ratingAvg:desc'],
        pageSize: RANKING_SIZE,
      }),
      readModel(search, 'needs').search({
        filter: publicNeeds,
        sort: ['engagementCount:desc', 'publishedAt:desc'],
        pageSize: RANKING_SIZE,
      }),
      allDocuments(search, 'engagements', {
        filter: statusIn(SIGNED_ENGAGEMENT_STATUSES),
      }),
      citiesMatched(search),
    ]);
  const engagementsByStatus = facet(engagements.facets, 'status');
  return {
    needsByStatus: facet(needs.facets, 'status'),
    needsByIndustry: facet(shownNeeds.facets, 'industry'),
    needsByCity: facet(shownNeeds.facets, 'city'),
    solutionsByStatus: facet(solutions.facets, 'status'),
    solutionsByIndustry: facet(shownSolutions.facets, 'industries'),
    engagementsByStatus,
    engagementFunnel: funnelOf(engagementsByStatus, engagements.total),
    ...signedFigures(signed),
    citiesMatched: matched.length,
    vendorRanking: vendors.hits.map((v) => ({
      vendorId: v.id,
      name: v.name,
      city: v.city,
      deliveredCount: v.deliveredCount,
      ratingAvg: v.ratingAvg,
      ratingCount: v.ratingCount,
    })),
    scenarioRanking: interest.hits
      .filter((n) => n.engagementCount > 0)
      .map((n) => ({
        needId: n.id,
        title: n.title,
        orgName: n.orgName,
        city: n.city,
        industry: n.industry,
        engagementCount: n.engagementCount,
      })),
  };
}
