import { z } from '@hono/zod-openapi';
import type { CaseDocument } from '../../projections/cases-projection.js';
import type { NeedDocument } from '../../projections/needs-projection.js';
import type { SolutionDocument } from '../../projections/solutions-projection.js';
import type { SearchDocument, SearchIndex } from '../../search/port.js';
import type { ProjectionStatus } from '../read-your-writes.js';

/**
 * What the read routes (lists, search, profiles, stats) work with: the search index the projections fill,
 * and how far those projections have read, for `?after=` / `X-Min-Position`.
 */
export interface ReadModelDeps {
  search: SearchIndex;
  projections: Pick<ProjectionStatus, 'waitFor'>;
}

/** Declared for the OpenAPI document; the readAfter middleware reads and checks it. */
export const afterShape = {
  after: z.string().optional().openapi({
    description:
      '读己之写：命令响应的 X-Position；等待索引追上（最多 2 秒），否则带 X-Stale: true 返回现有结果。也可用请求头 X-Min-Position',
    example: '1024',
  }),
};

export const FacetsSchema = z
  .record(z.string(), z.record(z.string(), z.number().int()))
  .openapi({ description: '分面计数（Meilisearch facetDistribution 形式），针对全部结果而非当前页' });

const HighlightSchema = z
  .record(z.string(), z.string())
  .optional()
  .openapi({ description: '有关键词时：已做 HTML 转义、命中词以 <em> 标出的字段' });

/**
 * Schemas of some fields of a read-model document: each field named must be one the projection writes, and
 * the schema must accept every value the document's type allows there (null aside: timestamps the domain
 * state leaves null before the entity exists are always set once it is in an index).
 */
type DocumentFields<Document, Shape> = {
  [Field in keyof Shape]: Field extends keyof Document
    ? Shape[Field] extends z.ZodType
      ? NonNullable<Document[Field]> extends z.input<Shape[Field]>
        ? Shape[Field]
        : never
      : never
    : never;
};

/**
 * A search hit of one read model: the index document as its projection wrote it (every field is returned;
 * the schema lists those the API documents), with `_highlight` when searched by keyword.
 * `hitSchema<NeedDocument>()({ title: z.string(), … })`.
 */
export function hitSchema<Document extends SearchDocument>() {
  return <Shape extends z.ZodRawShape>(shape: Shape & DocumentFields<Document, Shape>) =>
    z.object({ id: z.string(), ...shape, _highlight: HighlightSchema }).loose();
}

const listShape = <Hit extends z.ZodType>(hit: Hit) => ({
  hits: z.array(hit),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  facets: FacetsSchema,
});

export function listSchema<Hit extends z.ZodType>(name: string, hit: Hit) {
  return z.object(listShape(hit)).openapi(name);
}

/**
 * A keyword search's page: a list, and which spelling or related words it ran when the keywords as typed found
 * nothing.
 */
export function searchListSchema<Hit extends z.ZodType>(name: string, hit: Hit) {
  return z
    .object({
      ...listShape(hit),
      correctedQuery: z.string().optional().openapi({
        description:
          '关键词没有找到结果时，按更正后的写法（如“医供体”更正为“医共体”）搜索；有此字段时，本页是这个写法的结果',
      }),
      relatedQuery: z.string().optional().openapi({
        description:
          '关键词（及其更正写法）没有找到结果、而另一方（查需求时为方案，查方案时为需求）有含此关键词的内容时，取那些内容的主题词搜索；有此字段时，本页是这些相关词的结果',
      }),
    })
    .openapi(name);
}

const WanRange = z.object({ min: z.number(), max: z.number() });

export const NeedHitSchema = hitSchema<NeedDocument>()({
  title: z.string(),
  description: z.string(),
  industry: z.string(),
  scenarioType: z.string(),
  technologies: z.array(z.string()),
  city: z.string(),
  budgetWan: WanRange,
  problem: z.string().nullable().optional().openapi({ description: '现状与痛点' }),
  goals: z.string().nullable().optional().openapi({ description: '建设目标' }),
  requirements: z.string().nullable().optional().openapi({ description: '技术要求' }),
  acceptanceCriteria: z.array(z.string()).optional().openapi({ description: '验收指标' }),
  periodMonths: z.number().int().nullable().optional().openapi({ description: '实施周期（月）' }),
  status: z.string(),
  orgId: z.string(),
  orgName: z.string(),
  campaignId: z.string().nullable(),
  deadline: z.string().nullable(),
  engagementCount: z.number().int(),
  publishedAt: z.string().nullable(),
}).openapi('NeedHit');

export const SolutionHitSchema = hitSchema<SolutionDocument>()({
  title: z.string(),
  description: z.string(),
  industries: z.array(z.string()),
  scenarioTypes: z.array(z.string()),
  technologies: z.array(z.string()),
  regionsServed: z.array(z.string()),
  priceWan: WanRange,
  deployment: z.string(),
  status: z.string(),
  vendorId: z.string(),
  vendorName: z.string(),
  publishedAt: z.string().nullable(),
}).openapi('SolutionHit');

export const CaseHitSchema = hitSchema<CaseDocument>()({
  title: z.string(),
  summary: z.string(),
  needId: z.string(),
  engagementId: z.string(),
  solutionId: z.string(),
  vendorId: z.string(),
  vendorName: z.string(),
  city: z.string(),
  industry: z.string(),
  scenarioType: z.string(),
  technologies: z.array(z.string()),
  amountWan: z.number().nullable(),
  replicatedTo: z.array(z.string()),
  createdAt: z.string(),
}).openapi('CaseHit');
