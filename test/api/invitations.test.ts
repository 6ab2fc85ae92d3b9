import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationNotifier } from '../../src/notifications/invitation-notifier.js';
import { applicationBody } from './fixtures.js';
import { createScenario, type Scenario } from './scenario.js';
import { createTestApi, type TestApi } from './support.js';

type Json = Record<string, unknown>;
const CHINESE = /[\u4e00-\u9fff]/;

describe('邀请揭榜: POST /api/v1/needs/{id}/invitations', () => {
  let api: TestApi;
  let s: Scenario;
  beforeAll(async () => {
    api = await createTestApi();
    s = await createScenario(api);
  });
  afterAll(() => api.close());

  const invite = (needId: string, token: string, solutionId: unknown = s.vendorSolution) =>
    api.request('POST', `/api/v1/needs/${needId}/invitations`, { token, body: { solutionId } });
  const invitationsOf = async (needId: string, token = s.demander.token) => {
    const res = await api.request('GET', `/api/v1/needs/${needId}/invitations`, { token });
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Json[] }).items;
  };
  const eventsOf = async (needId: string) => (await api.store.readStream(`invitations-${needId}`)).length;

  async function expectProblem(res: Response, status: number, code: string) {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as { code: string; detail: string };
    expect(problem.code).toBe(code);
    expect(problem.detail).toMatch(CHINESE);
    return problem;
  }

  it('lets the owner invite the vendor of a published solution: 201, and the need lists it as open', async () => {
    const needId = await s.need('published');
    const res = await invite(needId, s.demander.token);
    expect(res.status).toBe(201);
    expect(res.headers.get('ETag')).toBe('W/"0"');
    const body = (await res.json()) as Json;
    expect(body).toMatchObject({
      needId,
      vendorId: s.vendor.orgId,
      solutionId: s.vendorSolution,
      status: 'open',
      acceptedAt: null,
      engagementId: null,
    });
    expect(await invitationsOf(needId)).toMatchObject([{ id: body.id, status: 'open' }]);
    expect(await invitationsOf(needId, s.staff)).toHaveLength(1);
  });

  it('refuses a second invitation of the same vendor while the first is open: 409 in Chinese, nothing written', async () => {
    const needId = await s.need('published');
    expect((await invite(needId, s.demander.token)).status).toBe(201);
    const problem = await expectProblem(
      await invite(needId, s.demander.token),
      409,
      'invitation.already_open',
    );
    expect(problem.detail).toBe('已邀请该服务商揭榜此需求，请等待对方揭榜');
    expect(await eventsOf(needId)).toBe(1);
  });

  it('refuses an unknown solution: 404 in Chinese', async () => {
    const needId = await s.need('published');
    await expectProblem(
      await invite(needId, s.demander.token, randomUUID()),
      404,
      'invitation.solution_not_found',
    );
    expect(await eventsOf(needId)).toBe(0);
  });

  it('refuses a solution id that is not an id: 422 naming the field', async () => {
    const needId = await s.need('published');
    const res = await invite(needId, s.demander.token, 'abc');
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { errors: { path: string; message: string }[] };
    expect(problem.errors).toEqual([{ path: 'solutionId', message: '编号格式不正确' }]);
  });

  it('refuses a demander inviting on a need it does not own: 403 in Chinese', async () => {
    const needId = await s.need('published');
    await expectProblem(await invite(needId, s.demander2.token), 403, 'invitation.not_need_owner');
    expect(await eventsOf(needId)).toBe(0);
  });

  it('refuses an unknown need: 404', async () => {
    await expectProblem(await invite(randomUUID(), s.demander.token), 404, 'need.not_found');
  });

  it('refuses a need that is not published: 409', async () => {
    const needId = await s.need('submitted');
    await expectProblem(await invite(needId, s.demander.token), 409, 'invitation.need_not_published');
  });

  it('refuses a solution that is not published: 409', async () => {
    const needId = await s.need('published');
    const draft = await s.solution('submitted');
    await expectProblem(
      await invite(needId, s.demander.token, draft),
      409,
      'invitation.solution_not_published',
    );
  });

  it('refuses a vendor that already applied to the need: 409', async () => {
    const needId = await s.need('published');
    const applied = await api.request('POST', `/api/v1/needs/${needId}/applications`, {
      token: s.vendor.token,
      body: applicationBody(s.vendorSolution),
    });
    expect(applied.status).toBe(201);
    await expectProblem(await invite(needId, s.demander.token), 409, 'invitation.vendor_engaged');
  });

  it('is accepted when the invited vendor applies (揭榜), and not when another vendor does', async () => {
    const needId = await s.need('published');
    const invited = (await (await invite(needId, s.demander.token)).json()) as Json;
    const otherSolution = await s.solution('published', s.vendor2);
    const other = await api.request('POST', `/api/v1/needs/${needId}/applications`, {
      token: s.vendor2.token,
      body: applicationBody(otherSolution),
    });
    expect(other.status).toBe(201);
    expect(await invitationsOf(needId)).toMatchObject([{ id: invited.id, status: 'open' }]);

    const applied = await api.request('POST', `/api/v1/needs/${needId}/applications`, {
      token: s.vendor.token,
      body: applicationBody(s.vendorSolution),
    });
    expect(applied.status).toBe(201);
    const engagement = (await applied.json()) as Json;
    expect(await invitationsOf(needId)).toMatchObject([
      { id: invited.id, status: 'accepted', engagementId: engagement.id, acceptedAt: expect.any(String) },
    ]);

    // The vendor sees the invitation it received, answered, once the read model has the application.
    const mine = await api.request(
      'GET',
      `/api/v1/me/invitations?after=${applied.headers.get('X-Position')}`,
      {
        token: s.vendor.token,
      },
    );
    expect(mine.status).toBe(200);
    expect(mine.headers.get('X-Stale')).toBeNull();
    const { hits } = (await mine.json()) as { hits: Json[] };
    expect(hits.find((hit) => hit.needId === needId)).toMatchObject({
      id: invited.id,
      status: 'accepted',
      engagementId: engagement.id,
      needTitle: expect.stringMatching(CHINESE),
      solutionTitle: expect.stringMatching(CHINESE),
    });
    const theirs = await api.request('GET', '/api/v1/me/invitations', { token: s.vendor2.token });
    expect(((await theirs.json()) as { hits: Json[] }).hits.some((hit) => hit.needId === needId)).toBe(false);
  });

  it('is accepted when the invited vendor takes up a recommendation of the same need instead', async () => {
    const needId = await s.need('published');
    expect((await invite(needId, s.demander.token)).status).toBe(201);
    const recommended = await api.request('POST', `/api/v1/needs/${needId}/recommendations`, {
      token: s.staff,
      body: { solutionId: s.vendorSolution },
    });
    expect(recommended.status).toBe(201);
    const engagement = (await recommended.json()) as Json;
    const { solutionId: _solutionId, ...proposal } = applicationBody(s.vendorSolution);
    const accepted = await api.request('POST', `/api/v1/engagements/${engagement.id}/accept`, {
      token: s.vendor.token,
      body: proposal,
    });
    expect(accepted.status).toBe(200);
    expect(await invitationsOf(needId)).toMatchObject([{ status: 'accepted', engagementId: engagement.id }]);
  });

  it('tells the vendor organization of the invitation with a link to the need (invitation.received)', async () => {
    const needId = await s.need('published');
    expect((await invite(needId, s.demander.token)).status).toBe(201);
    const [event] = await api.store.readStream(`invitations-${needId}`);
    const drafts = await invitationNotifier(event!, {
      store: api.store,
      search: api.search,
      clock: api.clock,
    });
    expect(drafts).toEqual([
      {
        type: 'invitation.received',
        recipients: { orgIds: [s.vendor.orgId] },
        title: '您收到一份揭榜邀请',
        body: expect.stringContaining('智能质检产线改造'),
        link: `/needs/${needId}`,
      },
    ]);
  });

  it('keeps the invitations of a need from other demanders and from vendors: 403', async () => {
    const needId = await s.need('published');
    for (const token of [s.demander2.token, s.vendor.token]) {
      const res = await api.request('GET', `/api/v1/needs/${needId}/invitations`, { token });
      expect(res.status).toBe(403);
      expect(((await res.json()) as { detail: string }).detail).toMatch(CHINESE);
    }
  });
});
