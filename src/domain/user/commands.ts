import { z } from 'zod';
import type { Role } from '../shared/actor.js';
import type { Command } from '../shared/decider.js';
import { reasonSchema, text } from '../shared/fields.js';
import { type Scope, scopeSchema } from '../shared/scope.js';

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

/** POST /api/v1/staff: a staff account covering the province or one city. */
export const newStaffSchema = newCredentialsSchema.extend({
  name: text('姓名', { min: 2, max: 30 }),
  scope: scopeSchema,
});

/** What a person types to sign in: no format rules, so that a typo reads as "wrong credentials". */
export const credentialsSchema = z.strictObject({
  username: z.string({ error: '请填写用户名' }).min(1, '请填写用户名').max(64, '用户名过长'),
  password: z.string({ error: '请填写密码' }).min(1, '请填写密码').max(256, '密码过长'),
});

export const disableUserSchema = reasonSchema.partial();

/** The current password proves it is the user at the keyboard, not someone holding their session. */
export const changePasswordSchema = z.strictObject({
  currentPassword: z.string({ error: '请填写当前密码' }).min(1, '请填写当前密码').max(256, '密码过长'),
  newPassword: passwordSchema,
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
  }
>;
export type DisableUser = Command<'DisableUser', { userId: string; reason?: string }>;
export type EnableUser = Command<'EnableUser', { userId: string }>;
/** The current password was checked and the new one hashed before the command: both are scrypt work. */
export type ChangePassword = Command<'ChangePassword', { userId: string; passwordHash: string }>;
/** Ends one session (a token's `jti`); `expiresAt` is when its token would have expired anyway. */
export type SignOut = Command<'SignOut', { userId: string; sessionId: string; expiresAt: string }>;

export type UserCommand = RegisterUser | DisableUser | EnableUser | ChangePassword | SignOut;
