import type { Command } from '../shared/decider.js';
import type { SecurityRecord } from './events.js';

/** Records one security event; the time is the command's. */
export type RecordSecurityEvent = Command<'RecordSecurityEvent', Omit<SecurityRecord, 'at'>>;

export type SecurityLogCommand = RecordSecurityEvent;
