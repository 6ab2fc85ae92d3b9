import { createHash } from 'node:crypto';
import type { EventStore, JsonObject } from '../eventstore/port.js';
import { WrongExpectedVersionError } from '../eventstore/port.js';

/**
 * Remembers which rows of which lists were already loaded, so that loading the same list again adds
 * nothing. Each row has a deterministic key (the kind, owner and title of a sheet row; the dataset key
 * of a seeded or generated record) and a stream named after its hash. A load first claims the key with
 * `no_stream` and the id the new entity will take (two loads of one row race on one stream; one wins),
 * then runs the entity's commands, then marks the key completed. A load that stopped in between finds
 * the claim without completion and carries on with the same id, so an interrupted run resumes instead
 * of duplicating.
 */
export type LedgerClaim =
  /** The key is ours now: create the entity with `itemId`. */
  | { state: 'claimed'; itemId: string }
  /** An earlier load claimed it and did not finish: continue it with the same id. */
  | { state: 'unfinished'; itemId: string }
  /** An earlier load finished it. */
  | { state: 'completed'; itemId: string };

/**
 * The key of a need or solution: one organization lists one title once. The sheet import, the demo seed
 * and generated loads all key listings this way, so importing an exported list into the platform it came
 * from finds every row already there.
 */
export function listingLedgerKey(kind: 'needs' | 'solutions', orgId: string, title: string): string {
  return `${kind}|${orgId}|${title.normalize('NFKC').replace(/\s+/g, '')}`;
}

export const ledgerStream = (key: string) => `import-${createHash('sha256').update(key).digest('hex')}`;

export async function readLedger(store: EventStore, key: string): Promise<LedgerClaim | null> {
  const events = await store.readStream(ledgerStream(key));
  const claimed = events.find((e) => e.type === 'ImportRowClaimed');
  if (!claimed) return null;
  const itemId = String(claimed.data.itemId);
  return events.some((e) => e.type === 'ImportRowCompleted')
    ? { state: 'completed', itemId }
    : { state: 'unfinished', itemId };
}

export async function claimLedgerKey(
  store: EventStore,
  key: string,
  itemId: string,
  details: { source: JsonObject; at: string; metadata: JsonObject },
): Promise<LedgerClaim> {
  try {
    await store.append(
      ledgerStream(key),
      [
        {
          type: 'ImportRowClaimed',
          data: { key, itemId, source: details.source, at: details.at },
          metadata: details.metadata,
        },
      ],
      { expectedRevision: 'no_stream' },
    );
    return { state: 'claimed', itemId };
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
    const existing = await readLedger(store, key);
    if (!existing) throw error;
    return existing;
  }
}

export async function completeLedgerKey(
  store: EventStore,
  key: string,
  itemId: string,
  details: { at: string; metadata: JsonObject },
): Promise<void> {
  // Revision 0 is the claim: a second completion (two loads finishing one row together) is refused by the
  // store and means the row is complete either way.
  try {
    await store.append(
      ledgerStream(key),
      [{ type: 'ImportRowCompleted', data: { key, itemId, at: details.at }, metadata: details.metadata }],
      { expectedRevision: 0n },
    );
  } catch (error) {
    if (!(error instanceof WrongExpectedVersionError)) throw error;
  }
}
