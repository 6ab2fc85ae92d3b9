import type { z } from 'zod';
import { scopeSchema } from '../../domain/shared/scope.js';
import { parseInput } from '../../domain/shared/validation.js';
import type { CampaignDocument } from '../../projections/campaigns-projection.js';
import { readModel } from '../../projections/read-models.js';
import { allOf } from '../../search/filter.js';
import type { SearchIndex } from '../../search/port.js';
import { type ListPage, listPage, pagedQuery, queryText, sortRules, statusParam } from './params.js';
import { whenGiven } from './visibility.js';

export const campaignQuerySchema = pagedQuery({
  q: queryText,
  status: statusParam(['open', 'closed', 'published'], '批次状态'),
  kind: statusParam(['needs', 'solutions', 'both'], '征集内容：需求、方案或两者'),
  scope: scopeSchema.optional(),
});
export type CampaignQuery = z.input<typeof campaignQuerySchema>;

/** GET /api/v1/campaigns: collection campaigns, newest first unless searched by title. Public. */
export async function searchCampaigns(
  search: SearchIndex,
  input: CampaignQuery,
): Promise<ListPage<CampaignDocument>> {
  const query = parseInput(campaignQuerySchema, input);
  const result = await readModel(search, 'campaigns').search({
    q: query.q,
    filter: allOf(
      whenGiven('status', query.status),
      whenGiven('kind', query.kind),
      whenGiven('scope', query.scope),
    ),
    sort: sortRules(undefined, query.q, ['opensAt:desc']),
    page: query.page,
    pageSize: query.pageSize,
    highlight: query.q ? ['title'] : [],
  });
  return listPage(result);
}
