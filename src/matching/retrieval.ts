/**
 * Candidate retrieval from the search index, the first half of 云速配 (scoring is the second): the listings
 * worth scoring for a need, or for a solution in the reverse direction, found by
 * - keyword searches with the listing's keywords (jieba TF-IDF, at most 10, ordered for the corpus searched:
 *   listingKeywords), never its description, which Meilisearch would cut to its first 10 words. With
 *   Meilisearch's `last` strategy a search finds only listings holding its first word and ranks them by how
 *   many of the following words they hold, so a few short searches are made, the first led by the best
 *   keyword, the next by the second best, and so on. The index expands the taxonomy synonyms itself;
 * - when keywords found few listings, filter-only searches on each tag the listing carries (technologies,
 *   industry, scenario type), newest first, for listings that fit the tags but word things differently. When
 *   keywords find plenty, these broad and costly searches would only add arbitrary listings.
 * The hard constraints are part of every filter (and checked again by eligibility when scoring): only
 * published solutions of verified vendors, only open needs, never the other side's own organization.
 */
import { technologies } from '../domain/shared/taxonomy.js';
import type { NeedDocument } from '../projections/needs-projection.js';
import type { SolutionDocument } from '../projections/solutions-projection.js';
import type { VendorDocument } from '../projections/vendors-projection.js';
import { allOf, type Filter } from '../search/filter.js';
import type { SearchIndex, SearchParams } from '../search/port.js';
import { technologySynonyms } from '../search/synonyms.js';
import { extractKeywords, normalize } from '../search/tokenizer.js';
import { idf } from './bm25.js';
import type { MatchingConfig } from './config.js';
import { termCount } from './term-vector.js';
import { type AnalyzedText, type CorpusStats, type Listing, listingBody } from './text-similarity.js';
import type { NeedDoc, SolutionDoc } from './types.js';

export type RetrievalSettings = MatchingConfig['retrieval'];

export interface Retrieved<D> {
  candidates: D[];
  /** The words the keyword search was made with, best first. */
  keywords: string[];
}

/** Each technology label and alias, lower-cased, with the words the index treats as the same (its synonyms). */
const synonyms = new Map(
  Object.entries(technologySynonyms(technologies)).map(([word, others]) => [
    normalize(word),
    others.map((other) => normalize(other)),
  ]),
);

/** How many listings of the corpus hold the word or, through the index's synonyms, one meaning the same. */
function reach(word: string, corpus: CorpusStats): number {
  const alike = [word, ...(synonyms.get(word) ?? [])];
  return Math.max(...alike.map((w) => corpus.words.documentFrequency(w)));
}

/**
 * The keywords a listing is searched with, most telling first. Jieba's TF-IDF picks the content words of the
 * title and description (its IDF is that of general Chinese); they are then ordered by the weight the text
 * factor will give them, how often the listing uses the word (the title counting double) times its rarity in
 * the corpus searched, discounted when the word is much more common on the listing's own side than on the
 * other: with Meilisearch's `last` strategy only listings holding the first keyword are found, so a word needs
 * use and solutions seldom do (建设, 希望) must not lead. Words no listing of the corpus uses, even through a
 * synonym, come last.
 */
export function listingKeywords(listing: Listing, count: number, weighing?: KeywordWeighing): string[] {
  const pool = extractKeywords(`${listing.title}\n${listingBody(listing)}`, count * 2).map((k) => k.keyword);
  if (!weighing) return pool.slice(0, count);
  const { corpus, text, ownSide } = weighing;
  const share = (found: number, stats: CorpusStats) => found / Math.max(stats.words.documentCount, 1);
  const weighed = pool.map((word, i) => {
    const found = reach(word, corpus);
    if (found === 0) return { word, weight: 0, i };
    const own = ownSide ? share(ownSide.words.documentFrequency(word), ownSide) : 0;
    const bridge = own > 0 ? Math.min(1, share(found, corpus) / own) : 1;
    return { word, weight: (termCount(text.words, word) || 1) * idf(word, corpus.words) * bridge, i };
  });
  return weighed
    .sort((a, b) => b.weight - a.weight || a.i - b.i)
    .slice(0, count)
    .map((k) => k.word);
}

/** Solutions that may be offered: published, of a verified vendor, and not of `exceptOrgId`. */
export function offerableSolutionsFilter(exceptOrgId?: string): Filter {
  return allOf(
    { field: 'status', op: 'eq', value: 'published' },
    { field: 'vendorStatus', op: 'eq', value: 'verified' },
    exceptOrgId ? { not: { field: 'vendorId', op: 'eq', value: exceptOrgId } } : undefined,
  )!;
}

const DAY_MS = 86_400_000;

/**
 * Published needs whose deadline (a day) has not passed, not of the organizations `exceptOrgIds`. The day
 * before today is kept so that time zones never drop a need still open somewhere; eligibility then checks the
 * exact moment.
 */
