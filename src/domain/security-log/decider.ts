import type { Decider } from '../shared/decider.js';
import type { SecurityLogCommand } from './commands.js';
import type { SecurityEventRecorded, SecurityLogEvent } from './events.js';
import type { SecurityLogDay } from './state.js';

function initialState(): SecurityLogDay {
  return { recorded: 0 };
}

/**
 * A record is never refused: the log says what happened, and a failure to write it must not depend on
 * what was written before. The service appends without folding the day (see security-log.ts).
 */
function decide(command: SecurityLogCommand, _state: SecurityLogDay): SecurityLogEvent[] {
  const { data, context } = command;
  const recorded: SecurityEventRecorded = {
    type: 'SecurityEventRecorded',
    data: { ...data, at: context.now.toISOString() },
  };
  return [recorded];
}

function evolve(state: SecurityLogDay, _event: SecurityLogEvent): SecurityLogDay {
  return { recorded: state.recorded + 1 };
}

export const securityLogDecider: Decider<SecurityLogDay, SecurityLogCommand, SecurityLogEvent> = {
  decide,
  evolve,
  initialState,
};
