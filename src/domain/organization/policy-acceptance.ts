import { z } from 'zod';
import { organizationError } from './messages.js';

/** Versions of the 隐私政策 and the 用户协议: those a registrant accepted, or the platform's current ones. */
export type PolicyVersions = { privacyPolicy: string; userAgreement: string };

const acceptanceMessage = '请阅读并勾选同意《隐私政策》和《用户协议》';
const version = z.string({ error: acceptanceMessage }).trim().min(1, acceptanceMessage).max(40);

/** `accepted` in a registration: the versions the registrant read and agreed to. */
export const policyAcceptanceSchema = z.strictObject(
  { privacyPolicy: version, userAgreement: version },
  { error: acceptanceMessage },
);

/**
 * Registration needs consent to the texts in force (PIPL): an acceptance of an older version was given to
 * a text that no longer applies, so the registrant is asked to read the new one.
 */
export function requireCurrentPolicies(accepted: PolicyVersions, current: PolicyVersions): void {
  if (accepted.privacyPolicy !== current.privacyPolicy || accepted.userAgreement !== current.userAgreement) {
    throw organizationError('organization.policies_outdated', { path: 'accepted', current });
  }
}
