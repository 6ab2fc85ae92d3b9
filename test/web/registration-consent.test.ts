import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPolicyVersions } from '../../src/application/policies/policies.js';
import { nextUscc, PASSWORD, uniqueName } from '../api/support.js';
import { policyConsentFields } from './policy-consent.js';
import { openSite, type Site, visitor } from './support.js';

/** The registration form asks for the 隐私政策 and 用户协议 with a checkbox linking to both. */
describe('registration page: consent to the policies', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(() => site.close());

  const form = () => {
    const username = uniqueName('consent');
    return {
      name: `济南市${username}制造有限公司`,
      uscc: nextUscc(),
      kind: 'demander',
      city: 'jinan',
      'contact.name': '王主任',
      'contact.phone': '0531-88886666',
      'contact.email': `${username}@example.cn`,
      'admin.username': username,
      'admin.password': PASSWORD,
      passwordConfirm: PASSWORD,
    };
  };

  it('shows the checkbox with links to both texts and their current versions', async () => {
    const { html } = await visitor(site).get('/register');
    const current = currentPolicyVersions();
    expect(html).toMatch(/<input type="checkbox" id="f-accepted" name="acceptPolicies" value="yes" required/);
    expect(html).toContain('href="/privacy"');
    expect(html).toContain('href="/terms"');
    expect(html).toContain(`name="accepted.privacyPolicy" value="${current.privacyPolicy}"`);
    expect(html).toContain(`name="accepted.userAgreement" value="${current.userAgreement}"`);
  });

  it('refuses the form without the box ticked, saying so on the form, and keeps what was typed', async () => {
    const person = visitor(site);
    await person.get('/register');
    const fields = form();
    const refused = await person.post('/register', fields);
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('请阅读并勾选同意《隐私政策》和《用户协议》');
    expect(refused.html).toContain('id="f-accepted-error"');
    expect(refused.html).toContain(fields.name);
  });

  it('refuses versions that are no longer current, and registers with the current ones', async () => {
    const person = visitor(site);
    await person.get('/register');
    const fields = form();
    const outdated = policyConsentFields({ privacyPolicy: '0.9', userAgreement: '0.9' });
    const refused = await person.post('/register', { ...fields, ...outdated });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('已更新，请阅读最新版本后重新勾选同意');
    const registered = await person.post('/register', { ...fields, ...policyConsentFields() });
    expect(registered.status, registered.html).toBe(303);
  });
});