export function openNeedsFilter(now: Date, exceptOrgIds: readonly string[] = []): Filter {
  const yesterday = new Date(now.getTime() - DAY_MS).toISOString().slice(0, 10);
  return allOf(
    { field: 'status', op: 'eq', value: 'published' },
    {
      or: [{ not: { field: 'deadline', op: 'exists' } }, { field: 'deadline', op: 'gte', value: yesterday }],
    },
    exceptOrgIds.length === 1 ? { not: { field: 'orgId', op: 'eq', value: exceptOrgIds[0]! } } : undefined,
    exceptOrgIds.length > 1 ? { not: { field: 'orgId', op: 'in', value: [...exceptOrgIds] } } : undefined,
  )!;
}

/** What orders the keywords (see listingKeywords). */
export interface KeywordWeighing {
  /** Statistics of the corpus searched. */
  corpus: CorpusStats;
  /** The listing's own analyzed text. */
  text: AnalyzedText;
  /** Statistics of the listing's own side (needs, when searching solutions for a need). */
  ownSide?: CorpusStats;
}

/**
 * The listing indexes retrieval reads, by the documents their projections write. Named here rather than read
 * through `readModel`: the match-list projections rank with this module, and `read-models.ts` names theirs.
 */
interface ListingIndexes {
  needs: NeedDocument;
  solutions: SolutionDocument;
}

interface TagFilter {
  field: string;
  values: readonly string[];
}

async function retrieve<I extends keyof ListingIndexes>(
  search: SearchIndex,
  index: I,
  listing: Listing,
  base: Filter,
  tags: TagFilter[],
  settings: RetrievalSettings,
  weighing?: KeywordWeighing,
): Promise<Retrieved<ListingIndexes[I]>> {
  const keywords = listingKeywords(listing, settings.keywords, weighing);
  const listings = {
    search: (params: SearchParams) => search.search<ListingIndexes[I]>(index, params),
  };
  const candidates = new Map<string, ListingIndexes[I]>();
  const take = (hits: ListingIndexes[I][]) => {
    for (const hit of hits) if (!candidates.has(hit.id)) candidates.set(hit.id, hit);
  };
  for (const [lead, pageSize] of settings.keywordSearches.slice(0, keywords.length).entries()) {
    const q = keywords.slice(lead, lead + settings.termsPerSearch).join(' ');
    take((await listings.search({ q, filter: base, pageSize, matchingStrategy: 'last' })).hits);
  }
  if (candidates.size < settings.filterHits) {
    for (const { field, values } of tags) {
      if (values.length === 0) continue;
      const tag: Filter =
        values.length === 1
          ? { field, op: 'eq', value: values[0]! }
          : { field, op: 'in', value: [...values] };
      const params: SearchParams = {
        filter: allOf(base, tag),
        sort: ['publishedAt:desc'],
        pageSize: settings.filterHits,
      };
      take((await listings.search(params)).hits);
    }
  }
  return { candidates: [...candidates.values()], keywords };
}

/** Solutions worth scoring for a need. */
export function retrieveSolutions(
  search: SearchIndex,
  need: NeedDoc,
  settings: RetrievalSettings,
  weighing?: KeywordWeighing,
): Promise<Retrieved<SolutionDocument>> {
  const tags = [
    { field: 'technologies', values: need.technologies },
    { field: 'industries', values: [need.industry] },
    { field: 'scenarioTypes', values: [need.scenarioType] },
  ];
  return retrieve(search, 'solutions', need, offerableSolutionsFilter(need.orgId), tags, settings, weighing);
}

/**
 * Open needs worth scoring for a solution (the reverse direction), none of the organizations `exceptOrgIds`
 * (besides the solution's own).
 */
export function retrieveNeeds(
  search: SearchIndex,
  solution: SolutionDoc,
  now: Date,
  settings: RetrievalSettings,
  weighing?: KeywordWeighing,
  exceptOrgIds: readonly string[] = [],
): Promise<Retrieved<NeedDocument>> {
  const tags = [
    { field: 'technologies', values: solution.technologies },
    { field: 'industry', values: solution.industries },
    { field: 'scenarioType', values: solution.scenarioTypes },
  ];
  return retrieve(
    search,
    'needs',
    solution,
    openNeedsFilter(now, [solution.vendorId, ...exceptOrgIds]),
    tags,
    settings,
    weighing,
  );
}

const ID_BATCH = 500;

/** The vendor profiles of the given organizations; an id the index does not know is left out. */
export async function vendorsById(
  search: SearchIndex,
  ids: Iterable<string>,
): Promise<Map<string, VendorDocument>> {
  const wanted = [...new Set(ids)];
  const vendors = new Map<string, VendorDocument>();
  for (let i = 0; i < wanted.length; i += ID_BATCH) {
    const batch = wanted.slice(i, i + ID_BATCH);
    const result = await search.search<VendorDocument>('vendors', {
      filter: { field: 'id', op: 'in', value: batch },
      pageSize: batch.length,
    });
    for (const vendor of result.hits) vendors.set(vendor.id, vendor);
  }
  return vendors;
}
