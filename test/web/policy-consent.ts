import { currentPolicyVersions } from '../../src/application/policies/policies.js';

/** The registration form's consent as a browser posts it once the box is ticked. */
export function policyConsentFields(versions = currentPolicyVersions()) {
  return {
    acceptPolicies: 'yes',
    'accepted.privacyPolicy': versions.privacyPolicy,
    'accepted.userAgreement': versions.userAgreement,
  };
}
