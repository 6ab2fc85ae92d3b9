/**
 * A synthetic marketplace for the matching benchmarks: listings from the seeded generator (src/generate),
 * written straight into a search index as the projections would write them (published, vendors verified), so
 * that a corpus of 50,000 solutions takes a minute to index instead of hours of commands.
 */
import { generateListings } from '../src/generate/generate-listings.js';
import { createRandom } from '../src/generate/random.js';
import type { GeneratedNeed, GeneratedOrganization, GeneratedSolution } from '../src/generate/records.js';
import type { VendorDoc } from '../src/matching/types.js';
import type { NeedDocument } from '../src/projections/needs-projection.js';
import type { SolutionDocument } from '../src/projections/solutions-projection.js';
import type { VendorDocument } from '../src/projections/vendors-projection.js';
import type { SearchDocument, SearchIndex } from '../src/search/port.js';

export interface SyntheticCorpus {
  solutions: SolutionDocument[];
  needs: NeedDocument[];
  /** Profiles with the fields the matcher reads: track records are made up, not folded from engagements. */
  vendors: SyntheticVendor[];
}

type SyntheticVendor = VendorDoc & Pick<VendorDocument, 'revision' | 'description'>;

/** Every listing was published on this day; pass a later `now` so freshness is alike for all. */
export const PUBLISHED_AT = '2025-01-01T00:00:00.000Z';

export function syntheticCorpus(options: {
  solutions: number;
  needs: number;
  seed: number;
}): SyntheticCorpus {
  const orgs = new Map<string, GeneratedOrganization>();
  const generatedSolutions: GeneratedSolution[] = [];
  const generatedNeeds: GeneratedNeed[] = [];
  for (const record of generateListings(options)) {
    if (record.type === 'organization') orgs.set(record.key, record);
    else if (record.type === 'solution') generatedSolutions.push(record);
    else generatedNeeds.push(record);
  }
  const solutions = generatedSolutions.map(
    ({ type: _type, key, org, ...fields }): SolutionDocument => ({
      ...fields,
      id: key,
      revision: 3,
      status: 'published',
      vendorId: org,
      vendorName: orgs.get(org)!.name,
      vendorStatus: 'verified',
      campaignId: null,
      rejectionReason: null,
      createdAt: PUBLISHED_AT,
      updatedAt: PUBLISHED_AT,
      submittedAt: PUBLISHED_AT,
      publishedAt: PUBLISHED_AT,
      retiredAt: null,
    }),
  );
  const needs = generatedNeeds.map(
    ({ type: _type, key, org, ...fields }): NeedDocument => ({
      ...fields,
      id: key,
      revision: 3,
      status: 'published',
      orgId: org,
      orgName: orgs.get(org)!.name,
      campaignId: null,
      deadline: null,
      rejectionReason: null,
      engagementId: null,
      engagementCount: 0,
      createdAt: PUBLISHED_AT,
      updatedAt: PUBLISHED_AT,
      submittedAt: PUBLISHED_AT,
      publishedAt: PUBLISHED_AT,
    }),
  );
  // Some history, so that track records differ: a third of the vendors delivered projects and were rated.
  const history = createRandom(`history:${options.seed}`);
  const vendors = [...orgs.values()]
    .filter((org) => org.kind === 'vendor')
    .map((org): SyntheticVendor => {
      const rated = history.chance(1 / 3);
      const delivered = rated ? history.int(1, 20) : 0;
      return {
        id: org.key,
        revision: 1,
        name: org.name,
        city: org.city,
        status: 'verified',
        qualifications: org.qualifications,
        description: org.description,
        deliveredCount: delivered,
        ratingAvg: rated ? Math.round((3 + history.next() * 2) * 10) / 10 : null,
        ratingCount: rated ? history.int(1, delivered) : 0,
      };
    });
  return { solutions, needs, vendors };
}

const BATCH = 1000;
/** Stands for the `$all` position a projector would have reached: each batch moves the index's checkpoint. */
let position = 0n;

/** Writes documents in batches, each moving the index's checkpoint as a projector's would, reporting progress. */
export async function indexDocuments(
  search: SearchIndex,
  index: string,
  documents: readonly SearchDocument[],
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  for (let i = 0; i < documents.length; i += BATCH) {
    position += 1n;
    await search.applyBatch(index, { upserts: documents.slice(i, i + BATCH) }, position);
    onProgress?.(Math.min(i + BATCH, documents.length), documents.length);
  }
}
