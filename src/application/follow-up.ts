import { DomainError } from '../domain/shared/errors.js';
import type { AppDeps } from './deps.js';

/**
 * Runs a command on another stream after the main one committed. The main decision stands whatever
 * happens here, so a domain refusal (the other entity moved on meanwhile) is logged rather than thrown;
 * an I/O failure is thrown, and since the commands that trigger follow-ups are idempotent, the caller's
 * retry runs it again.
 */
export async function followUp<T>(
  deps: AppDeps,
  what: { command: string; stream: string },
  run: () => Promise<T>,
): Promise<T | null> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    deps.logger.warn({ ...what, code: error.code, reason: error.message }, 'follow-up command refused');
    return null;
  }
}

/** The newest of several `$all` positions, for read-your-writes after a command that wrote to many streams. */
export function latestPosition(...positions: (bigint | null | undefined)[]): bigint | null {
  let latest: bigint | null = null;
  for (const position of positions)
    if (position != null && (latest === null || position > latest)) latest = position;
  return latest;
}
