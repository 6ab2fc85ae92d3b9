import { currentPolicyVersions, policies } from '../../application/policies/policies.js';
import { errorFor, type FormState, type FormValues, fieldId } from './form.js';

const CHECKBOX = 'acceptPolicies';

/**
 * The registration form's consent: one checkbox, with the versions the registrant was shown carried in
 * hidden fields, so that a text changed while the form was open is refused as outdated rather than
 * accepted unread.
 */
export function PolicyConsent({ form }: { form: FormState }) {
  const error = errorFor(form.errors, 'accepted');
  const id = fieldId('accepted');
  const versions = currentPolicyVersions();
  const { privacyPolicy, userAgreement } = policies;
  return (
    <div class={error ? 'field invalid' : 'field'}>
      <input type="hidden" name="accepted.privacyPolicy" value={versions.privacyPolicy} />
      <input type="hidden" name="accepted.userAgreement" value={versions.userAgreement} />
      <label>
        <input
          type="checkbox"
          id={id}
          name={CHECKBOX}
          value="yes"
          required
          checked={form.values[CHECKBOX] === 'yes'}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        我已阅读并同意
        <a href={privacyPolicy.url} target="_blank" rel="noopener">
          《{privacyPolicy.text.title}》
        </a>
        （{versions.privacyPolicy}版）和
        <a href={userAgreement.url} target="_blank" rel="noopener">
          《{userAgreement.text.title}》
        </a>
        （{versions.userAgreement}版）
      </label>
      {error ? (
        <p class="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The posted acceptance: the versions shown, only when the box was ticked (else the schema names it missing). */
export function acceptedPolicies(
  values: FormValues,
): { privacyPolicy: unknown; userAgreement: unknown } | undefined {
  if (values[CHECKBOX] !== 'yes') return undefined;
  return { privacyPolicy: values['accepted.privacyPolicy'], userAgreement: values['accepted.userAgreement'] };
}
