import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disableUser } from '../../src/application/user-service.js';
import { needBody, solutionBody } from './fixtures.js';
import { createScenario, type Scenario } from './scenario.js';
import { createTestApi, expectProblem, type TestApi } from './support.js';

type Json = Record<string, unknown>;

describe('error statuses of the entity routes', () => {
  let api: TestApi;
  let s: Scenario;
  beforeAll(async () => {
    api = await createTestApi();
    s = await createScenario(api);
  });
  afterAll(() => api.close());

  it('answers 404 for unknown ids on every entity', async () => {
    const unknown = randomUUID();
    for (const path of ['orgs', 'needs', 'solutions', 'engagements', 'campaigns', 'cases']) {
      const problem = await expectProblem(
        await api.request('GET', `/api/v1/${path}/${unknown}`, { token: s.staff }),
        404,
      );
      expect(problem.code).toMatch(/\.not_found$/);
      expect(problem.detail).toContain(unknown);
    }
    await expectProblem(
      await api.request('POST', `/api/v1/needs/${unknown}/submit`, { token: s.demander.token }),
      404,
    );
    await expectProblem(await api.request('GET', '/api/v1/needs/not-even-a-uuid', { token: s.staff }), 404);
  });

  it('answers 401 without a token, with a bad or forged one, and once it expired', async () => {
    const needId = await s.need('draft');
    await expectProblem(await api.request('GET', `/api/v1/needs/${needId}`), 401, 'unauthenticated');
    const garbage = await api.request('GET', `/api/v1/needs/${needId}`, { token: 'not.a.token' });
    expect(garbage.headers.get('www-authenticate')).toContain('Bearer');
    await expectProblem(garbage, 401);
    const [header, payload, signature] = s.demander.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Json;
    const forgedPayload = Buffer.from(JSON.stringify({ ...claims, sub: s.staff })).toString('base64url');
    const forged = `${header}.${forgedPayload}.${signature}`;
    await expectProblem(await api.request('GET', `/api/v1/needs/${needId}`, { token: forged }), 401);
    await expectProblem(
      await api.request('GET', `/api/v1/needs/${needId}`, {
        headers: { Authorization: `Basic ${s.demander.token}` },
      }),
      401,
    );
  });

  it('answers 403 when a vendor touches another vendor’s solution, or reads it before it is published', async () => {
    const solutionId = await s.solution('draft', s.vendor);
    const touched = await api.request('PATCH', `/api/v1/solutions/${solutionId}`, {
      token: s.vendor2.token,
      body: { title: '别人的方案改个名字' },
    });
    expect((await expectProblem(touched, 403)).code).toBe('solution.forbidden');
    await expectProblem(
      await api.request('GET', `/api/v1/solutions/${solutionId}`, { token: s.vendor2.token }),
      403,
      'solution.not_visible',
    );
    await expectProblem(
      await api.request('GET', `/api/v1/needs/${await s.need('draft')}`, { token: s.demander2.token }),
      403,
      'need.not_visible',
    );
    const engagementId = await s.engagement('applied');
    await expectProblem(
      await api.request('GET', `/api/v1/engagements/${engagementId}`, { token: s.vendor2.token }),
      403,
      'engagement.not_visible',
    );
    const org = await api.request('GET', `/api/v1/orgs/${s.demander.orgId}`, { token: s.vendor.token });
    expect(org.status).toBe(200);
    expect(await org.json()).not.toHaveProperty('contact');
  });

  it('answers 409 with the domain code for an illegal transition', async () => {
    const needId = await s.need('submitted');
    const draft = await s.need('draft');
    const approve = await api.request('POST', `/api/v1/needs/${draft}/approve`, { token: s.staff });
    const problem = await expectProblem(approve, 409, 'need.not_under_review');
    expect(problem.detail).toMatch(/[\u4e00-\u9fff]/);
    const edit = await api.request('PATCH', `/api/v1/needs/${needId}`, {
      token: s.demander.token,
      body: { title: '改一个标题' },
    });
    await expectProblem(edit, 409, 'need.not_editable');
  });

  it('honours If-Match: the current ETag passes, a stale one is 412, a malformed one 400', async () => {
    const needId = await s.need('draft');
    const current = await api.request('GET', `/api/v1/needs/${needId}`, { token: s.demander.token });
    const etag = current.headers.get('etag')!;
    expect(etag).toBe('W/"0"');
    const patch = (ifMatch: string, title: string) =>
      api.request('PATCH', `/api/v1/needs/${needId}`, {
        token: s.demander.token,
        body: { title },
        headers: { 'If-Match': ifMatch },
      });

    const ok = await patch(etag, '智能质检产线改造一期');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('W/"1"');
    await expectProblem(await patch(etag, '智能质检产线改造二期'), 412, 'precondition_failed');
    await expectProblem(await patch('"7"', '智能质检产线改造二期'), 412);
    await expectProblem(await patch('yesterday', '智能质检产线改造二期'), 400, 'bad_if_match');
    const stale = await api.request('POST', `/api/v1/needs/${needId}/submit`, {
      token: s.demander.token,
      headers: { 'If-Match': 'W/"0"' },
    });
    await expectProblem(stale, 412);
    const star = await api.request('POST', `/api/v1/needs/${needId}/submit`, {
      token: s.demander.token,
      headers: { 'If-Match': '*' },
    });
    expect(star.status).toBe(200);
  });

  it('answers invalid fields with 422, one Chinese message per field path', async () => {
    const res = await api.request('POST', '/api/v1/needs', {
      token: s.demander.token,
      body: { ...needBody, title: '短', budgetWan: { min: 100, max: 10 }, technologies: ['ai', 'telepathy'] },
    });
    const problem = await expectProblem(res, 422, 'validation');
    const byPath = Object.fromEntries((problem.errors ?? []).map((e) => [e.path, e.message]));
    expect(byPath.title).toBe('标题须为4到60个字');
    expect(byPath['budgetWan.max']).toBe('最高金额不能低于最低金额');
    expect(byPath['technologies.1']).toMatch(/技术/);
    const missing = await api.request('POST', '/api/v1/solutions', { token: s.vendor.token, body: {} });
    const errors = (await expectProblem(missing, 422)).errors ?? [];
    expect(errors.length).toBeGreaterThan(3);
    for (const error of errors) expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers 400 / 413 / 415 on entity routes as on every other', async () => {
    await expectProblem(
      await api.request('POST', '/api/v1/needs', { token: s.demander.token, body: '{"title":' }),
      400,
    );
    await expectProblem(
      await api.request('POST', '/api/v1/needs', {
        token: s.demander.token,
        body: JSON.stringify(needBody),
        headers: { 'Content-Type': 'text/plain' },
      }),
      415,
    );
    const huge = JSON.stringify({ ...needBody, description: '很'.repeat(400_000) });
    await expectProblem(
      await api.request('POST', '/api/v1/needs', { token: s.demander.token, body: huge }),
      413,
    );
    const notObject = await api.request('POST', '/api/v1/needs', { token: s.demander.token, body: '[1,2]' });
    await expectProblem(notObject, 422);
  });

  it('puts X-Position on command responses, moving forward with each write', async () => {
    const created = await api.request('POST', '/api/v1/solutions', {
      token: s.vendor.token,
      body: solutionBody,
    });
    const first = Number(created.headers.get('x-position'));
    const id = ((await created.json()) as Json).id as string;
    const submitted = await api.request('POST', `/api/v1/solutions/${id}/submit`, { token: s.vendor.token });
    expect(Number(submitted.headers.get('x-position'))).toBeGreaterThan(first);
    const read = await api.request('GET', `/api/v1/solutions/${id}`, { token: s.vendor.token });
    expect(read.headers.get('x-position')).toBeNull();
  });

  it('stops honouring a disabled user’s token within seconds', async () => {
    const token = s.demander2.token;
    expect((await api.request('POST', '/api/v1/needs', { token, body: needBody })).status).toBe(201);
    const staffUser = await api.request('POST', '/api/v1/auth/token', {
      body: { username: 'nobody-here', password: 'x' },
    });
    expect(staffUser.status).toBe(401);
    await disableUser(
      api.deps,
      { actor: { userId: null, orgId: null, role: 'staff' }, correlationId: 't' },
      s.demander2.userId,
    );
    api.advance(6_000);
    await expectProblem(
      await api.request('POST', '/api/v1/needs', { token, body: needBody }),
      401,
      'unauthenticated',
    );
  });

  it('rejects every token once it expires', async () => {
    api.advance(9 * 60 * 60 * 1000);
    await expectProblem(
      await api.request('GET', `/api/v1/orgs/${s.demander.orgId}`, { token: s.demander.token }),
      401,
    );
  });
});
