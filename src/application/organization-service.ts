import type { OrganizationCommand } from '../domain/organization/commands.js';
import {
  organizationProfileSchema,
  organizationRegistrationSchema,
  suspendOrganizationSchema,
} from '../domain/organization/commands.js';
import { organizationDecider } from '../domain/organization/decider.js';
import { requireCurrentPolicies } from '../domain/organization/policy-acceptance.js';
import type { Organization, OrganizationFacts } from '../domain/organization/state.js';
import { organizationFacts } from '../domain/organization/state.js';
import { organizationStream } from '../domain/organization/stream.js';
import { usccReservation, usccStream } from '../domain/organization/uscc-reservation.js';
import { parseInput } from '../domain/shared/validation.js';
import { cityCode } from '../domain/taxonomy/city-directory.js';
import type { UserView } from '../domain/user/state.js';
import { loadCityDirectory } from './city-directory.js';
import { handleCommand } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import type { CommandResult, EntityRead } from './entity-result.js';
import { commandResult, readExisting } from './entity-result.js';
import { hashPassword } from './password.js';
import { currentPolicyVersions } from './policies/policies.js';
import type { ReservationTarget } from './reservations.js';
import { ensureAvailable, releaseQuietly, reserve, streamExists } from './reservations.js';
import { requireStaffDuty } from './staff-duties.js';
import { requireScopeFor } from './staff-scope.js';
import { registerUser, usernameTarget } from './user-service.js';

function usccTarget(uscc: string): ReservationTarget {
  return {
    decider: usccReservation,
    stream: usccStream(uscc),
    key: uscc,
    holderExists: (store, orgId) => streamExists(store, organizationStream(orgId)),
  };
}

async function runOrganizationCommand(
  deps: AppDeps,
  ctx: RequestContext,
  orgId: string,
  command: (now: Date) => OrganizationCommand,
  expectedRevision = ctx.expectedRevision,
): Promise<CommandResult<Organization>> {
  const now = deps.clock();
  const stream = organizationStream(orgId);
  const handled = await handleCommand(deps.store, stream, organizationDecider, command(now), {
    metadata: eventMetadata(ctx, now),
    expectedRevision,
  });
  return commandResult(deps.store, stream, orgId, handled);
}

/**
 * POST /api/v1/orgs: the organization (pending until staff verify it) and its administrator, whose role
 * is the organization's kind. Streams cannot be written together, so the steps run in an order where a
 * refused registration writes nothing: check that the username is free (a read), reserve the USCC (the
 * first write, refused before anything is appended when the USCC is taken), reserve the username, write
 * the user, write the organization. Only a username claimed by someone else between the check and the
 * claim leaves a reserved and released USCC behind. A failed step gives back the reservations whose owners
 * were not written yet; a crash between steps leaves reservations whose holders never came to exist in
 * full (no user, or a user whose organization was never written, who could not sign in), which go stale
 * and can be claimed again. The accepted policy versions are checked first, with the decider's own rule, so
 * that an outdated acceptance writes nothing either.
 */
export async function registerOrganization(
  deps: AppDeps,
  ctx: RequestContext,
  input: unknown,
): Promise<{ org: CommandResult<Organization>; user: CommandResult<UserView> }> {
  const { admin, accepted, ...fields } = parseInput(
    organizationRegistrationSchema.extend({ city: cityCode(await loadCityDirectory(deps.store)) }),
    input,
  );
  const currentPolicies = currentPolicyVersions();
  requireCurrentPolicies(accepted, currentPolicies);
  const orgId = deps.newId();
  const userId = deps.newId();
  const passwordHash = await hashPassword(admin.password);
  const username = usernameTarget(admin.username);
  const uscc = usccTarget(fields.uscc);

  await ensureAvailable(deps, ctx, username, userId);
  await reserve(deps, ctx, uscc, orgId);
  try {
    await reserve(deps, ctx, username, userId);
  } catch (error) {
    await releaseQuietly(deps, ctx, uscc, orgId);
    throw error;
  }
  let user: CommandResult<UserView>;
  try {
    user = await registerUser(deps, ctx, {
      userId,
      username: admin.username,
      passwordHash,
      role: fields.kind,
      orgId,
    });
  } catch (error) {
    await releaseQuietly(deps, ctx, username, userId);
    await releaseQuietly(deps, ctx, uscc, orgId);
    throw error;
  }
  try {
    const org = await runOrganizationCommand(
      deps,
      ctx,
      orgId,
      (now) => ({
        type: 'RegisterOrganization',
        data: { orgId, fields, accepted, currentPolicies },
        context: { actor: ctx.actor, now },
      }),
      undefined,
    );
    deps.logger.info({ orgId, userId, kind: fields.kind }, 'organization registered');
    return { org, user };
  } catch (error) {
    await releaseQuietly(deps, ctx, uscc, orgId);
    throw error;
  }
}

/** Staff decide on the organizations of their own city (province staff on all) as 业务人员: scope and duty. */
async function requireOrganizationInScope(deps: AppDeps, ctx: RequestContext, orgId: string) {
  const { state } = await getOrganization(deps, orgId);
  await requireScopeFor(deps, ctx, state.city);
  await requireStaffDuty(deps, ctx, 'business');
}

export async function verifyOrganization(deps: AppDeps, ctx: RequestContext, orgId: string) {
  await requireOrganizationInScope(deps, ctx, orgId);
  return runOrganizationCommand(deps, ctx, orgId, (now) => ({
    type: 'VerifyOrganization',
    data: { orgId },
    context: { actor: ctx.actor, now },
  }));
}

export async function suspendOrganization(deps: AppDeps, ctx: RequestContext, orgId: string, input: unknown) {
  const { reason } = parseInput(suspendOrganizationSchema, input);
  await requireOrganizationInScope(deps, ctx, orgId);
  return runOrganizationCommand(deps, ctx, orgId, (now) => ({
    type: 'SuspendOrganization',
    data: { orgId, reason },
    context: { actor: ctx.actor, now },
  }));
}

export async function reinstateOrganization(deps: AppDeps, ctx: RequestContext, orgId: string) {
  await requireOrganizationInScope(deps, ctx, orgId);
  return runOrganizationCommand(deps, ctx, orgId, (now) => ({
    type: 'ReinstateOrganization',
    data: { orgId },
    context: { actor: ctx.actor, now },
  }));
}

export async function updateOrganizationProfile(
  deps: AppDeps,
  ctx: RequestContext,
  orgId: string,
  input: unknown,
) {
  const profile = parseInput(
    organizationProfileSchema.extend({ city: cityCode(await loadCityDirectory(deps.store)).optional() }),
    input,
  );
  return runOrganizationCommand(deps, ctx, orgId, (now) => ({
    type: 'UpdateOrganizationProfile',
    data: { orgId, profile },
    context: { actor: ctx.actor, now },
  }));
}

export function getOrganization(deps: AppDeps, orgId: string): Promise<EntityRead<Organization>> {
  return readExisting(deps.store, 'organization', organizationStream(orgId), orgId, organizationDecider);
}

/** The facts a need or solution decision takes about its organization; 404 when it does not exist. */
export async function loadOrganizationFacts(deps: AppDeps, orgId: string): Promise<OrganizationFacts> {
  const { state } = await getOrganization(deps, orgId);
  return organizationFacts(state);
}
