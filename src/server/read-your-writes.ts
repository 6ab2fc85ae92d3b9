/**
 * How long a read waits for the projections to pass the caller's own write (the API's `?after=`, the
 * pages' redirect after a form) before it answers with what the read models have.
 */
export const READ_YOUR_WRITES_TIMEOUT_MS = 2000;
