import type { SearchDocument, SearchIndex } from '../search/port.js';

const PAGE = 1000;

/**
 * Organization events that move an organization into the market or out of it (`isOutOfMarket`): the
 * documents that carry its status are built again.
 */
export const STANDING_EVENTS: ReadonlySet<string> = new Set([
  'OrganizationVerified',
  'OrganizationSuspended',
  'OrganizationReinstated',
  'OrganizationCancelled',
]);

/** Every document of an index belonging to one organization (by its owner field), page by page. */
async function allOrganizationDocuments<D extends SearchDocument>(
  search: SearchIndex,
  index: string,
  ownerField: 'vendorId' | 'orgId',
  orgId: string,
): Promise<D[]> {
  const documents: D[] = [];
  for (let page = 1; ; page++) {
    const result = await search.search<D>(index, {
      filter: { field: ownerField, op: 'eq', value: orgId },
      page,
      pageSize: PAGE,
    });
    documents.push(...result.hits);
    if (documents.length >= result.total || result.hits.length < PAGE) return documents;
  }
}

/** Every document of an index matching one vendor. */
export function allVendorDocuments<D extends SearchDocument>(
  search: SearchIndex,
  index: string,
  vendorId: string,
): Promise<D[]> {
  return allOrganizationDocuments<D>(search, index, 'vendorId', vendorId);
}

export async function vendorSolutionIds(
  search: SearchIndex,
  index: string,
  vendorId: string,
): Promise<string[]> {
  return (await allVendorDocuments(search, index, vendorId)).map((d) => d.id);
}

/** Every need of a demander in an index of needs, whatever its status. */
export async function demanderNeedIds(search: SearchIndex, index: string, orgId: string): Promise<string[]> {
  return (await allOrganizationDocuments(search, index, 'orgId', orgId)).map((d) => d.id);
}
