import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createMatchingService } from '../../../src/application/matching-service.js';
import { defaultMatchingConfig } from '../../../src/matching/config.js';
import { MatchLists } from '../../../src/matching/match-lists.js';
import { retrieveNeeds, retrieveSolutions } from '../../../src/matching/retrieval.js';
import type { NeedDocument } from '../../../src/projections/needs-projection.js';
import type { SolutionDocument } from '../../../src/projections/solutions-projection.js';
import type { VendorDocument } from '../../../src/projections/vendors-projection.js';
import { loadDefinitions } from '../../../src/search/definitions.js';
import type { SearchDocument, SearchIndex } from '../../../src/search/port.js';
import { openSqliteSearchIndex } from '../../../src/search/sqlite/sqlite-search-index.js';
import { aNeed, aSolution, aVendor, NOW } from './fixtures.js';

/**
 * Retrieval against a real (SQLite) search index holding documents shaped as the projections write them, so
 * that each hard constraint and each way of finding a candidate can be set up exactly.
 */
const logger = pino({ level: 'silent' });
const settings = defaultMatchingConfig.retrieval;
/** Keyword searches only: filter-only searches run when keywords found nothing at all. */
const keywordsOnly = { ...settings, filterHits: 1 };
const PUBLISHED = '2025-05-01T00:00:00.000Z';

const solutionDoc = (overrides: Partial<SolutionDocument> = {}): SolutionDocument => ({
  ...aSolution(),
  revision: 1,
  deployment: 'saas',
  vendorStatus: 'verified',
  vendorName: '潍坊织视智能科技有限公司',
  campaignId: null,
  rejectionReason: null,
  createdAt: PUBLISHED,
  submittedAt: PUBLISHED,
  publishedAt: PUBLISHED,
  retiredAt: null,
  ...overrides,
});
const needDoc = (overrides: Partial<NeedDocument> = {}): NeedDocument => ({
  ...aNeed(),
  revision: 1,
  orgName: '',
  campaignId: null,
  deadline: null,
  rejectionReason: null,
  engagementId: null,
  engagementCount: 0,
  createdAt: PUBLISHED,
  submittedAt: PUBLISHED,
  publishedAt: PUBLISHED,
  ...overrides,
});
const vendorDoc = (overrides: Partial<VendorDocument> = {}): VendorDocument => ({
  ...aVendor(),
  revision: 1,
  description: '',
  solutionCount: 0,
  solutionIds: [],
  industries: [],
  scenarioTypes: [],
  technologies: [],
  citiesServed: [],
  engagementsByStatus: {},
  engagementCount: 0,
  signedAmountWan: 0,
  registeredAt: PUBLISHED,
  verifiedAt: PUBLISHED,
  ...overrides,
});

/** Another vendor's unrelated listing, so that a search has something to leave out. */
const finance = solutionDoc({
  id: 's-finance',
  vendorId: 'org-finance',
  title: '供应链金融服务平台',
  description: '应收账款债权凭证的签发、拆分与融资，核心企业信用沿供应链传递。',
  industries: ['modern-finance'],
  scenarioTypes: ['supply-chain'],
  technologies: ['blockchain'],
});

