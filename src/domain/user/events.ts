import type { Role } from '../shared/actor.js';
import type { DomainEvent } from '../shared/decider.js';
import type { Duty } from '../shared/duties.js';
import type { Scope } from '../shared/scope.js';

/**
 * What an evaluation expert (评审专家) brings: the technologies they review, and the organization they
 * belong to, if any (`affiliation`). An expert reviews no application of their own organization.
 */
export interface Expertise {
  technologies: string[];
  affiliation: string | null;
}

/**
 * `name` and `scope` are staff's, and optional: staff registered before scopes existed cover the province.
 * `mustChangePassword`: the password was set by someone else (the environment, another staff member), so
 * the user changes it at first sign-in. `duties` are staff's (三员分立); staff registered before duties
 * existed carry none and hold DUTIES_BEFORE_SEPARATION.
 */
export type UserRegistered = DomainEvent<
  'UserRegistered',
  {
    userId: string;
    username: string;
    passwordHash: string;
    role: Role;
    orgId: string | null;
    name?: string;
    scope?: Scope;
    mustChangePassword?: boolean;
    duties?: Duty[];
    /** Experts only (role `expert`, added with them). */
    expertise?: Expertise;
    at: string;
  }
>;
export type UserDisabled = DomainEvent<'UserDisabled', { userId: string; reason: string | null; at: string }>;
export type UserEnabled = DomainEvent<'UserEnabled', { userId: string; at: string }>;

/** Revokes every token issued before `at`, as UserDisabled does. */
export type UserPasswordChanged = DomainEvent<
  'UserPasswordChanged',
  { userId: string; passwordHash: string; at: string }
>;
/**
 * The current password's hash replaced by one of the current scheme at a sign-in: the password is the
 * same, so unlike UserPasswordChanged it revokes no token, restarts no expiry and adds nothing to the
 * password history.
 */
export type UserPasswordRehashed = DomainEvent<
  'UserPasswordRehashed',
  { userId: string; passwordHash: string; at: string }
>;
/** Revokes one session; `expiresAt` lets the state forget it once its token has expired anyway. */
export type UserSignedOut = DomainEvent<
  'UserSignedOut',
  { userId: string; sessionId: string; expiresAt: string; at: string }
>;

/**
 * A staff member's second factor (RFC 6238 TOTP): the shared secret, which the server needs to compute
 * codes, and the SHA-256 hashes of the single-use recovery codes, which it only needs to recognise.
 */
export type StaffTotpEnrolled = DomainEvent<
  'StaffTotpEnrolled',
  { userId: string; secret: string; recoveryCodeHashes: string[]; at: string }
>;
/** A recovery code stood in for the TOTP code once; it is spent. */
export type RecoveryCodeUsed = DomainEvent<
  'RecoveryCodeUsed',
  { userId: string; codeHash: string; at: string }
>;

/**
 * A 安全管理员 removed a staff member's authenticator (lost, or a new phone): the secret and the recovery
 * codes are gone, and the member enrolls a new one at their next sign-in.
 */
export type StaffSecondFactorReset = DomainEvent<'StaffSecondFactorReset', { userId: string; at: string }>;

/** A staff member's duties replaced as a whole by a 系统管理员. */
export type StaffDutiesChanged = DomainEvent<
  'StaffDutiesChanged',
  { userId: string; duties: Duty[]; at: string }
>;
/**
 * The user closed their own account (注销账号): no sign-in from then on, every token revoked, and their
 * personal-data key destroyed right after (src/application/account-cancellation.ts). For good: no event
 * opens it again.
 */
export type UserCancelled = DomainEvent<'UserCancelled', { userId: string; at: string }>;
/** A TOTP code of this time step signed in: it and every earlier code are spent. */
export type TotpCodeUsed = DomainEvent<'TotpCodeUsed', { userId: string; timeStep: number; at: string }>;

export type UserEvent =
  | UserRegistered
  | UserDisabled
  | UserEnabled
  | UserPasswordChanged
  | UserPasswordRehashed
  | UserSignedOut
  | StaffTotpEnrolled
  | RecoveryCodeUsed
  | TotpCodeUsed
  | StaffSecondFactorReset
  | StaffDutiesChanged
  | UserCancelled;
