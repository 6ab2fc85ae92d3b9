import type { VendorDocument } from '../projections/vendors-projection.js';
import type { SearchIndex } from '../search/port.js';
import { vendorsById } from './retrieval.js';

/**
 * Vendor profiles by id, kept between requests until the vendors index moves on: a ranking needs the vendor of
 * every candidate (hundreds), and vendors change far less often than they are read. Checked against the
 * index's checkpoint on every call, so a suspension is seen as soon as the index has it.
 */
export class VendorDirectory {
  private readonly vendors = new Map<string, VendorDocument>();
  private checkpoint: bigint | null | undefined;

  constructor(private readonly search: SearchIndex) {}

  async byIds(ids: Iterable<string>): Promise<Map<string, VendorDocument>> {
    const checkpoint = await this.search.getCheckpoint('vendors');
    if (checkpoint !== this.checkpoint) {
      this.vendors.clear();
      this.checkpoint = checkpoint;
    }
    const wanted = new Set(ids);
    const missing = [...wanted].filter((id) => !this.vendors.has(id));
    if (missing.length > 0)
      for (const [id, vendor] of await vendorsById(this.search, missing)) this.vendors.set(id, vendor);
    const found = new Map<string, VendorDocument>();
    for (const id of wanted) {
      const vendor = this.vendors.get(id);
      if (vendor) found.set(id, vendor);
    }
    return found;
  }
}
