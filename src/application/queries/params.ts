/**
 * The query parameters every list shares, as zod schemas that the HTTP routes also declare for OpenAPI:
 * values arrive as strings (numbers are coerced) and each rule has its own Chinese message.
 */
import { z } from 'zod';
import {
  type FacetDistribution,
  type Hit,
  MAX_PAGE_SIZE as INDEX_PAGE_SIZE,
  type SearchDocument,
  type SearchResult,
  type SortRule,
} from '../../search/port.js';
import { queryMessages } from './messages.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;
/** The index definitions' `pagination.maxTotalHits`: neither backend pages past it. */
export const MAX_TOTAL_HITS = 100_000;

/** Keywords; the index reads only their first 10 words. */
export const queryText = z
  .string()
  .trim()
  .max(200, queryMessages.q)
  .optional()
  .meta({ description: '关键词（按词切分，只取前 10 个词）' });

/**
 * One code or id to filter on, taken as a value and nothing else: the filter AST binds it, so `jinan OR
 * status = draft` is a city no listing has, never a condition.
 */
export function codeParam(name: string, description: string) {
  return z
    .string()
    .trim()
    .min(1, queryMessages.code(name))
    .max(64, queryMessages.code(name))
    .optional()
    .meta({ description });
}

export function idParam(name: string, description: string) {
  return z
    .string()
    .trim()
    .min(1, queryMessages.id(name))
    .max(64, queryMessages.id(name))
    .optional()
    .meta({ description });
}

export function statusParam<const Status extends string>(
  statuses: readonly [Status, ...Status[]],
  description: string,
) {
  return z
    .enum(statuses, { error: queryMessages.status(statuses) })
    .optional()
    .meta({ description });
}

/** `relevance` (the default with keywords: best matches first) or one of the index's sort rules. */
export const RELEVANCE = 'relevance';

export function sortParam<const Rule extends SortRule>(
  rules: readonly [Rule, ...Rule[]],
  description: string,
) {
  const allowed: [typeof RELEVANCE | Rule, ...(typeof RELEVANCE | Rule)[]] = [RELEVANCE, ...rules];
  return z
    .enum(allowed, { error: queryMessages.sort(allowed) })
    .optional()
    .meta({ description });
}

/** A boolean, or its spelling in a URL (`true`/`false`, `1`/`0`…), so that a parsed query parses again. */
export const mineParam = z
  .union([z.boolean(), z.stringbool()], { error: queryMessages.mine })
  .optional()
  .meta({ description: 'true：只看本机构的发布（含草稿、审核中、被退回等全部状态）' });

const pageShape = {
  page: z.coerce
    .number({ error: queryMessages.page })
    .int(queryMessages.page)
    .min(1, queryMessages.page)
    .default(1)
    .meta({ description: '页码，从 1 开始' }),
  pageSize: z.coerce
    .number({ error: queryMessages.pageSize(MAX_PAGE_SIZE) })
    .int(queryMessages.pageSize(MAX_PAGE_SIZE))
    .min(1, queryMessages.pageSize(MAX_PAGE_SIZE))
    .max(MAX_PAGE_SIZE, queryMessages.pageSize(MAX_PAGE_SIZE))
    .default(DEFAULT_PAGE_SIZE)
    .meta({ description: `每页条数，默认 ${DEFAULT_PAGE_SIZE}，最多 ${MAX_PAGE_SIZE}` }),
};

interface Paging {
  page: number;
  pageSize: number;
}

function withinWindow({ page, pageSize }: Paging, ctx: z.RefinementCtx) {
  if ((page - 1) * pageSize >= MAX_TOTAL_HITS) {
    ctx.addIssue({ code: 'custom', path: ['page'], message: queryMessages.pageWindow(MAX_TOTAL_HITS) });
  }
}

/** A list's query: its own parameters plus page and pageSize, which may not reach past MAX_TOTAL_HITS. */
export function pagedQuery<Shape extends z.ZodRawShape>(shape: Shape) {
  // The generic shape hides from TypeScript that the output always has page and pageSize.
  return z.object({ ...shape, ...pageShape }).superRefine((query, ctx) => withinWindow(query as Paging, ctx));
}

/** What every list answers: `facets` in Meilisearch's facetDistribution shape, over the whole result set. */
export interface ListPage<D extends SearchDocument> {
  hits: Hit<D>[];
  total: number;
  page: number;
  pageSize: number;
  facets: FacetDistribution;
  /** The corrected spelling the page was searched with, when the keywords as typed found nothing. */
  correctedQuery?: string;
  /** The words searched instead when the keywords found nothing here, borrowed from the other side's listings. */
  relatedQuery?: string;
}

export function listPage<D extends SearchDocument>(result: SearchResult<D>): ListPage<D> {
  return {
    hits: result.hits,
    total: result.total,
    page: result.page,
    pageSize: result.pageSize,
    facets: result.facetDistribution,
  };
}

/**
 * The sort rules to search with: the caller's choice, else relevance when there are keywords, else the
 * list's own order (newest first).
 */
export function sortRules(sort: string | undefined, q: string | undefined, fallback: SortRule[]): SortRule[] {
  if (sort && sort !== RELEVANCE) return [sort as SortRule];
  return q ? [] : fallback;
}

/**
 * The lines of a log for a spreadsheet: the search's pages read in turn (each as large as the index answers)
 * until `cap` lines; `total` says how many the filter found, so the sheet can tell what it left out.
 */
export async function upToCap<D extends SearchDocument>(
  cap: number,
  read: (page: number, pageSize: number) => Promise<SearchResult<D>>,
): Promise<{ rows: D[]; total: number }> {
  const rows: D[] = [];
  let total = 0;
  for (let page = 1; rows.length < cap; page++) {
    const result = await read(page, INDEX_PAGE_SIZE);
    total = result.total;
    rows.push(...result.hits);
    if (result.hits.length < INDEX_PAGE_SIZE) break;
  }
  return { rows: rows.slice(0, cap), total };
}
