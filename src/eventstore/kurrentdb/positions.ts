import type { Position, ReadPosition } from '@kurrent/kurrentdb-client';

/**
 * A single append writes each event as its own committed prepare, so KurrentDB gives every event a commit
 * position equal to its prepare position. Our positions are that commit position, and turning one back
 * into a client position restores both halves.
 */
export function toReadPosition(from: bigint | 'start' | undefined): ReadPosition {
  if (from === undefined || from === 'start' || from < 0n) return 'start';
  return { commit: from, prepare: from };
}

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** Reads through the stream index carry no `$all` position (older servers send 2^64-1 instead). */
const UNKNOWN_POSITION = 2n ** 64n - 1n;

export function commitPositionOf(position: Position | undefined): bigint {
  if (!position || position.commit < 0n || position.commit >= UNKNOWN_POSITION) return -1n;
  return position.commit;
}
