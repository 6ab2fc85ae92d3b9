import {
  AccessDeniedError,
  AppendRecordSizeExceededError,
  StreamDeletedError as ClientStreamDeletedError,
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamTombstonedError,
  TimeoutError,
  UnavailableError,
  UnknownError,
} from '@kurrent/kurrentdb-client';
import type { ExpectedRevision } from '../port.js';
import {
  AppendTooLargeError,
  EventStoreUnavailableError,
  StreamDeletedError,
  WrongExpectedVersionError,
} from '../port.js';
import { toActualRevision } from './revisions.js';

/** gRPC status codes: appends surface a bare grpc-js error rather than the client's typed one. */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/**
 * A node that is starting, catching up or overloaded refuses a batch append with "Server Is Not Ready" or
 * "Server Is Too Busy", which the client has no class for: it hands them over as an UnknownError.
 */
const NODE_NOT_READY = /server is (not ready|too busy|busy)/i;

export function isUnavailable(error: unknown): boolean {
  if (error instanceof UnavailableError || error instanceof DeadlineExceededError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED;
}

/**
 * Failures that a moment later may not happen again: the node is down, slow, not ready, busy, or no longer
 * the leader (the client finds the new one). An append that failed so is worth sending again, with the
 * same event ids, so that the server recognizes the events if the first try did write them.
 */
export function isTransient(error: unknown): boolean {
  if (isUnavailable(error) || error instanceof TimeoutError || error instanceof NotLeaderError) return true;
  return error instanceof UnknownError && NODE_NOT_READY.test(error.message);
}

/** One line for logs and start-up failures; the bridge's read errors carry only their class name. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const type = (error as { type?: unknown }).type;
  const bare =
    error.message === '' || error.message === error.name || error.message === error.constructor.name;
  if (typeof type === 'string' && bare) return type;
  // grpc-js ends some messages with an empty "Resolution note:".
  return (error.message || error.name).replace(/\s*Resolution note:\s*$/, '');
}

/** Hides the password of `kurrentdb://user:password@host…`, so that the URL can be logged and shown. */
export function redactConnectionString(connectionString: string): string {
  return connectionString.replace(/^([a-z+]+:\/\/[^:@/]+):[^@/]*@/i, '$1:***@');
}

export interface AppendContext {
  stream: string;
  expected: ExpectedRevision;
}

/** The client's errors become the port's; anything else passes through unchanged. */
export function toPortError(error: unknown, url: string, append?: AppendContext): unknown {
  if (append && error instanceof ClientWrongExpectedVersionError) {
    return new WrongExpectedVersionError(append.stream, append.expected, toActualRevision(error.actualState));
  }
  if (append && (error instanceof ClientStreamDeletedError || error instanceof StreamTombstonedError)) {
    return new StreamDeletedError(append.stream, { cause: error });
  }
  if (append && error instanceof MaxAppendSizeExceededError) {
    return new AppendTooLargeError(append.stream, error.maxAppendSize, { cause: error });
  }
  if (append && error instanceof AppendRecordSizeExceededError) {
    return new AppendTooLargeError(append.stream, error.maxSize, { cause: error });
  }
  if (error instanceof AccessDeniedError) {
    // Not the caller's doing: the user in the connection string lacks the rights the product needs.
    return new EventStoreUnavailableError(
      `KurrentDB at ${url} denied access; check the user in KURRENTDB_URL: ${describeError(error)}`,
      { cause: error },
    );
  }
  if (isTransient(error)) {
    return new EventStoreUnavailableError(`KurrentDB at ${url} is unavailable: ${describeError(error)}`, {
      cause: error,
    });
  }
  return error;
}
