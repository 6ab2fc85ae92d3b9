import type { z } from 'zod';
import type { Actor } from '../../domain/shared/actor.js';
import { parseInput } from '../../domain/shared/validation.js';
import type { OrganizationDocument } from '../../projections/organizations-projection.js';
import { readModel } from '../../projections/read-models.js';
import { allOf } from '../../search/filter.js';
import type { SearchIndex } from '../../search/port.js';
import { queryError } from './messages.js';
import {
  codeParam,
  type ListPage,
  listPage,
  pagedQuery,
  queryText,
  sortRules,
  statusParam,
} from './params.js';
import { whenGiven } from './visibility.js';

export const organizationQuerySchema = pagedQuery({
  q: queryText,
  kind: statusParam(['demander', 'vendor'], '机构类型：需求方或服务商'),
  status: statusParam(['pending', 'verified', 'suspended'], '机构状态；pending 为待认证'),
  city: codeParam('city', '所在地市代码'),
});
export type OrganizationQuery = z.input<typeof organizationQuerySchema>;

const ORGANIZATION_FACETS = ['kind', 'status', 'city'];

/** GET /api/v1/orgs (staff): every organization, demander or vendor, newest registration first. */
export async function listOrganizations(
  search: SearchIndex,
  viewer: Actor,
  input: OrganizationQuery,
): Promise<ListPage<OrganizationDocument>> {
  if (viewer.role !== 'staff') throw queryError('query.staff_only');
  const query = parseInput(organizationQuerySchema, input);
  const result = await readModel(search, 'organizations').search({
    q: query.q,
    filter: allOf(
      whenGiven('kind', query.kind),
      whenGiven('status', query.status),
      whenGiven('city', query.city),
    ),
    facets: ORGANIZATION_FACETS,
    sort: sortRules(undefined, query.q, ['registeredAt:desc']),
    page: query.page,
    pageSize: query.pageSize,
    highlight: query.q ? ['name'] : [],
  });
  return listPage(result);
}
