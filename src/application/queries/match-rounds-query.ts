import type { z } from 'zod';
import { parseInput } from '../../domain/shared/validation.js';
import type { MatchRoundDocument } from '../../projections/match-rounds-projection.js';
import { readModel } from '../../projections/read-models.js';
import { allOf } from '../../search/filter.js';
import type { SearchIndex } from '../../search/port.js';
import { type ListPage, listPage, pagedQuery, statusParam } from './params.js';
import { whenGiven } from './visibility.js';

export const matchRoundListQuery = pagedQuery({
  status: statusParam(['running', 'completed', 'failed'], '轮次状态'),
});
export type MatchRoundListQuery = z.input<typeof matchRoundListQuery>;

/** A campaign's 云速配 match rounds, newest first. Who may see them is the caller's check. */
export async function listMatchRounds(
  search: SearchIndex,
  campaignId: string,
  input: MatchRoundListQuery,
): Promise<ListPage<MatchRoundDocument>> {
  const query = parseInput(matchRoundListQuery, input);
  const result = await readModel(search, 'match_rounds').search({
    filter: allOf({ field: 'campaignId', op: 'eq', value: campaignId }, whenGiven('status', query.status)),
    sort: ['startedAt:desc'],
    page: query.page,
    pageSize: query.pageSize,
  });
  return listPage(result);
}