describe('retrieval from the search index', () => {
  const opened: SearchIndex[] = [];
  afterEach(async () => {
    for (const search of opened.splice(0)) await search.close();
  });

  let position = 0n;
  async function indexWith(docs: {
    solutions?: SolutionDocument[];
    needs?: NeedDocument[];
    vendors?: VendorDocument[];
  }) {
    const search = openSqliteSearchIndex({ path: ':memory:', logger });
    opened.push(search);
    for (const definition of loadDefinitions().values()) await search.applySettings(definition);
    for (const [index, upserts] of Object.entries(docs)) {
      position += 1n;
      await search.applyBatch(index, { upserts: upserts as SearchDocument[] }, position);
    }
    return search;
  }

  it('never retrieves a retired solution, one of a suspended vendor, or one of the need’s own organization', async () => {
    const need = aNeed({ orgId: 'org-both' });
    const search = await indexWith({
      solutions: [
        solutionDoc({ id: 's-good' }),
        solutionDoc({ id: 's-retired', status: 'retired' }),
        solutionDoc({ id: 's-suspended', vendorId: 'org-suspended', vendorStatus: 'suspended' }),
        solutionDoc({ id: 's-own', vendorId: 'org-both' }),
        finance,
      ],
      vendors: [
        vendorDoc(),
        vendorDoc({ id: 'org-suspended', status: 'suspended' }),
        vendorDoc({ id: 'org-both' }),
        vendorDoc({ id: 'org-finance' }),
      ],
      needs: [needDoc({ orgId: 'org-both' })],
    });
    const retrieved = await retrieveSolutions(search, need, settings);
    expect(retrieved.candidates.map((c) => c.id)).toEqual(['s-good']);

    const matching = createMatchingService({ search, clock: () => NOW, logger });
    const results = await matching.rankSolutions(need, { now: NOW });
    expect(results.map((r) => r.solutionId)).toEqual(['s-good']);
  });

  it('searches with at most 10 keywords extracted from the need, never with its description', async () => {
    const search = await indexWith({ solutions: [solutionDoc()], vendors: [vendorDoc()] });
    const { keywords } = await retrieveSolutions(search, aNeed(), settings);
    expect(keywords.length).toBeGreaterThan(3);
    expect(keywords.length).toBeLessThanOrEqual(10);
    expect(keywords).toContain('疵点');
    for (const keyword of keywords) expect(aNeed().description.length).toBeGreaterThan(keyword.length * 4);
  });

  it('finds a solution that names the technology by another of its taxonomy names, through the index synonyms', async () => {
    const need = aNeed({
      title: '冲压件表面缺陷视觉检测',
      description: '冲压车间依靠人工目检，希望用视觉检测在线发现划痕与裂纹。',
      technologies: [],
    });
    // Says 机器视觉 where the need says 视觉检测, shares no other word with it, and carries none of its tags.
    const synonym = solutionDoc({
      id: 's-synonym',
      title: '机器视觉平台',
      description: '机器视觉平台。',
      industries: ['modern-finance'],
      scenarioTypes: ['supply-chain'],
      technologies: ['blockchain'],
    });
    const search = await indexWith({
      solutions: [synonym, finance],
      vendors: [vendorDoc(), vendorDoc({ id: 'org-finance' })],
    });
    const retrieved = await retrieveSolutions(search, need, keywordsOnly);
    expect(retrieved.keywords).toContain('视觉检测');
    expect(retrieved.candidates.map((c) => c.id)).toEqual(['s-synonym']);
  });

  it('finds, when keywords find nothing, solutions that fit the need’s technology, industry or scenario tags', async () => {
    const need = aNeed({ title: '甲乙丙丁', description: '戊己庚辛壬癸子丑寅卯。' });
    const byTechnology = solutionDoc({
      id: 's-tech',
      industries: ['modern-finance'],
      scenarioTypes: ['supply-chain'],
    });
    const byIndustry = solutionDoc({
      id: 's-industry',
      technologies: ['blockchain'],
      scenarioTypes: ['supply-chain'],
    });
    const search = await indexWith({
      solutions: [byTechnology, byIndustry, finance],
      vendors: [vendorDoc(), vendorDoc({ id: 'org-finance' })],
    });
    const retrieved = await retrieveSolutions(search, need, settings);
    expect(retrieved.candidates.map((c) => c.id).sort()).toEqual(['s-industry', 's-tech']);
  });

  it('retrieves for a solution only open needs of other organizations (the reverse direction)', async () => {
    const solution = aSolution({ vendorId: 'org-vendor' });
    const search = await indexWith({
      needs: [
        needDoc({ id: 'n-open' }),
        needDoc({ id: 'n-draft', status: 'draft' }),
        needDoc({ id: 'n-expired', deadline: '2025-01-31' }),
        needDoc({ id: 'n-due-later', deadline: '2025-12-31' }),
        needDoc({ id: 'n-own', orgId: 'org-vendor' }),
      ],
    });
    const retrieved = await retrieveNeeds(search, solution, NOW, settings);
    expect(retrieved.candidates.map((c) => c.id).sort()).toEqual(['n-due-later', 'n-open']);
  });

  it('ranks needs for a solution and for its vendor, and nothing once the solution is retired', async () => {
    const search = await indexWith({
      solutions: [solutionDoc(), solutionDoc({ id: 's-retired', status: 'retired', title: '金融' })],
      vendors: [vendorDoc()],
      needs: [
        needDoc({ id: 'n-fabric' }),
        needDoc({
          id: 'n-finance',
          title: finance.title,
          description: finance.description,
          industry: 'modern-finance',
          scenarioType: 'supply-chain',
          technologies: ['blockchain'],
          orgId: 'org-x',
        }),
      ],
    });
    const matching = createMatchingService({ search, clock: () => NOW, logger });
    const vendorActor = { userId: 'u', orgId: 'org-vendor', role: 'vendor' as const };
    // The solution's list as its projection stores it (the API reads the stored list).
    const lists = new MatchLists({ search, clock: () => NOW, logger });
    const forSolution = (await lists.solutionList('solution-1'))!;
    expect(forSolution.results.map((r) => r.needId)).toEqual(['n-fabric']);
    expect(forSolution.results[0]!.reasons.length).toBeGreaterThan(0);
    const forVendor = await matching.recommendedNeeds(vendorActor, 'org-vendor');
    expect(forVendor.results.map((r) => [r.needId, r.solutionId])).toEqual([['n-fabric', 'solution-1']]);
    expect(await lists.solutionList('s-retired')).toBeNull();
    await expect(
      matching.matchesForSolution({ userId: 'u2', orgId: 'org-other', role: 'vendor' }, 'solution-1'),
    ).rejects.toMatchObject({ code: 'matching.not_solution_owner', status: 403 });
  });
});
