import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPolicyVersions } from '../../src/application/policies/policies.js';
import { applicationBody, needBody } from './fixtures.js';
import { createScenario, type Scenario } from './scenario.js';
import { createTestApi, expectProblem, registrationBody, type TestApi } from './support.js';

type Json = Record<string, unknown>;

/** PIPL consent: the policies registration accepts, and the demander's separate consent to share its contact. */
describe('PIPL consent', () => {
  let api: TestApi;
  let s: Scenario;
  beforeAll(async () => {
    api = await createTestApi();
    s = await createScenario(api);
  });
  afterAll(() => api.close());

  const json = async (res: Response) => (await res.json()) as Json;

  it('names the current 隐私政策 and 用户协议 with their versions and pages, which answer', async () => {
    const res = await api.request('GET', '/api/v1/policies');
    expect(res.status).toBe(200);
    const current = currentPolicyVersions();
    expect(await json(res)).toEqual({
      privacyPolicy: { version: current.privacyPolicy, url: '/privacy' },
      userAgreement: { version: current.userAgreement, url: '/terms' },
    });
    for (const [path, title, version] of [
      ['/privacy', '隐私政策', current.privacyPolicy],
      ['/terms', '用户协议', current.userAgreement],
    ] as const) {
      const page = await api.request('GET', path);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(title);
      expect(html).toContain(`版本 ${version}`);
    }
    expect(await (await api.request('GET', '/privacy')).text()).toContain('个人信息保护负责人');
  });

  it('refuses a registration that accepted nothing, in Chinese, and writes nothing', async () => {
    const { accepted: _accepted, ...body } = registrationBody('demander');
    const head = await api.store.headPosition();
    const problem = await expectProblem(await api.request('POST', '/api/v1/orgs', { body }), 422);
    expect(problem.errors).toContainEqual({
      path: 'accepted',
      message: '请阅读并勾选同意《隐私政策》和《用户协议》',
    });
    expect(await api.store.headPosition()).toBe(head);
  });

  it('refuses a registration that accepted an outdated version, and writes nothing', async () => {
    const body = registrationBody('vendor');
    const head = await api.store.headPosition();
    for (const accepted of [
      { ...body.accepted, privacyPolicy: '0.9' },
      { ...body.accepted, userAgreement: '0.9' },
    ]) {
      const problem = await expectProblem(
        await api.request('POST', '/api/v1/orgs', { body: { ...body, accepted } }),
        422,
        'organization.policies_outdated',
      );
      expect(problem.detail).toContain('已更新');
    }
    expect(await api.store.headPosition()).toBe(head);
    // Nothing was reserved: the same registration with the current versions goes through.
    const registered = await api.request('POST', '/api/v1/orgs', { body });
    expect(registered.status).toBe(201);
    const { org } = (await registered.json()) as { org: Json };
    expect(org.policiesAccepted).toEqual(currentPolicyVersions());
  });

  /** A published need (with a contact of its own) and a vendor's application to it. */
  async function application() {
    const contact = { name: '周工', phone: '0531-66661234', email: 'zhou@example.cn' };
    const call = async (path: string, token: string, body?: unknown) => {
      const res = await api.request('POST', path, { token, ...(body === undefined ? {} : { body }) });
      expect(res.status, await res.clone().text()).toBeLessThan(300);
      return json(res);
    };
    const need = await call('/api/v1/needs', s.demander.token, { ...needBody, contact });
    await call(`/api/v1/needs/${need.id}/submit`, s.demander.token);
    await call(`/api/v1/needs/${need.id}/approve`, s.staff);
    const engagement = await call(
      `/api/v1/needs/${need.id}/applications`,
      s.vendor.token,
      applicationBody(s.vendorSolution),
    );
    const shortlist = (body?: unknown) =>
      api.request('POST', `/api/v1/engagements/${engagement.id}/shortlist`, {
        token: s.demander.token,
        ...(body === undefined ? {} : { body }),
      });
    const needSeenByVendor = async () =>
      json(await api.request('GET', `/api/v1/needs/${need.id}`, { token: s.vendor.token }));
    return { contact, shortlist, needSeenByVendor };
  }

  it('shows a vendor shortlisted with the demander’s consent the need’s contact', async () => {
    const { contact, shortlist, needSeenByVendor } = await application();
    const shortlisted = await shortlist({ shareContact: true });
    expect(await json(shortlisted)).toMatchObject({ status: 'shortlisted', contactShared: true });
    const need = await needSeenByVendor();
    expect(need.contact).toEqual(contact);
    expect(need).not.toHaveProperty('contactWithheld');
  });

  it('tells a vendor shortlisted without consent that the contact was not shared, and does not show it', async () => {
    for (const body of [undefined, { shareContact: false }]) {
      const { contact, shortlist, needSeenByVendor } = await application();
      expect(await json(await shortlist(body))).toMatchObject({
        status: 'shortlisted',
        contactShared: false,
      });
      const need = await needSeenByVendor();
      expect(need).not.toHaveProperty('contact');
      expect(need.contactWithheld).toBe('需求方未同意共享联系方式');
      expect(JSON.stringify(need)).not.toContain(contact.phone);
    }
  });

  it('refuses a consent that is not yes or no', async () => {
    const { shortlist } = await application();
    const problem = await expectProblem(await shortlist({ shareContact: '同意' }), 422);
    expect(problem.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
