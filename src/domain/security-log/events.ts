import type { DomainEvent } from '../shared/decider.js';
import type { SecurityEventKind } from './kinds.js';

/**
 * One line of the security log: who (the account, or the username tried when there is none), from where
 * (client IP and user agent; null for the command line and start-up, which have no client), when, and
 * what it was about.
 */
export type SecurityRecord = {
  kind: SecurityEventKind;
  userId: string | null;
  username: string | null;
  ip: string | null;
  userAgent: string | null;
  at: string;
  /** In Chinese, for the auditor: the refusal's reason, the exported file, the account changed. */
  detail?: string;
  /** The entity the action was about: the account changed, the need whose contact was read. */
  subjectId?: string;
};

export type SecurityEventRecorded = DomainEvent<'SecurityEventRecorded', SecurityRecord>;

export type SecurityLogEvent = SecurityEventRecorded;
