/** Beijing time, in which the platform's days (and the log's filters) are counted. */
const BEIJING_OFFSET_MS = 8 * 60 * 60_000;

/**
 * One append-only stream per day of the security log (Beijing time), so that no stream grows without end
 * and recording never waits on another record: lines are appended at any revision.
 */
export const securityLogStream = (at: Date) =>
  `security-log-${new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10)}`;

export const SECURITY_LOG_PREFIX = 'security-log-';
