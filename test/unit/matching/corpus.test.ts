import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultMatchingConfig } from '../../../src/matching/config.js';
import { ListingCorpus } from '../../../src/matching/corpus.js';
import { offerableSolutionsFilter, openNeedsFilter } from '../../../src/matching/retrieval.js';
import { technologiesMentionedIn } from '../../../src/matching/technology-terms.js';
import {
  type AnalyzedText,
  analyzeListing,
  type CorpusStats,
  corpusStatsOf,
  type Listing,
} from '../../../src/matching/text-similarity.js';
import type { NeedDocument } from '../../../src/projections/needs-projection.js';
import type { SolutionDocument } from '../../../src/projections/solutions-projection.js';
import { loadDefinitions } from '../../../src/search/definitions.js';
import type { SearchIndex } from '../../../src/search/port.js';
import { openSqliteSearchIndex } from '../../../src/search/sqlite/sqlite-search-index.js';
import { indexTokens } from '../../../src/search/tokenizer.js';
import { aNeed, aSolution, NOW } from './fixtures.js';

const logger = pino({ level: 'silent' });
const analyze = (listing: Listing) => analyzeListing(listing, indexTokens, defaultMatchingConfig.text);

const doc = (id: string, title: string, description: string, overrides: Partial<SolutionDocument> = {}) =>
  ({
    ...aSolution({ id, title, description }),
    revision: 1,
    vendorStatus: 'verified',
    ...overrides,
  }) as SolutionDocument;

const WORDS = ['疵点', '检测', '冷链', '温度', '排产', '视觉'];

/** The statistics as numbers, for the words above: what a fresh count over the same listings must give. */
function summary(stats: CorpusStats) {
  return {
    documents: stats.words.documentCount,
    averageWords: stats.words.averageLength,
    averageBigrams: stats.bigrams.averageLength,
    frequencies: WORDS.map((w) => stats.words.documentFrequency(w)),
  };
}

const freshCount = (docs: Listing[]) =>
  summary(corpusStatsOf(docs.map((d): AnalyzedText => analyze({ ...d }))));

describe('corpus statistics kept up to date', () => {
  const opened: SearchIndex[] = [];
  afterEach(async () => {
    for (const search of opened.splice(0)) await search.close();
  });

  it('counts every published solution once and follows additions, edits and withdrawals incrementally', async () => {
    const search = openSqliteSearchIndex({ path: ':memory:', logger });
    opened.push(search);
    for (const definition of loadDefinitions().values()) await search.applySettings(definition);
    const fabric = doc('s-fabric', '布面疵点检测', '织机上视觉检测疵点。');
    const cold = doc('s-cold', '冷链温度监控', '冷库温度实时监测。');
    const plan = doc('s-plan', '智能排产', '车间排产与插单。');
    await search.applyBatch('solutions', { upserts: [fabric, cold, plan] }, 1n);

    const corpus = new ListingCorpus({
      search,
      index: 'solutions',
      filter: () => offerableSolutionsFilter(),
      analyze,
      logger,
      pageSize: 2,
    });
    const stats = await corpus.stats(NOW);
    expect(summary(stats)).toEqual(freshCount([fabric, cold, plan]));
    expect(corpus.analysisOf(fabric)).toBeDefined();

    const reworded = {
      ...cold,
      revision: 2,
      description: '冷藏车温度与视觉监控。',
      updatedAt: '2025-05-02T00:00:00.000Z',
    };
    const added = doc('s-vision', '视觉检测平台', '表面缺陷视觉检测。', {
      updatedAt: '2025-05-03T00:00:00.000Z',
    });
    const retired = { ...plan, revision: 2, status: 'retired' };
    await search.applyBatch('solutions', { upserts: [reworded, added, retired] }, 2n);

    const refresh = await corpus.refresh(NOW);
    expect(refresh).toMatchObject({ scanned: true, documents: 3, analyzed: 3 });
    expect(summary(stats)).toEqual(freshCount([fabric, reworded, added]));
    expect(corpus.analysisOf(cold)).toBeUndefined();
    expect(corpus.analysisOf(reworded)).toBeDefined();
    expect(corpus.analysisOf(plan)).toBeUndefined();

    expect(await corpus.refresh(NOW)).toMatchObject({ scanned: false, documents: 3 });
  });

  it("hands over a need's analysis, brief included, so that ranking never segments it again", async () => {
    const search = openSqliteSearchIndex({ path: ':memory:', logger });
    opened.push(search);
    for (const definition of loadDefinitions().values()) await search.applySettings(definition);
    const need = {
      ...aNeed({ id: 'n-brief', technologies: [] }),
      problem: '冲压件表面划痕靠人工目检。',
      goals: '引入机器视觉检测。',
      requirements: '支持物联网采集。',
      acceptanceCriteria: ['漏检率低于千分之一'],
      revision: 1,
      updatedAt: '2025-05-01T00:00:00.000Z',
    } as NeedDocument;
    await search.applyBatch('needs', { upserts: [need] }, 1n);
    const corpus = new ListingCorpus({
      search,
      index: 'needs',
      filter: (now) => openNeedsFilter(now),
      analyze,
      logger,
    });
    await corpus.stats(NOW);

    // A hit read back from the index, as retrieval hands candidates over: a new object each time.
    const hit = (await search.get<NeedDocument>('needs', need.id))!;
    expect(corpus.analysisOf(hit)).toEqual(analyze({ ...hit }));
    // The mentions the technology factor reads of a listing: its title and description, not the brief.
    expect(corpus.mentionsOf(hit)).toEqual(technologiesMentionedIn({ ...hit }));
    expect(corpus.mentionsOf(hit)).not.toContain('iot');
    expect(corpus.analysisOf({ ...hit, goals: '改为人工复检。' })).toBeUndefined();
  });
});
