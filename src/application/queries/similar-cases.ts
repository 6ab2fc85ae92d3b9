/**
 * 一地创新、多地复用: delivered cases from other cities that fit a need. Candidates are the cases that share
 * the need's industry, scenario type or a technology, found both by the need's keywords and by recency;
 * each is then scored on how many of those keywords (weighted by TF-IDF) its texts hold and on the
 * taxonomy it shares, so that the explanation shown is the score's own.
 */
import { z } from 'zod';
import type { Need } from '../../domain/need/state.js';
import { parseInput } from '../../domain/shared/validation.js';
import type { CaseDocument } from '../../projections/cases-projection.js';
import { readModel } from '../../projections/read-models.js';
import type { Filter } from '../../search/filter.js';
import type { Hit, SearchIndex } from '../../search/port.js';
import { extractKeywords, type Keyword, MAX_QUERY_TERMS, normalize } from '../../search/tokenizer.js';
import { queryMessages } from './messages.js';

export type NeedForCases = Pick<
  Need,
  'id' | 'title' | 'description' | 'industry' | 'scenarioType' | 'technologies' | 'city'
>;

export interface CaseFit {
  /** The need's keywords found in the case's title, summary or solution title. */
  keywords: string[];
  sameIndustry: boolean;
  sameScenarioType: boolean;
  sharedTechnologies: string[];
}

export type SimilarCase = Hit<CaseDocument> & { score: number; fit: CaseFit };

export interface SimilarCases {
  needId: string;
  /** What the cases were searched with: the need's top keywords, at most the 10 the index reads. */
  keywords: string[];
  results: SimilarCase[];
}

export const MAX_SIMILAR_CASES = 20;

export const similarCasesQuerySchema = z.object({
  limit: z.coerce
    .number({ error: queryMessages.limit(MAX_SIMILAR_CASES) })
    .int(queryMessages.limit(MAX_SIMILAR_CASES))
    .min(1, queryMessages.limit(MAX_SIMILAR_CASES))
    .max(MAX_SIMILAR_CASES, queryMessages.limit(MAX_SIMILAR_CASES))
    .default(5)
    .meta({ description: `返回条数，默认 5，最多 ${MAX_SIMILAR_CASES}` }),
});
export type SimilarCasesQuery = z.input<typeof similarCasesQuerySchema>;

/** Text first: a case about the same problem matters more than one that merely shares a category. */
const WEIGHTS = { keywords: 0.5, industry: 0.2, scenarioType: 0.15, technologies: 0.15 } as const;
/** Cases per retrieval; a curated case library is small, so these cover the fitting ones many times over. */
const BY_KEYWORDS = 50;
const BY_RECENCY = 200;

function fitFilter(need: NeedForCases): Filter {
  const fits: Filter[] = [
    { field: 'industry', op: 'eq', value: need.industry },
    { field: 'scenarioType', op: 'eq', value: need.scenarioType },
  ];
  if (need.technologies.length > 0) fits.push({ field: 'technologies', op: 'in', value: need.technologies });
  return { and: [{ not: { field: 'city', op: 'eq', value: need.city } }, { or: fits }] };
}

function fitOf(need: NeedForCases, found: CaseDocument, keywords: Keyword[]) {
  const text = normalize(`${found.title}\n${found.summary}\n${found.solutionTitle}`);
  const matched = keywords.filter((k) => text.includes(k.keyword));
  const total = keywords.reduce((sum, k) => sum + k.weight, 0);
  const keywordScore = total > 0 ? matched.reduce((sum, k) => sum + k.weight, 0) / total : 0;
  const shared = need.technologies.filter((t) => found.technologies.includes(t));
  const fit: CaseFit = {
    keywords: matched.map((k) => k.keyword),
    sameIndustry: found.industry === need.industry,
    sameScenarioType: found.scenarioType === need.scenarioType,
    sharedTechnologies: shared,
  };
  const score =
    WEIGHTS.keywords * keywordScore +
    WEIGHTS.industry * Number(fit.sameIndustry) +
    WEIGHTS.scenarioType * Number(fit.sameScenarioType) +
    WEIGHTS.technologies * (need.technologies.length > 0 ? shared.length / need.technologies.length : 0);
  return { score: Math.round(score * 10_000) / 10_000, fit };
}

/** GET /api/v1/needs/:id/similar-cases: the best-fitting cases from other cities, best first. */
export async function similarCases(
  search: SearchIndex,
  need: NeedForCases,
  input: SimilarCasesQuery = {},
): Promise<SimilarCases> {
  const { limit } = parseInput(similarCasesQuerySchema, input);
  const keywords = extractKeywords(`${need.title}\n${need.description}`, MAX_QUERY_TERMS);
  const filter = fitFilter(need);
  const cases = readModel(search, 'cases');
  const [byKeywords, byRecency] = await Promise.all([
    keywords.length > 0
      ? cases.search({
          q: keywords.map((k) => k.keyword).join(' '),
          filter,
          pageSize: BY_KEYWORDS,
        })
      : null,
    cases.search({ filter, sort: ['createdAt:desc'], pageSize: BY_RECENCY }),
  ]);
  const candidates = new Map<string, CaseDocument>();
  for (const found of [...(byKeywords?.hits ?? []), ...byRecency.hits]) candidates.set(found.id, found);
  const results = [...candidates.values()]
    .map((found): SimilarCase => ({ ...found, ...fitOf(need, found, keywords) }))
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.replicatedTo.length - a.replicatedTo.length ||
        (b.createdAt ?? '').localeCompare(a.createdAt ?? '') ||
        a.id.localeCompare(b.id),
    )
    .slice(0, limit);
  return { needId: need.id, keywords: keywords.map((k) => k.keyword), results };
}
