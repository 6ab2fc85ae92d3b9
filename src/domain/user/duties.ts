import { DUTIES_BEFORE_SEPARATION, type Duty, orderedDuties } from '../shared/duties.js';
import type { ChangeStaffDuties } from './commands.js';
import type { StaffDutiesChanged, UserRegistered } from './events.js';
import { userError } from './messages.js';
import type { User } from './state.js';

/**
 * 三员分立: a staff account holds at least one duty, and never both 系统管理员 and 审计管理员, so that whoever
 * creates accounts cannot also be the one who reads what those accounts did. Whether the actor may grant
 * duties (they hold 系统管理员) depends on the actor's own account: the service checks it before the command.
 */
export function checkedDuties(duties: readonly Duty[]): Duty[] {
  const ordered = orderedDuties(duties);
  if (ordered.length === 0) throw userError('user.duties_empty');
  if (ordered.includes('accounts') && ordered.includes('audit')) throw userError('user.duties_conflict');
  return ordered;
}

/** The duties a registration gives: staff registered before duties existed hold all but 审计管理员. */
export function registeredDuties({ data }: UserRegistered): Duty[] | null {
  if (data.role !== 'staff') return null;
  return data.duties ?? [...DUTIES_BEFORE_SEPARATION];
}

/** The same duties again change nothing; one's own duties are changed by another 系统管理员. */
export function changeStaffDuties({ data, context }: ChangeStaffDuties, state: User): StaffDutiesChanged[] {
  if (context.actor.role !== 'staff') throw userError('user.staff_only');
  if (state.role !== 'staff') throw userError('user.duties_staff_only');
  if (context.actor.userId === state.id) throw userError('user.cannot_change_own_duties');
  const duties = checkedDuties(data.duties);
  if (state.duties !== null && duties.join() === orderedDuties(state.duties).join()) return [];
  return [{ type: 'StaffDutiesChanged', data: { userId: state.id, duties, at: context.now.toISOString() } }];
}

export function evolveStaffDutiesChanged(state: User, { data }: StaffDutiesChanged): User {
  return { ...state, duties: data.duties };
}
