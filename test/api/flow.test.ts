import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody, needBody, solutionBody } from './fixtures.js';
import { createTestApi, registerOrg, type TestApi, type TestOrg } from './support.js';

type Json = Record<string, unknown>;
const body = async (res: Response) => (await res.json()) as Json;
const HOUR = 60 * 60 * 1000;

describe('the main flow through the API: register, verify, list, 揭榜, shortlist, sign, deliver, rate', () => {
  let api: TestApi;
  let staff: string;
  let demander: TestOrg;
  let vendor: TestOrg;
  let needId: string;
  let solutionId: string;
  let engagementId: string;

  beforeAll(async () => {
    api = await createTestApi();
    staff = (await api.createStaff()).token;
  });
  afterAll(() => api.close());

  it('registers two organizations (pending), which staff find in the list of those awaiting review and verify', async () => {
    demander = await registerOrg(api, 'demander', null);
    const pending = await api.request('GET', `/api/v1/orgs/${demander.orgId}`, { token: demander.token });
    expect(await body(pending)).toMatchObject({ status: 'pending', kind: 'demander' });
    await api.caughtUp();
    const awaiting = await api.request('GET', '/api/v1/orgs?status=pending&kind=demander', { token: staff });
    expect(awaiting.status).toBe(200);
    const list = (await body(awaiting)) as { total: number; hits: Json[]; facets: Json };
    expect(list.hits).toEqual([
      expect.objectContaining({ id: demander.orgId, kind: 'demander', status: 'pending' }),
    ]);
    expect(list.hits[0]).not.toHaveProperty('contact');
    expect(list.facets).toMatchObject({ kind: { demander: 1 }, status: { pending: 1 } });
    const refused = await api.request('GET', '/api/v1/orgs', { token: demander.token });
    expect(refused.status).toBe(403);
    const verified = await api.request('POST', `/api/v1/orgs/${demander.orgId}/verify`, { token: staff });
    expect(verified.status).toBe(200);
    expect(await body(verified)).toMatchObject({ id: demander.orgId, status: 'verified', revision: 1 });
    expect(verified.headers.get('etag')).toBe('W/"1"');
    expect(verified.headers.get('x-position')).toMatch(/^\d+$/);
    vendor = await registerOrg(api, 'vendor', staff);
  });

  it('creates a need as a draft with Location, ETag and X-Position, then submits it; staff approve and it is published', async () => {
    const created = await api.request('POST', '/api/v1/needs', { token: demander.token, body: needBody });
    expect(created.status).toBe(201);
    const need = await body(created);
    needId = need.id as string;
    expect(need).toMatchObject({
      status: 'draft',
      revision: 0,
      orgId: demander.orgId,
      title: needBody.title,
    });
    expect(need.contact).toMatchObject({ name: '李主任' });
    expect(created.headers.get('location')).toBe(`/api/v1/needs/${needId}`);
    expect(created.headers.get('etag')).toBe('W/"0"');
    expect(Number(created.headers.get('x-position'))).toBeGreaterThanOrEqual(0);

    const submitted = await api.request('POST', `/api/v1/needs/${needId}/submit`, { token: demander.token });
    expect(await body(submitted)).toMatchObject({ status: 'submitted' });
    const approved = await api.request('POST', `/api/v1/needs/${needId}/approve`, { token: staff });
    expect(await body(approved)).toMatchObject({ status: 'published' });
  });

  it('creates, submits and approves a solution, which is then published', async () => {
    const created = await api.request('POST', '/api/v1/solutions', {
      token: vendor.token,
      body: solutionBody,
    });
    expect(created.status).toBe(201);
    solutionId = (await body(created)).id as string;
    expect(created.headers.get('location')).toBe(`/api/v1/solutions/${solutionId}`);
    await api.request('POST', `/api/v1/solutions/${solutionId}/submit`, { token: vendor.token });
    const approved = await api.request('POST', `/api/v1/solutions/${solutionId}/approve`, { token: staff });
    expect(await body(approved)).toMatchObject({ status: 'published', vendorId: vendor.orgId });
  });

  it('shows a published need to a vendor, but not the demander’s contact details', async () => {
    const res = await api.request('GET', `/api/v1/needs/${needId}`, { token: vendor.token });
    expect(res.status).toBe(200);
    const need = await body(res);
    expect(need.status).toBe('published');
    expect(need).not.toHaveProperty('contact');
    expect(res.headers.get('etag')).toBe(`W/"${need.revision}"`);
  });

  it('lets the vendor take up the need (揭榜) and the demander shortlist it, after which the vendor sees the contact', async () => {
    const applied = await api.request('POST', `/api/v1/needs/${needId}/applications`, {
      token: vendor.token,
      body: applicationBody(solutionId),
    });
    expect(applied.status).toBe(201);
    const engagement = await body(applied);
    engagementId = engagement.id as string;
    expect(engagement).toMatchObject({ status: 'applied', needId, solutionId, vendorId: vendor.orgId });
    expect(applied.headers.get('location')).toBe(`/api/v1/engagements/${engagementId}`);

    const shortlisted = await api.request('POST', `/api/v1/engagements/${engagementId}/shortlist`, {
      token: demander.token,
      body: { shareContact: true },
    });
    expect(await body(shortlisted)).toMatchObject({ status: 'shortlisted' });
    const need = await body(await api.request('GET', `/api/v1/needs/${needId}`, { token: vendor.token }));
    expect(need.contact).toMatchObject({ name: '李主任' });
  });

  it('schedules a meeting, and both sides sign: the engagement is signed and the need in progress', async () => {
    const meeting = await api.request('POST', `/api/v1/engagements/${engagementId}/schedule-meeting`, {
      token: vendor.token,
      body: { at: new Date(api.clock().getTime() + HOUR).toISOString(), location: '济南市高新区汉峪金谷A4' },
    });
    expect(await body(meeting)).toMatchObject({ status: 'meeting_scheduled' });
    const first = await api.request('POST', `/api/v1/engagements/${engagementId}/sign`, {
      token: demander.token,
      body: { amountWan: 80 },
    });
    expect(await body(first)).toMatchObject({ status: 'meeting_scheduled' });
    const second = await api.request('POST', `/api/v1/engagements/${engagementId}/sign`, {
      token: vendor.token,
      body: { amountWan: 80 },
    });
    expect(await body(second)).toMatchObject({ status: 'signed', amountWan: 80 });
    const need = await body(await api.request('GET', `/api/v1/needs/${needId}`, { token: demander.token }));
    expect(need.status).toBe('in_progress');
  });

  it('confirms delivery (the need is fulfilled), takes both ratings and promotes a case', async () => {
    api.advance(HOUR); // the meeting has taken place
    const delivered = await api.request('POST', `/api/v1/engagements/${engagementId}/deliver`, {
      token: demander.token,
    });
    expect(await body(delivered)).toMatchObject({ status: 'delivered' });
    expect((await body(await api.request('GET', `/api/v1/needs/${needId}`, { token: staff }))).status).toBe(
      'fulfilled',
    );
    for (const token of [demander.token, vendor.token]) {
      const rated = await api.request('POST', `/api/v1/engagements/${engagementId}/rate`, {
        token,
        body: { score: 5, comment: '合作顺利' },
      });
      expect(rated.status).toBe(200);
    }
    const engagement = await body(
      await api.request('GET', `/api/v1/engagements/${engagementId}`, { token: staff }),
    );
    expect(engagement.status).toBe('rated');

    const promoted = await api.request('POST', `/api/v1/engagements/${engagementId}/promote-case`, {
      token: staff,
      body: { summary: '机器视觉替代人工目检，漏检率下降九成，可在同类产线复用。' },
    });
    expect(promoted.status).toBe(201);
    const caseId = (await body(promoted)).id as string;
    expect(promoted.headers.get('location')).toBe(`/api/v1/cases/${caseId}`);
    const shown = await body(await api.request('GET', `/api/v1/cases/${caseId}`, { token: vendor.token }));
    expect(shown).toMatchObject({ status: 'promoted', city: 'jinan', title: needBody.title });
  });

  it('keeps the audit trail for staff, with actors and without password hashes', async () => {
    const res = await api.request('GET', `/api/v1/streams/engagement-${engagementId}/events`, {
      token: staff,
    });
    expect(res.status).toBe(200);
    const trail = await body(res);
    const events = trail.events as { type: string; metadata: { actor: { role: string } } }[];
    expect(events.map((e) => e.type)).toContain('EngagementSigned');
    expect(events[0]?.metadata.actor.role).toBe('vendor');
    const user = await api.request('GET', `/api/v1/streams/user-${vendor.userId}/events`, { token: staff });
    const text = await user.text();
    expect(text).toContain('[redacted]');
    expect(text).not.toContain('pbkdf2-sm3$');
  });
});
