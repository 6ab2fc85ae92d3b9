import { classifyError } from '../application/errors/classify.js';
import type { FieldError } from '../domain/shared/errors.js';

export type Attempt<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/**
 * Runs a service call for a form: what the caller can fix (classifyError's 4xx) becomes the form's errors,
 * field by field when the error names fields, one form-level line otherwise, to be shown on the
 * re-rendered form. A form carries the revision it was rendered at, so an edit that lost to someone
 * else's reads as a stale revision. A missing entity, a sign-in that ran out and the server's own failures
 * propagate to the error page.
 */
export async function attempt<T>(run: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    const classified = classifyError(error, { requestId: '', namedRevision: true });
    if (classified.ours || classified.status === 401 || classified.status === 404) throw error;
    return { ok: false, errors: classified.errors ?? [{ path: '', message: classified.message }] };
  }
}
