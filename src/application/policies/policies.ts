import type { PolicyVersions } from '../../domain/organization/policy-acceptance.js';
import type { PolicyText } from './policy-text.js';
import { privacyPolicy } from './privacy-policy.js';
import { userAgreement } from './user-agreement.js';

export type PolicyKind = keyof PolicyVersions;

/** The texts in force and the pages that show them. */
export const policies: Record<PolicyKind, { text: PolicyText; url: string }> = {
  privacyPolicy: { text: privacyPolicy, url: '/privacy' },
  userAgreement: { text: userAgreement, url: '/terms' },
};

/** Shown where no personal-information protection contact is configured (YUNSUPEI_PRIVACY_CONTACT). */
export const DEFAULT_PRIVACY_CONTACT =
  '个人信息保护负责人：平台运营单位数据安全岗，请通过“联系我们”页面提出申请。';

/** The versions a registration must accept. */
export function currentPolicyVersions(): PolicyVersions {
  return { privacyPolicy: privacyPolicy.version, userAgreement: userAgreement.version };
}

/** GET /api/v1/policies: each text's current version and where to read it. */
export function policyLinks(): Record<PolicyKind, { version: string; url: string }> {
  return {
    privacyPolicy: { version: privacyPolicy.version, url: policies.privacyPolicy.url },
    userAgreement: { version: userAgreement.version, url: policies.userAgreement.url },
  };
}
