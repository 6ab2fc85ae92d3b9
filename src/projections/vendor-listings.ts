import type { SearchDocument, SearchIndex } from '../search/port.js';

const PAGE = 1000;

/** Every document of an index matching one vendor, page by page. */
export async function allVendorDocuments<D extends SearchDocument>(
  search: SearchIndex,
  index: string,
  vendorId: string,
): Promise<D[]> {
  const documents: D[] = [];
  for (let page = 1; ; page++) {
    const result = await search.search<D>(index, {
      filter: { field: 'vendorId', op: 'eq', value: vendorId },
      page,
      pageSize: PAGE,
    });
    documents.push(...result.hits);
    if (documents.length >= result.total || result.hits.length < PAGE) return documents;
  }
}

export async function vendorSolutionIds(
  search: SearchIndex,
  index: string,
  vendorId: string,
): Promise<string[]> {
  return (await allVendorDocuments(search, index, vendorId)).map((d) => d.id);
}
