import { z } from 'zod';
import type { Role } from '../shared/actor.js';
import type { Command } from '../shared/decider.js';
import { type Duty, dutiesSchema } from '../shared/duties.js';
import { reasonSchema, text } from '../shared/fields.js';
import { type Scope, scopeSchema } from '../shared/scope.js';
import type { Expertise } from './events.js';

export const usernameSchema = z
  .string({ error: '请填写用户名' })
  .trim()
  .regex(/^[A-Za-z][A-Za-z0-9_.-]{2,31}$/, '用户名须为3到32位字母、数字、下划线、点或连字符，并以字母开头');

/** Upper case, lower case, digits, and symbols (printable ASCII punctuation and the space). */
const CHARACTER_KINDS = [/[A-Z]/, /[a-z]/, /\d/, /[ -/:-@[-`{-~]/];

export const PASSWORD_RULE = '8到64位，且至少包含大写字母、小写字母、数字、符号中的三种';

/** Applies when a password is set; existing accounts keep signing in with the passwords they have. */
export function meetsPasswordRule(password: string): boolean {
  const kinds = CHARACTER_KINDS.filter((kind) => kind.test(password)).length;
  return password.length >= 8 && password.length <= 64 && kinds >= 3;
}

/** One rule, one message: a form shows the whole requirement rather than its parts one by one. */
export const passwordSchema = z
  .string({ error: '请填写密码' })
  .refine(meetsPasswordRule, `密码须为${PASSWORD_RULE}`)
  .meta({ description: PASSWORD_RULE, minLength: 8, maxLength: 64 });

/** What a person types to get an account (org admin, staff). */
export const newCredentialsSchema = z.strictObject({ username: usernameSchema, password: passwordSchema });

/** POST /api/v1/staff: a staff account covering the province or one city, with its duties (业务人员 unless named). */
export const newStaffSchema = newCredentialsSchema.extend({
  name: text('姓名', { min: 2, max: 30 }),
  scope: scopeSchema,
  duties: dutiesSchema.default(['business']),
});

/** PUT /api/v1/staff/:id/duties: the duties a staff member holds from now on, as a whole. */
export const staffDutiesSchema = z.strictObject({ duties: dutiesSchema });

const signInUsername = z.string({ error: '请填写用户名' }).min(1, '请填写用户名').max(64, '用户名过长');
const signInPassword = z.string({ error: '请填写密码' }).min(1, '请填写密码').max(256, '密码过长');

/** The second factor of staff: the authenticator's 6 digits, or one of the recovery codes. */
export const secondFactorCodeSchema = z
  .string({ error: '请填写动态验证码' })
  .trim()
  .min(1, '请填写动态验证码')
  .max(32, '动态验证码过长')
  .meta({ description: '身份验证器上的6位动态验证码，或一个恢复码' });

/** What a person types to sign in: no format rules, so that a typo reads as "wrong credentials". */
export const credentialsSchema = z.strictObject({
  username: signInUsername,
  password: signInPassword,
  code: secondFactorCodeSchema.optional(),
});

/** An expired or initial password is changed by proving the current one: the user has no session yet. */
export const expiredPasswordSchema = z.strictObject({
  username: signInUsername,
  currentPassword: z.string({ error: '请填写当前密码' }).min(1, '请填写当前密码').max(256, '密码过长'),
  newPassword: passwordSchema,
});

/** Staff enrolling their authenticator at first sign-in: the password again, and a code proving the setup. */
export const totpEnrollmentSchema = z.strictObject({
  username: signInUsername,
  password: signInPassword,
  secret: z
    .string({ error: '缺少密钥' })
    .regex(/^[A-Z2-7]{32}$/, '密钥须为32位Base32字符')
    .meta({ description: '开始绑定时得到的密钥（Base32）' }),
  code: z
    .string({ error: '请填写动态验证码' })
    .trim()
    .regex(/^\d{6}$/, '动态验证码为6位数字'),
});

export const disableUserSchema = reasonSchema.partial();

/** The current password proves it is the user at the keyboard, not someone holding their session. */
export const changePasswordSchema = z.strictObject({
  currentPassword: z.string({ error: '请填写当前密码' }).min(1, '请填写当前密码').max(256, '密码过长'),
  newPassword: passwordSchema,
});

/**
 * 注销账号: the user types their own username and password again; the service checks both before the
 * command (the password is hashing work), so the form shows each refusal by its field.
 */
export const cancelAccountSchema = z.strictObject({
  confirm: z
    .string({ error: '请输入您的用户名以确认注销' })
    .trim()
    .min(1, '请输入您的用户名以确认注销')
    .max(64, '用户名过长'),
  password: z.string({ error: '请填写当前密码' }).min(1, '请填写当前密码').max(256, '密码过长'),
});

/** The password arrives already hashed: hashing is slow I/O-like work that stays out of the decider. */
export type RegisterUser = Command<
  'RegisterUser',
  {
    userId: string;
    username: string;
    passwordHash: string;
    role: Role;
    orgId: string | null;
    /** Staff only: who they are and what they cover. */
    name?: string;
    scope?: Scope;
    duties?: Duty[];
    /** Experts only: what they review and the organization they belong to. */
    expertise?: Expertise;
    /** The password was set by someone else: the user changes it at first sign-in. */
    mustChangePassword?: boolean;
  }
>;
export type DisableUser = Command<'DisableUser', { userId: string; reason?: string }>;
export type EnableUser = Command<'EnableUser', { userId: string }>;
/** The current password was checked and the new one hashed before the command: both are hashing work. */
export type ChangePassword = Command<'ChangePassword', { userId: string; passwordHash: string }>;
/**
 * The same password under the current hashing scheme, made at sign-in from the password just checked
 * against `replaces`: no change of password, so no session ends and no expiry restarts.
 */
export type RehashPassword = Command<
  'RehashPassword',
  { userId: string; replaces: string; passwordHash: string }
>;
/** Ends one session (a token's `jti`); `expiresAt` is when its token would have expired anyway. */
export type SignOut = Command<'SignOut', { userId: string; sessionId: string; expiresAt: string }>;

/** The code was checked against the secret before the command (src/application/totp.ts). */
export type EnrollTotp = Command<
  'EnrollTotp',
  { userId: string; secret: string; recoveryCodeHashes: string[] }
>;
export type UseRecoveryCode = Command<'UseRecoveryCode', { userId: string; codeHash: string }>;
/** A TOTP code matched the authenticator's time step `timeStep` (src/application/totp.ts). */
export type UseTotpCode = Command<'UseTotpCode', { userId: string; timeStep: number }>;
/** Whether the actor holds 安全管理员 was checked before the command (src/application/staff-duties.ts). */
export type ResetSecondFactor = Command<'ResetSecondFactor', { userId: string }>;

/** Whether the actor holds 系统管理员 was checked before the command (src/application/staff-duties.ts). */
export type ChangeStaffDuties = Command<'ChangeStaffDuties', { userId: string; duties: Duty[] }>;

/** The user's own username and password were checked before the command (account-cancellation.ts). */
export type CancelUser = Command<'CancelUser', { userId: string }>;

export type UserCommand =
  | RegisterUser
  | DisableUser
  | EnableUser
  | ChangePassword
  | RehashPassword
  | SignOut
  | EnrollTotp
  | UseRecoveryCode
  | UseTotpCode
  | ResetSecondFactor
  | ChangeStaffDuties
  | CancelUser;
