import { organizationDecider } from '../domain/organization/decider.js';
import { organizationStream } from '../domain/organization/stream.js';
import { anonymous, type Role } from '../domain/shared/actor.js';
import { type Duty, dutyLabels } from '../domain/shared/duties.js';
import { DomainError } from '../domain/shared/errors.js';
import type { Scope } from '../domain/shared/scope.js';
import { parseInput } from '../domain/shared/validation.js';
import { scopeOf } from '../domain/taxonomy/city-directory.js';
import type { UserCommand } from '../domain/user/commands.js';
import {
  changePasswordSchema,
  credentialsSchema,
  disableUserSchema,
  expiredPasswordSchema,
  newCredentialsSchema,
  newStaffSchema,
  staffDutiesSchema,
  usernameSchema,
} from '../domain/user/commands.js';
import { userDecider } from '../domain/user/decider.js';
import { userError } from '../domain/user/messages.js';
import { passwordChangeDue } from '../domain/user/password-expiry.js';
import type { Revocations } from '../domain/user/sessions.js';
import type { User, UserStatus, UserView } from '../domain/user/state.js';
import { toUserView } from '../domain/user/state.js';
import { userStream } from '../domain/user/stream.js';
import { usernameKey, usernameReservation, usernameStream } from '../domain/user/username-reservation.js';
import type { EventStore } from '../eventstore/port.js';
import { loadCityDirectory } from './city-directory.js';
import { handleCommand, readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import type { CommandResult, EntityRead } from './entity-result.js';
import { commandResult, readExisting, streamPosition } from './entity-result.js';
import { decoyHash, hashPassword, verifyPassword } from './password.js';
import { rehashIfOutdated } from './password-rehash.js';
import type { ReservationTarget } from './reservations.js';
import { releaseQuietly, reserve, streamExists } from './reservations.js';
import { recordSecurityEvent } from './security-log.js';
import { admitSignIn, recordFailedSignIn } from './sign-in-lockout.js';
import { signInPolicy } from './sign-in-policy.js';
import { requireDuty, requireStaffDuty } from './staff-duties.js';
import { requireProvinceStaff } from './staff-scope.js';
import { checkSecondFactor } from './totp-sign-in.js';

export function usernameTarget(username: string): ReservationTarget {
  return {
    decider: usernameReservation,
    stream: usernameStream(username),
    key: usernameKey(username),
    holderExists: accountExists,
  };
}

/** A user who can sign in: written, and for a member of an organization, the organization written too. */
async function accountExists(store: EventStore, userId: string): Promise<boolean> {
  const user = await readEntity(store, userStream(userId), userDecider);
  if (user.revision === null) return false;
  return user.state.orgId === null || streamExists(store, organizationStream(user.state.orgId));
}

export async function runUserCommand(
  deps: AppDeps,
  ctx: RequestContext,
  userId: string,
  command: (now: Date) => UserCommand,
  expectedRevision = ctx.expectedRevision,
): Promise<CommandResult<UserView>> {
  const now = deps.clock();
  const stream = userStream(userId);
  const handled = await handleCommand(deps.store, stream, userDecider, command(now), {
    metadata: eventMetadata(ctx, now),
    expectedRevision,
  });
  const result = await commandResult(deps.store, stream, userId, handled);
  return { ...result, state: toUserView(result.state) };
}

/**
 * Writes the user stream once its username is reserved by `userId`; the caller reserved it, because the
 * organization registration reserves the username and the USCC before writing anything else.
 */
export function registerUser(
  deps: AppDeps,
  ctx: RequestContext,
  user: {
    userId: string;
    username: string;
    passwordHash: string;
    role: Role;
    orgId: string | null;
    name?: string;
    scope?: Scope;
    duties?: Duty[];
    mustChangePassword?: boolean;
  },
): Promise<CommandResult<UserView>> {
  return runUserCommand(deps, ctx, user.userId, (now) => ({
    type: 'RegisterUser',
    data: user,
    context: { actor: ctx.actor, now },
  }));
}

/**
 * The first staff account (YUNSUPEI_ADMIN_USER at start, `yunsupei users add-staff`). Running it again for
 * an existing staff username changes nothing and returns that user, so start-up can call it every time.
 */
export async function createStaffUser(
  deps: AppDeps,
  ctx: RequestContext,
  input: unknown,
): Promise<CommandResult<UserView>> {
  // An existing staff account is returned before the password rule applies: start-up passes the
  // environment's password every time, which may predate the rule.
  const username = parseInput(newCredentialsSchema.pick({ username: true }).loose(), input).username;
  const target = usernameTarget(username);
  const { state: reservation } = await readEntity(deps.store, target.stream, target.decider);
  if (reservation.ownerId) {
    const existing = await readEntity(deps.store, userStream(reservation.ownerId), userDecider);
    if (existing.revision !== null && existing.state.role === 'staff') {
      return {
        id: existing.state.id,
        state: toUserView(existing.state),
        revision: existing.revision,
        position: await streamPosition(deps.store, userStream(existing.state.id)),
      };
    }
  }
  const { password } = parseInput(newCredentialsSchema, input);
  return registerStaff(deps, ctx, { username, password });
}

/**
 * Reserves the username, then writes the staff account; a taken username is a 409 and writes nothing. The
 * password was chosen by someone else (the environment, the CLI, another staff member): it is to be
 * changed at first sign-in.
 */
async function registerStaff(
  deps: AppDeps,
  ctx: RequestContext,
  staff: { username: string; password: string; name?: string; scope?: Scope; duties?: Duty[] },
): Promise<CommandResult<UserView>> {
  const { username, password, ...about } = staff;
  const target = usernameTarget(username);
  const userId = deps.newId();
  const passwordHash = await hashPassword(password);
  await reserve(deps, ctx, target, userId);
  let created: CommandResult<UserView>;
  try {
    created = await registerUser(deps, ctx, {
      userId,
      username,
      passwordHash,
      role: 'staff',
      orgId: null,
      ...about,
      mustChangePassword: true,
    });
  } catch (error) {
    await releaseQuietly(deps, ctx, target, userId);
    throw error;
  }
  await recordSecurityEvent(deps, ctx, 'staff_created', { subjectId: userId, detail: username });
  return created;
}

/**
 * POST /api/v1/staff and `yunsupei users add-staff --scope`: province 系统管理员 create a staff account for
 * the province or one city, with its duties.
 */
export async function addStaffAccount(
  deps: AppDeps,
  ctx: RequestContext,
  input: unknown,
): Promise<CommandResult<UserView>> {
  const staff = parseInput(
    newStaffSchema.extend({ scope: scopeOf(await loadCityDirectory(deps.store)) }),
    input,
  );
  await requireProvinceStaff(deps, ctx, '创建工作人员账号');
  await requireDuty(deps, ctx, 'accounts', '创建工作人员账号');
  const created = await registerStaff(deps, ctx, staff);
  deps.logger.info({ userId: created.id, scope: staff.scope, duties: staff.duties }, 'staff account created');
  return created;
}

/** PUT /api/v1/staff/:id/duties: a province 系统管理员 replaces another staff member's duties. */
export async function changeStaffDuties(
  deps: AppDeps,
  ctx: RequestContext,
  userId: string,
  input: unknown,
): Promise<CommandResult<UserView>> {
  const { duties } = parseInput(staffDutiesSchema, input);
  await requireProvinceStaff(deps, ctx, '调整工作人员职责');
  await requireDuty(deps, ctx, 'accounts', '调整工作人员职责');
  const changed = await runUserCommand(deps, ctx, userId, (now) => ({
    type: 'ChangeStaffDuties',
    data: { userId, duties },
    context: { actor: ctx.actor, now },
  }));
  deps.logger.info({ userId, duties: changed.state.duties }, 'staff duties changed');
  const held = (changed.state.duties ?? []).map((duty) => dutyLabels[duty]).join('、');
  await recordSecurityEvent(deps, ctx, 'duties_changed', {
    subjectId: userId,
    detail: `${changed.state.username}：${held || '无'}`,
  });
  return changed;
}

export async function disableUser(deps: AppDeps, ctx: RequestContext, userId: string, input: unknown = {}) {
  const { reason } = parseInput(disableUserSchema, input);
  await requireStaffDuty(deps, ctx, 'accounts', '停用或恢复用户');
  const disabled = await runUserCommand(deps, ctx, userId, (now) => ({
    type: 'DisableUser',
    data: { userId, ...(reason === undefined ? {} : { reason }) },
    context: { actor: ctx.actor, now },
  }));
  await recordAccountChange(deps, ctx, 'user_disabled', disabled.state, reason);
  return disabled;
}

export async function enableUser(deps: AppDeps, ctx: RequestContext, userId: string) {
  await requireStaffDuty(deps, ctx, 'accounts', '停用或恢复用户');
  const enabled = await runUserCommand(deps, ctx, userId, (now) => ({
    type: 'EnableUser',
    data: { userId },
    context: { actor: ctx.actor, now },
  }));
  await recordAccountChange(deps, ctx, 'user_enabled', enabled.state);
  return enabled;
}

/** Recorded under the staff member who acted; the account changed is the subject. */
function recordAccountChange(
  deps: AppDeps,
  ctx: RequestContext,
  kind: 'user_disabled' | 'user_enabled',
  user: UserView,
  reason?: string,
): Promise<void> {
  const detail = reason ? `${user.username}（${reason}）` : user.username;
  return recordSecurityEvent(deps, ctx, kind, { subjectId: user.id, detail });
}

export async function getUser(deps: AppDeps, userId: string): Promise<EntityRead<UserView>> {
  const read = await readExisting(deps.store, 'user', userStream(userId), userId, userDecider);
  return { ...read, state: toUserView(read.state) };
}

/** A user as the token checks need them: the view, and which of their tokens are revoked. */
export async function getAccount(
  deps: AppDeps,
  userId: string,
): Promise<{ user: UserView; revocations: Revocations }> {
  const { state } = await readExisting(deps.store, 'user', userStream(userId), userId, userDecider);
  const { tokensValidAfter, signedOutSessions } = state;
  return { user: toUserView(state), revocations: { tokensValidAfter, signedOutSessions } };
}

/** The user holding a username (any case), or null; how staff find an account to disable. */
export async function findUserByUsername(deps: AppDeps, username: string): Promise<UserView | null> {
  const parsed = usernameSchema.safeParse(username);
  if (!parsed.success) return null;
  const { state: reservation } = await readEntity(
    deps.store,
    usernameStream(parsed.data),
    usernameReservation,
  );
  if (!reservation.ownerId) return null;
  const user = await readEntity(deps.store, userStream(reservation.ownerId), userDecider);
  return user.revision === null ? null : toUserView(user.state);
}

/**
 * The signed-in user changes their own password, naming the current one. Every token issued before the
 * change is revoked (see sessions.ts), the one used for this request included: the caller signs in anew.
 */
export async function changePassword(
  deps: AppDeps,
  ctx: RequestContext,
  input: unknown,
): Promise<CommandResult<UserView>> {
  const { currentPassword, newPassword } = parseInput(changePasswordSchema, input);
  const userId = ctx.actor.userId;
  if (!userId) throw userError('user.not_self');
  const { state } = await readExisting(deps.store, 'user', userStream(userId), userId, userDecider);
  if (!(await verifyPassword(currentPassword, state.passwordHash))) throw userError('user.wrong_password');
  return replacePassword(deps, ctx, state, newPassword);
}

async function replacePassword(
  deps: AppDeps,
  ctx: RequestContext,
  user: User,
  newPassword: string,
): Promise<CommandResult<UserView>> {
  if (await isRecentPassword(newPassword, user.passwordHistory)) throw userError('user.password_reused');
  const passwordHash = await hashPassword(newPassword);
  const changed = await runUserCommand(deps, ctx, user.id, (now) => ({
    type: 'ChangePassword',
    data: { userId: user.id, passwordHash },
    context: { actor: ctx.actor, now },
  }));
  await recordSecurityEvent(deps, ctx, 'password_changed', { userId: user.id, username: user.username });
  return changed;
}

/**
 * 请修改密码: a user whose password expired (or is the initial one) has no session; the current password
 * proves who they are, with the same lockout as signing in. Only a password that is due may be changed
 * this way: any other change needs a session, and for staff their second factor.
 */
export async function changeDuePassword(
  deps: AppDeps,
  ctx: RequestContext,
  input: unknown,
): Promise<CommandResult<UserView>> {
  const { username, currentPassword, newPassword } = parseInput(expiredPasswordSchema, input);
  const user = await verifyCredentials(deps, username, currentPassword, ctx);
  await admitSignIn(deps, ctx, user.id);
  if (passwordDue(deps, user) === null) throw userError('user.password_not_due');
  const self = { ...ctx, actor: { userId: user.id, orgId: user.orgId, role: user.role } };
  return replacePassword(deps, self, user, newPassword);
}

/** Staff under YUNSUPEI_STAFF_MFA=required; nobody else has a second factor. */
export function needsSecondFactor(deps: AppDeps, user: Pick<User, 'role'>): boolean {
  return user.role === 'staff' && signInPolicy(deps).staffMfa === 'required';
}

/**
 * Staff and experts get their first password from someone else and change it at first sign-in; the forced
 * change goes with the staff second factor: `off` turns both off.
 */
export function passwordDue(deps: AppDeps, user: User) {
  const { passwordLifetimes, staffMfa } = signInPolicy(deps);
  const initialCounts = staffMfa === 'required' && (user.role === 'staff' || user.role === 'expert');
  return passwordChangeDue(user, passwordLifetimes, deps.clock(), initialCounts);
}

/** Each stored hash has its own salt, so the new password is checked against each in turn. */
async function isRecentPassword(password: string, history: string[]): Promise<boolean> {
  for (const hash of history) if (await verifyPassword(password, hash)) return true;
  return false;
}

/** Revokes the session a token stands for (logout); the signed-in user's own only. */
export async function signOut(
  deps: AppDeps,
  ctx: RequestContext,
  session: { sessionId: string; expiresAt: Date },
): Promise<CommandResult<UserView>> {
  const userId = ctx.actor.userId;
  if (!userId) throw userError('user.not_self');
  const signedOut = await runUserCommand(deps, ctx, userId, (now) => ({
    type: 'SignOut',
    data: { userId, sessionId: session.sessionId, expiresAt: session.expiresAt.toISOString() },
    context: { actor: ctx.actor, now },
  }));
  await recordSecurityEvent(deps, ctx, 'signed_out', { username: signedOut.state.username });
  return signedOut;
}

export interface AuthenticatedUser {
  id: string;
  username: string;
  role: Role;
  orgId: string | null;
  status: UserStatus;
}

export function authenticatedUser(user: User): AuthenticatedUser {
  return { id: user.id, username: user.username, role: user.role, orgId: user.orgId, status: user.status };
}

/**
 * Checks a username and password. Every failure (no such user, wrong password, user disabled, organization
 * suspended or missing) is the same 401, and an unknown username costs one password hash like a known one, so
 * neither the answer nor its timing tells which it was. A wrong password counts towards the account's lock.
 */
export async function verifyCredentials(
  deps: AppDeps,
  username: string,
  password: string,
  ctx: RequestContext,
): Promise<User> {
  parseInput(credentialsSchema, { username, password });
  const { state: reservation } = await readEntity(deps.store, usernameStream(username), usernameReservation);
  const found = reservation.ownerId
    ? await readEntity(deps.store, userStream(reservation.ownerId), userDecider)
    : null;
  const user = found && found.revision !== null ? found.state : null;
  const matches = await verifyPassword(password, user?.passwordHash || (await decoyHash()));
  if (user && !matches) await recordFailedSignIn(deps, ctx, user.id);
  if (!user || !matches || user.status !== 'active') throw userError('auth.invalid_credentials');
  if (user.orgId) {
    const { state: org } = await readEntity(deps.store, organizationStream(user.orgId), organizationDecider);
    if (org.status === 'initial' || org.status === 'suspended') throw userError('auth.invalid_credentials');
  }
  return user;
}

/**
 * Signs a user in; the HTTP layer issues tokens from the result. After the password (verifyCredentials):
 * staff with an authenticator give its code (or a recovery code), a wrong one counting towards the lock
 * like a wrong password; the right credentials during a lock are refused with the time to retry, which
 * only someone who knows them learns. Then a password that is due must be changed first
 * (`auth.password_expired`, `auth.initial_password`: changeDuePassword), and staff without an
 * authenticator enroll one (`auth.second_factor_enrollment_required`: totp-enrollment.ts).
 */
export async function authenticate(
  deps: AppDeps,
  username: string,
  password: string,
  ctx: RequestContext = { actor: anonymous, correlationId: deps.newId() },
  code?: string,
): Promise<AuthenticatedUser> {
  let signedIn: AuthenticatedUser;
  try {
    signedIn = await signInSteps(deps, username, password, ctx, code);
  } catch (error) {
    await recordSignInRefusal(deps, ctx, username, error);
    throw error;
  }
  await recordSecurityEvent(deps, ctx, 'sign_in_succeeded', {
    userId: signedIn.id,
    username: signedIn.username,
  });
  return signedIn;
}

/**
 * Refusals that name a next step after the right password (change it, give or enroll the second factor)
 * are not failures; every other refusal is, under the account when the username names one.
 */
const NEXT_STEPS = new Set([
  'auth.password_expired',
  'auth.initial_password',
  'auth.second_factor_required',
  'auth.second_factor_enrollment_required',
]);

async function recordSignInRefusal(
  deps: AppDeps,
  ctx: RequestContext,
  username: string,
  error: unknown,
): Promise<void> {
  if (!(error instanceof DomainError) || NEXT_STEPS.has(error.code)) return;
  const account = await findUserByUsername(deps, username);
  await recordSecurityEvent(deps, ctx, 'sign_in_failed', {
    userId: account?.id ?? null,
    username: account?.username ?? username.slice(0, 64),
    detail: error.message,
  });
}

async function signInSteps(
  deps: AppDeps,
  username: string,
  password: string,
  ctx: RequestContext,
  code: string | undefined,
): Promise<AuthenticatedUser> {
  const user = await verifyCredentials(deps, username, password, ctx);
  const secondFactor = needsSecondFactor(deps, user);
  const spendCode = secondFactor ? await checkSecondFactor(deps, ctx, user, code) : null;
  await admitSignIn(deps, ctx, user.id);
  const due = passwordDue(deps, user);
  if (due) throw userError(due === 'expired' ? 'auth.password_expired' : 'auth.initial_password');
  if (secondFactor && !user.totp) throw userError('auth.second_factor_enrollment_required');
  await spendCode?.();
  await rehashIfOutdated(deps, ctx, user, password);
  return authenticatedUser(user);
}
