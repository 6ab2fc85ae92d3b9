import {
  WrongExpectedVersionError as ClientWrongExpectedVersionError,
  DeadlineExceededError,
  UnavailableError,
} from '@kurrent/kurrentdb-client';
import type { ExpectedRevision } from '../port.js';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '../port.js';
import { toActualRevision } from './revisions.js';

/** gRPC status codes: appends surface a bare grpc-js error rather than the client's typed one. */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

export function isUnavailable(error: unknown): boolean {
  if (error instanceof UnavailableError || error instanceof DeadlineExceededError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED;
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
  if (isUnavailable(error)) {
    return new EventStoreUnavailableError(`KurrentDB at ${url} is unavailable: ${describeError(error)}`, {
      cause: error,
    });
  }
  return error;
}
