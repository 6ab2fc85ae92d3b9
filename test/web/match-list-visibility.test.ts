import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchingService } from '../../src/application/matching-service.js';
import { needBody, solutionBody } from '../api/fixtures.js';
import { PASSWORD, registrationBody } from '../api/support.js';
import { openSite, type Site, STAFF, visitor } from './support.js';

/** Strings spelled nowhere else, so that finding one on a page can only mean that it was shown. */
const needContact = { name: '钱经理', phone: '0531-86665555', email: 'qian.match-list@example.cn' };
const draftNeedTitle = '尚未提交的仓储盘点机器人需求';
const draftSolutionTitle = '尚未提交的园区安防巡检方案';

/**
 * What the index's match lists hold, set once the listings exist: besides a published listing, one that is
 * still a draft (a list read from the index can be behind, or wrong; the pages must not trust it).
 */
const stale = { needId: '', solutionId: '', vendorId: '', draftNeedId: '', draftSolutionId: '' };

const staleMatching = (real: MatchingService): MatchingService => ({
  ...real,
  async matchesForNeed(_actor, needId) {
    const results = [stale.solutionId, stale.draftSolutionId].map((solutionId) => ({
      solutionId,
      vendorId: stale.vendorId,
      score: 0.9,
      reasons: [],
    }));
    return { needId, results, computedAt: null, statisticsAt: null };
  },
  async matchesForSolution(_actor, solutionId) {
    const results = [stale.needId, stale.draftNeedId].map((needId) => ({
      needId,
      solutionId,
      score: 0.9,
      reasons: [],
    }));
    return { solutionId, results, computedAt: null, statisticsAt: null };
  },
});

/**
 * A published need with its own contact and a draft need; a published solution and a draft one; a demander
 * with neither.
 */
async function listings(site: Site) {
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
    return {
      orgId: org.id,
      username: body.admin.username,
      token: await token(body.admin.username, PASSWORD),
    };
  };
  const demander = await register('demander');
  const vendor = await register('vendor');
  const need = await call('POST', '/needs', demander.token, { ...needBody, contact: needContact });
  await call('POST', `/needs/${need.id}/submit`, demander.token);
  await call('POST', `/needs/${need.id}/approve`, staff);
  const draftNeed = await call('POST', '/needs', demander.token, { ...needBody, title: draftNeedTitle });
  const solution = await call('POST', '/solutions', vendor.token, solutionBody);
  await call('POST', `/solutions/${solution.id}/submit`, vendor.token);
  await call('POST', `/solutions/${solution.id}/approve`, staff);
  const draftSolution = await call('POST', '/solutions', vendor.token, {
    ...solutionBody,
    title: draftSolutionTitle,
  });
  Object.assign(stale, {
    needId: need.id,
    solutionId: solution.id,
    vendorId: vendor.orgId,
    draftNeedId: draftNeed.id,
    draftSolutionId: draftSolution.id,
  });
  return { demander, vendor, otherDemander: await register('demander') };
}

async function signIn(site: Site, username: string) {
  const browser = visitor(site);
  await browser.get('/login');
  expect((await browser.post('/login', { username, password: PASSWORD })).status).toBe(303);
  return browser;
}

describe('the 云速配 lists on a listing’s page show each listing by the rules of its own page', () => {
  let site: Site;
  let accounts: Awaited<ReturnType<typeof listings>>;
  beforeAll(async () => {
    site = await openSite({ matching: staleMatching });
    accounts = await listings(site);
  });
  afterAll(() => site.close());

  it('leaves out of a need’s matches a solution its owner may not see', async () => {
    const owner = await signIn(site, accounts.demander.username);
    const needPage = await owner.get(`/needs/${stale.needId}`);
    expect(needPage.status).toBe(200);
    // The list is there, with the published solution: the draft is left out of it, not the list dropped.
    expect(needPage.html).toContain(solutionBody.title);
    expect(needPage.html).not.toContain(draftSolutionTitle);
    expect(needPage.html).not.toContain(`/solutions/${stale.draftSolutionId}`);
  });

  it('leaves out of a solution’s fitting needs a need its vendor may not see, and any contact it may not', async () => {
    const vendor = await signIn(site, accounts.vendor.username);
    const solutionPage = await vendor.get(`/solutions/${stale.solutionId}`);
    expect(solutionPage.status).toBe(200);
    expect(solutionPage.html).toContain(needBody.title);
    expect(solutionPage.html).not.toContain(draftNeedTitle);
    expect(solutionPage.html).not.toContain(`/needs/${stale.draftNeedId}`);
    for (const detail of [needContact.phone, needContact.email])
      expect(solutionPage.html).not.toContain(detail);
  });

  it('fills the need’s edit form, contact included, for its owner only', async () => {
    const owner = await signIn(site, accounts.demander.username);
    const form = await owner.get(`/needs/${stale.needId}/edit`);
    expect(form.status).toBe(200);
    // Read through the need's view: its owner sees the contact, so saving the form keeps it.
    expect(form.html).toContain(needContact.phone);
    const vendor = await signIn(site, accounts.vendor.username);
    expect((await vendor.get(`/solutions/${stale.draftSolutionId}/edit`)).status).toBe(200);
    const other = await signIn(site, accounts.otherDemander.username);
    for (const path of [`/needs/${stale.needId}/edit`, `/needs/${stale.draftNeedId}/edit`]) {
      const refused = await other.get(path);
      expect(refused.status).toBe(403);
      expect(refused.html).not.toContain(needContact.phone);
    }
  });
});
