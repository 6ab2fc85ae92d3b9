/** The documents a full-text expression matches over a whole index, each with its bm25 score, best first. */
export interface ScoredMatches {
  rids: Int32Array;
  scores: Float64Array;
}

/** What the cache holds for a key: matching rids in ascending order, or matches with their scores. */
type MatchList = Int32Array | ScoredMatches;

const sizeOf = (list: MatchList) => ('scores' in list ? list.rids.length : list.length);

/**
 * The documents each full-text expression matches over a whole index, each kept with the version of its
 * index it was read at and used only while that version holds (a write to the index moves it; writes to
 * other indexes do not). A keyword search under `frequency` checks the documents it found against
 * every word of the query and every word's related terms, and scores the documents holding its heaviest
 * words with bm25; reading those lists is most of its cost, and the same words come back in search after
 * search (in another city, on the next page, with one more word, the next listing's retrieval) while the
 * index stands still. A score depends on the query and the whole index only, never on a filter, so one
 * scored list serves every filter. At most `capacity` rids are held, the least recently used lists going
 * first. A key names one kind of list: the caller that reads a key always reads it with the same kind of
 * `read`.
 */
export function createMatchCache(capacity = 4_000_000) {
  const entries = new Map<string, { version: string; list: MatchList }>();
  let held = 0;
  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    held -= sizeOf(entry.list);
  };
  return {
    /** Whether the list `key` matches at `atVersion` is held. */
    holds(key: string, atVersion: string): boolean {
      return entries.get(key)?.version === atVersion;
    },
    /** The list `key` matches at `atVersion`, read with `read` unless already held. */
    get<List extends MatchList>(key: string, atVersion: string, read: () => List): List {
      const entry = entries.get(key);
      let list: List;
      if (entry?.version === atVersion) {
        list = entry.list as List;
        entries.delete(key);
      } else {
        drop(key);
        list = read();
        held += sizeOf(list);
      }
      entries.set(key, { version: atVersion, list });
      for (const [oldest] of entries) {
        if (held <= capacity || oldest === key) break;
        drop(oldest);
      }
      return list;
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
