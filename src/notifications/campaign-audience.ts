import type { CampaignKind } from '../domain/campaign/events.js';
import { readModel } from '../projections/read-models.js';
import type { SearchIndex } from '../search/port.js';

const PAGE = 1000;

/** The verified organizations a campaign collects from: demanders for needs, vendors for solutions. */
export async function campaignAudience(search: SearchIndex, kind: CampaignKind): Promise<string[]> {
  const kinds = kind === 'both' ? ['demander', 'vendor'] : [kind === 'needs' ? 'demander' : 'vendor'];
  const organizations = readModel(search, 'organizations');
  const orgIds: string[] = [];
  for (let page = 1; ; page++) {
    const result = await organizations.search({
      filter: {
        and: [
          { field: 'status', op: 'eq', value: 'verified' },
          { field: 'kind', op: 'in', value: kinds },
        ],
      },
      sort: ['registeredAt:asc'],
      page,
      pageSize: PAGE,
    });
    orgIds.push(...result.hits.map((org) => org.id));
    if (page * PAGE >= result.total) return orgIds;
  }
}
