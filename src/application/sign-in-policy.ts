import { DEFAULT_STAFF_PASSWORD_DAYS, type PasswordLifetimes } from '../domain/user/password-expiry.js';

/**
 * `required`: staff sign in with a second factor and change the password someone else set for them.
 * `off` is for development and automated tests only; start-up warns about it (src/serve.ts).
 */
export type StaffMfaMode = 'required' | 'off';

export interface SignInPolicy {
  staffMfa: StaffMfaMode;
  passwordLifetimes: PasswordLifetimes;
}

/** What a deployment gets unless configured otherwise (YUNSUPEI_STAFF_MFA, YUNSUPEI_STAFF_PASSWORD_DAYS). */
export const DEFAULT_SIGN_IN_POLICY: SignInPolicy = {
  staffMfa: 'required',
  passwordLifetimes: { staffDays: DEFAULT_STAFF_PASSWORD_DAYS, organizationDays: null },
};

export function signInPolicy(deps: { signIn?: SignInPolicy | undefined }): SignInPolicy {
  return deps.signIn ?? DEFAULT_SIGN_IN_POLICY;
}
