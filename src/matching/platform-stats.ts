import type { Logger } from '../logger.js';
import type { VendorDocument } from '../projections/vendors-projection.js';
import type { SearchIndex } from '../search/port.js';
import type { PlatformStats } from './factors/factor.js';
import { platformStatsOf } from './factors/track-record.js';

const PAGE = 1000;

/**
 * The platform's mean rating, which track records are shrunk toward, from every rated vendor in the vendors
 * index; recomputed when that index's checkpoint has moved, at most every `checkIntervalMs`.
 */
export class PlatformStatsCache {
  private current: PlatformStats | null = null;
  private checkpoint: bigint | null | undefined;
  private checkedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly search: SearchIndex,
    private readonly fallbackRating: number,
    private readonly logger: Logger,
    private readonly checkIntervalMs = 2000,
  ) {}

  async get(): Promise<PlatformStats> {
    if (this.current && performance.now() - this.checkedAt < this.checkIntervalMs) return this.current;
    this.checkedAt = performance.now();
    try {
      const checkpoint = await this.search.getCheckpoint('vendors');
      if (this.current && checkpoint === this.checkpoint) return this.current;
      this.current = platformStatsOf(await this.ratedVendors(), this.fallbackRating);
      this.checkpoint = checkpoint;
    } catch (error) {
      if (!this.current) throw error;
      this.logger.warn({ err: error }, 'platform rating not refreshed');
    }
    return this.current;
  }

  private async ratedVendors(): Promise<VendorDocument[]> {
    const vendors: VendorDocument[] = [];
    for (let page = 1; ; page++) {
      // Not through readModel: the match-list projections use this module, and read-models.ts names theirs.
      const result = await this.search.search<VendorDocument>('vendors', {
        filter: { field: 'ratingAvg', op: 'exists' },
        page,
        pageSize: PAGE,
      });
      vendors.push(...result.hits);
      if (result.hits.length < PAGE || vendors.length >= result.total) return vendors;
    }
  }
}
