import type { AppendStreamState, CurrentStreamState } from '@kurrent/kurrentdb-client';
import type { ActualRevision, ExpectedRevision } from '../port.js';

/** Our expected revisions are KurrentDB's stream states under the same names; only the type differs. */
export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  return expected;
}

/** Legacy servers report a missing stream as revision -1 rather than `no_stream`. */
export function toActualRevision(current: CurrentStreamState): ActualRevision {
  if (current === 'no_stream' || current < 0n) return 'no_stream';
  return current;
}
