/**
 * The last-used listings, one object per listing. The matcher remembers each listing's analyzed text and
 * mentioned technologies per object (segmenting costs about 0.3 ms a listing), but every search returns fresh
 * objects: passing hits through this cache hands back the object already analyzed whenever the listing's text
 * is unchanged, so a listing is segmented once and not once per need it is a candidate for.
 */
export interface CachedListing {
  id: string;
  title: string;
  description: string;
}

export class ListingCache<D extends CachedListing> {
  private readonly listings = new Map<string, D>();

  /** At most `capacity` listings are kept (each with its analysis, a few kB), the least recently used dropped. */
  constructor(readonly capacity: number) {}

  get size(): number {
    return this.listings.size;
  }

  /**
   * The object already known for this listing, brought up to date with `listing`'s fields, when its text is
   * the same; otherwise `listing` itself, remembered from now on.
   */
  canonical(listing: D): D {
    const known = this.listings.get(listing.id);
    this.listings.delete(listing.id);
    let kept = listing;
    if (known && known.title === listing.title && known.description === listing.description) {
      kept = Object.assign(known, listing);
    }
    this.listings.set(listing.id, kept);
    if (this.listings.size > this.capacity) {
      const oldest = this.listings.keys().next();
      if (!oldest.done) this.listings.delete(oldest.value);
    }
    return kept;
  }
}
