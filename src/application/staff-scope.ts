import type { Actor } from '../domain/shared/actor.js';
import { ForbiddenError } from '../domain/shared/errors.js';
import { PROVINCE, type Scope, scopeLabel } from '../domain/shared/scope.js';
import type { CityDirectory } from '../domain/taxonomy/city-directory.js';
import { userDecider } from '../domain/user/decider.js';
import { userStream } from '../domain/user/stream.js';
import { loadCityDirectory } from './city-directory.js';
import { readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';

/**
 * The one rule of staff scopes: province staff handle everything; city staff handle what belongs to their
 * city, and nothing of another city or of the province as a whole. Services call it with the facts (the
 * city an organization, listing or campaign belongs to); routes and pages never decide it themselves.
 */
/** Whether staff of `scope` may handle a matter belonging to `owner` (a city code, or the province). */
export function coversMatter(scope: Scope, owner: Scope): boolean {
  return scope === PROVINCE || scope === owner;
}

/**
 * Throws the 403 that names both the matter's city and the staff's own when the scope does not cover it;
 * `known` names them (the province's 16 unless the caller read the directory with the added cities).
 */
export function assertCovers(scope: Scope, owner: Scope, known?: CityDirectory['cities']): void {
  if (coversMatter(scope, owner)) return;
  throw new ForbiddenError(
    'staff.out_of_scope',
    `该事项属于${scopeLabel(owner, known)}，您只能处理${scopeLabel(scope, known)}的事项`,
  );
}

/**
 * The scope of a staff actor, from their account; null for anyone else. The platform itself (start-up,
 * the command line, scheduled work: staff with no user) acts for the province.
 */
export async function staffScopeOf(deps: AppDeps, actor: Actor): Promise<Scope | null> {
  if (actor.role !== 'staff') return null;
  if (actor.userId === null) return PROVINCE;
  const { state } = await readEntity(deps.store, userStream(actor.userId), userDecider);
  return state.role === 'staff' ? (state.scope ?? PROVINCE) : null;
}

/**
 * Refuses staff acting on a matter outside their scope. Anyone else passes: whether they may act at all
 * is the decider's rule, not this one.
 */
export async function requireScopeFor(deps: AppDeps, ctx: RequestContext, owner: Scope): Promise<void> {
  const scope = await staffScopeOf(deps, ctx.actor);
  if (scope === null || coversMatter(scope, owner)) return;
  // Only a refusal names cities, so only a refusal reads the cities added outside the province.
  assertCovers(scope, owner, (await loadCityDirectory(deps.store)).cities);
}

/** Refuses anyone but province staff; `action` completes the sentence 只有省级平台工作人员可以… */
export async function requireProvinceStaff(
  deps: AppDeps,
  ctx: RequestContext,
  action: string,
): Promise<void> {
  const scope = await staffScopeOf(deps, ctx.actor);
  if (scope === PROVINCE) return;
  throw new ForbiddenError('staff.province_only', `只有省级平台工作人员可以${action}`);
}
