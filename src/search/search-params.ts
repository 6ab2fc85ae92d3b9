import type { IndexDefinition } from './definitions.js';
import { InvalidSearchError } from './errors.js';
import { type Filter, validateFilter } from './filter.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, type MatchingStrategy, type SearchParams } from './port.js';

export interface SortKey {
  field: string;
  order: 'asc' | 'desc';
}

/** SearchParams checked against the index definition, with defaults filled in. */
export interface NormalizedSearch {
  q: string;
  filter: Filter | undefined;
  facets: string[];
  sort: SortKey[];
  page: number;
  pageSize: number;
  highlight: string[];
  matchingStrategy: MatchingStrategy;
}

const SORT_RULE = /^([^:]+):(asc|desc)$/;

function positiveInteger(name: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 1 || value > max) {
    throw new InvalidSearchError(`${name} must be an integer from 1 to ${max}`);
  }
  return value;
}

export function normalizeSearch(params: SearchParams, definition: IndexDefinition): NormalizedSearch {
  if (params.filter !== undefined) validateFilter(params.filter, definition);
  const facets = params.facets ?? [];
  for (const facet of facets) {
    if (!definition.filterableAttributes.includes(facet)) {
      throw new InvalidSearchError(
        `${facet} is not a filterable attribute of ${definition.uid}, so not a facet`,
      );
    }
  }
  const sort = (params.sort ?? []).map((rule): SortKey => {
    const match = SORT_RULE.exec(rule);
    if (!match || !definition.sortableAttributes.includes(match[1]!)) {
      throw new InvalidSearchError(
        `${rule} is not attribute:asc|desc on a sortable attribute of ${definition.uid}`,
      );
    }
    return { field: match[1]!, order: match[2] as 'asc' | 'desc' };
  });
  const strategy = params.matchingStrategy ?? 'last';
  if (strategy !== 'all' && strategy !== 'last' && strategy !== 'frequency') {
    throw new InvalidSearchError(`matchingStrategy must be all, last or frequency`);
  }
  const pageSize = positiveInteger('pageSize', params.pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const maxTotalHits = definition.pagination?.maxTotalHits ?? Number.MAX_SAFE_INTEGER;
  const page = positiveInteger('page', params.page, 1, Math.max(1, Math.ceil(maxTotalHits / pageSize)));
  return {
    q: params.q?.trim() ?? '',
    filter: params.filter,
    facets: [...new Set(facets)],
    sort,
    page,
    pageSize,
    highlight: [...new Set(params.highlight ?? [])],
    matchingStrategy: strategy,
  };
}
