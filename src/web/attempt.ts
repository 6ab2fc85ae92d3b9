import { DomainError, type FieldError, ValidationError } from '../domain/shared/errors.js';
import { WrongExpectedVersionError } from '../eventstore/port.js';
import { httpMessages } from '../http/messages.js';

export type Attempt<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/**
 * Runs a service call for a form: the domain's refusals become the form's errors (field by field for a
 * ValidationError, one form-level line otherwise), to be shown on the re-rendered form; so does an edit
 * that lost to someone else's (its revision is stale). A missing entity
 * and every other failure propagate to the error page.
 */
export async function attempt<T>(run: () => Promise<T>): Promise<Attempt<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (error instanceof ValidationError) return { ok: false, errors: error.errors };
    if (error instanceof DomainError && error.status !== 404 && error.status !== 401) {
      return { ok: false, errors: [{ path: '', message: error.message }] };
    }
    if (error instanceof WrongExpectedVersionError) {
      return { ok: false, errors: [{ path: '', message: httpMessages.preconditionFailed }] };
    }
    throw error;
  }
}
