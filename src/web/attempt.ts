import { classifyError, type ErrorStatus } from '../application/errors/classify.js';
import type { FieldError } from '../domain/shared/errors.js';

/** A refusal carries the status the API would answer with (422 for input, 409 for a conflict, 400 …). */
export type Attempt<T> = { ok: true; value: T } | { ok: false; errors: FieldError[]; status: ErrorStatus };

export interface AttemptOptions {
  /**
   * Refusals the page finds itself (a password typed twice differently). With any of them the service is
   * not called; `validate` then checks the input without acting, so that the person sees the schema's
   * refusals in the same round rather than one round later.
   */
  own?: { errors: FieldError[]; validate: () => unknown };
  /** A sign-in form: a 401 is its answer (wrong password), not a session that ran out. */
  signingIn?: boolean;
}

/**
 * Runs a service call for a form: what the caller can fix (classifyError's 4xx) becomes the form's errors,
 * field by field when the error names fields, one form-level line otherwise, to be shown on the
 * re-rendered form. A form carries the revision it was rendered at, so an edit that lost to someone
 * else's reads as a stale revision. A missing entity, a sign-in that ran out and the server's own failures
 * propagate to the error page.
 */
export async function attempt<T>(run: () => Promise<T>, options: AttemptOptions = {}): Promise<Attempt<T>> {
  const { own, signingIn = false } = options;
  if (own && own.errors.length > 0) {
    const found = await refusals(async () => own.validate(), signingIn);
    return {
      ok: false,
      errors: onePerField([...(found.ok ? [] : found.errors), ...own.errors]),
      status: found.ok ? 422 : found.status,
    };
  }
  return refusals(run, signingIn);
}

async function refusals<T>(run: () => Promise<T>, signingIn: boolean): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    const classified = classifyError(error, { requestId: '', namedRevision: true });
    const refusedSignIn = signingIn && classified.status === 401;
    if (classified.ours || (classified.status === 401 && !refusedSignIn) || classified.status === 404) {
      throw error;
    }
    return {
      ok: false,
      errors: onePerField(classified.errors ?? [{ path: '', message: classified.message }]),
      status: classified.status,
    };
  }
}

/**
 * A schema may break one field on several rules (an 18-character code that is also not a valid USCC); the
 * form shows the first, which is the one to fix first.
 */
function onePerField(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (seen.has(e.path)) return false;
    seen.add(e.path);
    return true;
  });
}
