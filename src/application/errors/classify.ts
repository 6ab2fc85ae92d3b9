/**
 * The one place that says what a failure means to the person who caused it: an HTTP status, a stable code,
 * a Chinese message and, for bad fields, one message per field. The API formats it as problem+json, the
 * pages as an error page or as the form's errors, so a failure reads the same on both.
 */
import { ZodError } from 'zod';
import { DomainError, type FieldError, ValidationError } from '../../domain/shared/errors.js';
import { toValidationError } from '../../domain/shared/validation.js';
import {
  AppendTooLargeError,
  EventStoreUnavailableError,
  StreamDeletedError,
  WrongExpectedVersionError,
} from '../../eventstore/port.js';
import { InvalidFilterError, SearchIndexError } from '../../search/errors.js';
import { errorMessages } from './messages.js';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 422 | 500 | 503;

export interface ClassifiedError {
  status: ErrorStatus;
  code: string;
  /** For users, in Chinese; never the error's own (English, internal) message for a back-end failure. */
  message: string;
  errors?: FieldError[];
  /**
   * The server's failure rather than the caller's (a back end down or refusing, or a bug): worth a log line
   * with the error itself, which the answer never shows.
   */
  ours: boolean;
}

export interface ClassifyContext {
  /** The request id, for the message of an unexpected failure. */
  requestId: string;
  /**
   * Whether the caller named the revision it saw (an API If-Match, or a form with the revision it was
   * rendered at): a conflict is then theirs to resolve (412); otherwise retries ran out (409).
   */
  namedRevision?: boolean;
}

const unexpected = (requestId: string): ClassifiedError => ({
  status: 500,
  code: 'internal',
  message: errorMessages.internal(requestId),
  ours: true,
});

export function classifyError(error: unknown, context: ClassifyContext): ClassifiedError {
  if (error instanceof ValidationError) {
    return { status: 422, code: error.code, message: error.message, errors: error.errors, ours: false };
  }
  if (error instanceof DomainError) {
    return { status: error.status, code: error.code, message: error.message, ours: false };
  }
  if (error instanceof ZodError) {
    const { code, message, errors } = toValidationError(error);
    return { status: 422, code, message, errors, ours: false };
  }
  if (error instanceof WrongExpectedVersionError) {
    return context.namedRevision
      ? { status: 412, code: 'precondition_failed', message: errorMessages.preconditionFailed, ours: false }
      : { status: 409, code: 'concurrency', message: errorMessages.concurrentUpdate, ours: false };
  }
  if (error instanceof EventStoreUnavailableError) {
    return { status: 503, code: 'unavailable', message: errorMessages.storeUnavailable, ours: true };
  }
  if (error instanceof StreamDeletedError) {
    return { status: 409, code: error.code, message: errorMessages.streamDeleted, ours: false };
  }
  if (error instanceof AppendTooLargeError) {
    return { status: 413, code: error.code, message: errorMessages.appendTooLarge, ours: false };
  }
  if (error instanceof SearchIndexError) return searchProblem(error);
  return unexpected(context.requestId);
}

/**
 * A search the index refuses is the caller's (400); every other failure of the index (down, not built
 * yet, a write that failed) means search is not available for now (503).
 */
function searchProblem(error: SearchIndexError): ClassifiedError {
  if (error.status !== 400) {
    return { status: 503, code: 'search.unavailable', message: errorMessages.searchUnavailable, ours: true };
  }
  if (error instanceof InvalidFilterError) {
    return {
      status: 400,
      code: error.code,
      message: errorMessages.invalidFilter,
      ...(error.field ? { errors: [{ path: error.field, message: errorMessages.filterField }] } : {}),
      ours: false,
    };
  }
  return { status: 400, code: error.code, message: errorMessages.invalidSearch, ours: false };
}
