import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBody, solutionBody } from '../api/fixtures.js';
import { PASSWORD, registrationBody } from '../api/support.js';
import { openSite, type Site, STAFF, visitor } from './support.js';

/** A published need of a demander and a published solution of a vendor that 云速配 ranks for it, via the API. */
async function marketplace(site: Site) {
  let position = '0';
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
    position = res.headers.get('X-Position') ?? position;
    return (await res.json()) as Record<string, unknown> & { id: string };
  };
  const token = async (username: string, password: string) =>
    ((await call('POST', '/auth/token', undefined, { username, password })) as unknown as { token: string })
      .token;
  const staff = await token(STAFF.username, STAFF.password);
  const register = async (kind: 'demander' | 'vendor') => {
    const body = registrationBody(kind);
    const { org } = (await call('POST', '/orgs', undefined, body)) as unknown as { org: { id: string } };
    await call('POST', `/orgs/${org.id}/verify`, staff);
    return { username: body.admin.username, token: await token(body.admin.username, body.admin.password) };
  };
  const demander = await register('demander');
  const vendor = await register('vendor');
  const need = await call('POST', '/needs', demander.token, needBody);
  await call('POST', `/needs/${need.id}/submit`, demander.token);
  await call('POST', `/needs/${need.id}/approve`, staff);
  const solution = await call('POST', '/solutions', vendor.token, solutionBody);
  await call('POST', `/solutions/${solution.id}/submit`, vendor.token);
  await call('POST', `/solutions/${solution.id}/approve`, staff);
  // Waits until the read models (云速配's candidates) hold the published solution.
  await call('GET', `/solutions?after=${position}`, staff);
  return {
    demander,
    vendor,
    needId: need.id,
    solutionId: solution.id,
    suspendDemander: () =>
      call('POST', `/orgs/${need.orgId}/suspend`, staff, { reason: '资料不实，暂停服务' }),
  };
}

describe('邀请揭榜 beside each 云速配 recommendation', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(() => site.close());

  it('shows the owner a 邀请揭榜 button that invites the vendor, then says it is invited', async () => {
    const { demander, needId, solutionId } = await marketplace(site);
    const owner = visitor(site);
    await owner.get('/login');
    expect((await owner.post('/login', { username: demander.username, password: PASSWORD })).status).toBe(
      303,
    );

    const before = await owner.get(`/needs/${needId}`);
    expect(before.status).toBe(200);
    expect(before.html).toContain('云速配推荐方案');
    expect(before.html).toMatch(
      new RegExp(`action="/needs/${needId}/invite"[\\s\\S]*?value="${solutionId}"[\\s\\S]*?邀请揭榜`),
    );

    const posted = await owner.post(`/needs/${needId}/invite`, { solutionId });
    expect(posted.status).toBe(303);
    const after = await owner.follow(posted);
    expect(after.html).toContain('已邀请该服务商揭榜，对方会收到通知');
    expect(after.html).toContain('已邀请，待揭榜');
    expect(after.html).not.toContain(`action="/needs/${needId}/invite"`);
    const events = await site.deps.store.readStream(`invitations-${needId}`);
    expect(events.map((e) => [e.type, e.data.solutionId])).toEqual([['VendorInvited', solutionId]]);

    // A second invitation is refused in Chinese on the page, and writes nothing.
    const again = await owner.follow(await owner.post(`/needs/${needId}/invite`, { solutionId }));
    expect(again.html).toContain('已邀请该服务商揭榜此需求，请等待对方揭榜');
    expect(await site.deps.store.readStream(`invitations-${needId}`)).toHaveLength(1);
  });

  it('shows staff the recommendations without the owner’s 邀请揭榜 button', async () => {
    const { needId } = await marketplace(site);
    const staff = visitor(site);
    await staff.get('/login');
    await staff.post('/login', STAFF);
    const page = await staff.get(`/needs/${needId}`);
    expect(page.html).toContain('推荐给需求方');
    expect(page.html).not.toContain('邀请揭榜');
  });

  it('tells a vendor on the need of a suspended demander why it cannot 揭榜 or ask, with no form to do either', async () => {
    const { vendor, needId, suspendDemander } = await marketplace(site);
    const member = visitor(site);
    await member.get('/login');
    await member.post('/login', { username: vendor.username, password: PASSWORD });
    const before = (await member.get(`/needs/${needId}`)).html;
    expect(before).toContain(`action="/needs/${needId}/apply"`);
    expect(before).toContain(`action="/needs/${needId}/questions"`);

    await suspendDemander();
    const page = await member.get(`/needs/${needId}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('需求方机构已被暂停，此需求暂不接受揭榜和提问，也不在公开的需求列表中。');
    expect(page.html).toContain('需求方机构已被暂停，暂不能揭榜。');
    expect(page.html).not.toContain(`action="/needs/${needId}/apply"`);
    expect(page.html).not.toContain(`action="/needs/${needId}/questions"`);
  });
});
