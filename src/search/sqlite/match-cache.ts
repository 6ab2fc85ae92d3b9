/**
 * The documents each full-text expression matches over a whole index, in rid order, kept while the file's
 * version holds (any commit clears them all). A keyword search under `frequency` checks the documents it
 * found against every word of the query and every word's related terms; reading those lists is most of its
 * cost, and the same words come back in search after search (in another city, on the next page, with one
 * more word) while the index stands still. At most `capacity` rids are held, the least recently used
 * lists going first.
 */
export function createMatchCache(capacity = 1_000_000) {
  const entries = new Map<string, Int32Array>();
  let version = '';
  let held = 0;
  return {
    /** The rids `key` matches at `atVersion`, read with `read` unless already held. */
    get(key: string, atVersion: string, read: () => Int32Array): Int32Array {
      if (atVersion !== version) {
        entries.clear();
        held = 0;
        version = atVersion;
      }
      let rids = entries.get(key);
      if (rids) {
        entries.delete(key);
      } else {
        rids = read();
        held += rids.length;
      }
      entries.set(key, rids);
      for (const [oldest, list] of entries) {
        if (held <= capacity || oldest === key) break;
        entries.delete(oldest);
        held -= list.length;
      }
      return rids;
    },
  };
}

export type MatchCache = ReturnType<typeof createMatchCache>;

/** Whether the ascending `rids` hold `rid`. */
export function holds(rids: Int32Array, rid: number): boolean {
  let low = 0;
  let high = rids.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = rids[middle]!;
    if (value === rid) return true;
    if (value < rid) low = middle + 1;
    else high = middle - 1;
  }
  return false;
}
