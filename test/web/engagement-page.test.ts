import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody, needBody, solutionBody } from '../api/fixtures.js';
import { PASSWORD, registrationBody } from '../api/support.js';
import { openSite, type Site, STAFF, visitor } from './support.js';

/** The need's own contact, spelled nowhere else, so that finding it on a page can only mean it was shown. */
const needContact = { name: '赵经理', phone: '0531-86669999', email: 'zhao.need-contact@example.cn' };

/** A published need with its own contact, a vendor's application (揭榜) to it, all through the API. */
async function application(site: Site) {
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await site.app.request(`/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as { id: string; token: string; org: { id: string } };
  };
  const token = async (username: string, password: string) =>
    (await call('POST', '/auth/token', undefined, { username, password })).token;
  const staff = await token(STAFF.username, STAFF.password);
  const register = async (kind: 'demander' | 'vendor') => {
    const body = registrationBody(kind);
    const { org } = await call('POST', '/orgs', undefined, body);
    await call('POST', `/orgs/${org.id}/verify`, staff);
    return { username: body.admin.username, token: await token(body.admin.username, body.admin.password) };
  };
  const demander = await register('demander');
  const vendor = await register('vendor');
  const need = await call('POST', '/needs', demander.token, { ...needBody, contact: needContact });
  await call('POST', `/needs/${need.id}/submit`, demander.token);
  await call('POST', `/needs/${need.id}/approve`, staff);
  const solution = await call('POST', '/solutions', vendor.token, solutionBody);
  await call('POST', `/solutions/${solution.id}/submit`, vendor.token);
  await call('POST', `/solutions/${solution.id}/approve`, staff);
  const engagement = await call(
    'POST',
    `/needs/${need.id}/applications`,
    vendor.token,
    applicationBody(solution.id),
  );
  const shortlist = () =>
    call('POST', `/engagements/${engagement.id}/shortlist`, demander.token, { shareContact: true });
  return { demander, vendor, needId: need.id, engagementId: engagement.id, shortlist };
}

describe('the engagement page reads its need with the need’s rules', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(() => site.close());

  it('does not show the need’s contact to a vendor who may not see it yet', async () => {
    const { vendor, needId, engagementId, shortlist } = await application(site);
    const browser = visitor(site);
    await browser.get('/login');
    expect((await browser.post('/login', { username: vendor.username, password: PASSWORD })).status).toBe(
      303,
    );

    // Applied, not shortlisted: the contact is the demander's to give.
    const applied = await browser.get(`/engagements/${engagementId}`);
    expect(applied.status).toBe(200);
    expect(applied.html).toContain(needBody.title);
    for (const detail of [needContact.phone, needContact.email]) expect(applied.html).not.toContain(detail);
    expect((await browser.get(`/needs/${needId}`)).html).not.toContain(needContact.phone);

    // Once shortlisted the vendor may see it (on the need's page): the strings above are the ones shown.
    await shortlist();
    expect((await browser.get(`/needs/${needId}`)).html).toContain(needContact.phone);
  });
});

describe('the demander’s consent to share the need’s contact, given when shortlisting on the page', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(() => site.close());

  async function signedIn(username: string) {
    const browser = visitor(site);
    await browser.get('/login');
    expect((await browser.post('/login', { username, password: PASSWORD })).status).toBe(303);
    return browser;
  }

  it('offers the consent as a checkbox, and without it the vendor is told the contact was not shared', async () => {
    const { demander, vendor, needId, engagementId } = await application(site);
    const owner = await signedIn(demander.username);
    const page = await owner.get(`/engagements/${engagementId}`);
    expect(page.html).toMatch(/<input type="checkbox" id="f-shareContact" name="shareContact" value="yes"/);
    expect(page.html).toContain('同意向该服务商提供本需求的联系人姓名、电话和邮箱');

    // The box left unticked: the browser posts no shareContact.
    expect((await owner.post(`/engagements/${engagementId}/shortlist`)).status).toBe(303);
    const seller = await signedIn(vendor.username);
    for (const path of [`/engagements/${engagementId}`, `/needs/${needId}`]) {
      const seen = await seller.get(path);
      expect(seen.html).toContain('需求方未同意共享联系方式');
      for (const detail of [needContact.phone, needContact.email]) expect(seen.html).not.toContain(detail);
    }
  });

  it('shows the vendor the contact once the demander ticked the box', async () => {
    const { demander, vendor, needId, engagementId } = await application(site);
    const owner = await signedIn(demander.username);
    await owner.get(`/engagements/${engagementId}`);
    const posted = await owner.post(`/engagements/${engagementId}/shortlist`, { shareContact: 'yes' });
    expect(posted.status).toBe(303);
    const seller = await signedIn(vendor.username);
    for (const path of [`/engagements/${engagementId}`, `/needs/${needId}`]) {
      const seen = await seller.get(path);
      expect(seen.html).toContain(needContact.phone);
      expect(seen.html).not.toContain('需求方未同意共享联系方式');
    }
  });
});
