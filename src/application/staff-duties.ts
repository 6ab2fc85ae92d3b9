import type { Actor } from '../domain/shared/actor.js';
import { DUTIES, type Duty, dutyLabels } from '../domain/shared/duties.js';
import { ForbiddenError } from '../domain/shared/errors.js';
import { userDecider } from '../domain/user/decider.js';
import { userStream } from '../domain/user/stream.js';
import { readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';

/**
 * The one rule of staff duties (三员分立): a staff member acts only within the duties of their account.
 * Services call it next to the staff-scope rule; routes and pages never decide it themselves. The
 * platform itself (start-up, the command line: staff with no user) holds every duty but 审计管理员: the
 * security log is read by a person.
 */
const PLATFORM_DUTIES: readonly Duty[] = DUTIES.filter((duty) => duty !== 'audit');

/** What each duty covers, completing 只有…可以… when a caller names no action. */
const dutyWork: Record<Duty, string> = {
  accounts: '管理工作人员账号和职责',
  security: '修改安全设置',
  audit: '查看安全日志',
  business: '办理审核、认证、征集和对接业务',
};

/** The duties of a staff actor, from their account; null for anyone else. */
export async function staffDutiesOf(deps: AppDeps, actor: Actor): Promise<Duty[] | null> {
  if (actor.role !== 'staff') return null;
  if (actor.userId === null) return [...PLATFORM_DUTIES];
  const { state } = await readEntity(deps.store, userStream(actor.userId), userDecider);
  return state.role === 'staff' ? state.duties : null;
}

function refusal(duty: Duty, action?: string): ForbiddenError {
  return new ForbiddenError('staff.duty_required', `只有${dutyLabels[duty]}可以${action ?? dutyWork[duty]}`);
}

/**
 * Refuses anyone who is not staff holding `duty` (members of organizations too); `action` completes the
 * sentence 只有系统管理员可以…, else the duty's own work does.
 */
export async function requireDuty(
  deps: AppDeps,
  ctx: RequestContext,
  duty: Duty,
  action?: string,
): Promise<void> {
  const duties = await staffDutiesOf(deps, ctx.actor);
  if (!duties?.includes(duty)) throw refusal(duty, action);
}

/**
 * Refuses staff without `duty`. Anyone else passes: whether they may act at all is the decider's rule,
 * as with the staff scopes.
 */
export async function requireStaffDuty(
  deps: AppDeps,
  ctx: RequestContext,
  duty: Duty,
  action?: string,
): Promise<void> {
  const duties = await staffDutiesOf(deps, ctx.actor);
  if (duties !== null && !duties.includes(duty)) throw refusal(duty, action);
}
