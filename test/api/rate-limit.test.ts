import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, expectProblem, PASSWORD, type TestApi } from './support.js';

describe('rate limiting', () => {
  let api: TestApi;
  let staffToken: string;
  beforeAll(async () => {
    api = await createTestApi({ rateLimits: { authPerMinute: 3, perMinute: 5 } });
    staffToken = (await api.createStaff('limitstaff')).token;
  });
  afterAll(() => api.close());

  it('limits password attempts per client address and says when to retry', async () => {
    // createStaff signed in once already: two attempts left.
    for (let i = 0; i < 2; i++) {
      const res = await api.request('POST', '/api/v1/auth/token', {
        body: { username: 'limitstaff', password: 'wrong' },
      });
      expect(res.status).toBe(401);
    }
    const blocked = await api.request('POST', '/api/v1/auth/token', {
      body: { username: 'limitstaff', password: PASSWORD },
    });
    await expectProblem(blocked, 429, 'rate_limited');
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    const registration = await api.request('POST', '/api/v1/orgs', { body: {} });
    expect(registration.status).toBe(429);

    api.advance(21_000);
    const later = await api.request('POST', '/api/v1/auth/token', {
      body: { username: 'limitstaff', password: PASSWORD },
    });
    expect(later.status).toBe(200);
  });

  it('limits other API calls per token, apart from the password routes', async () => {
    const unknown = '/api/v1/needs/00000000-0000-7000-8000-000000000000';
    for (let i = 0; i < 5; i++)
      expect((await api.request('GET', unknown, { token: staffToken })).status).toBe(404);
    const blocked = await api.request('GET', unknown, { token: staffToken });
    await expectProblem(blocked, 429);
    expect(blocked.headers.get('retry-after')).toBe('12');
    expect((await api.request('GET', '/healthz')).status).toBe(200);
  });
});
