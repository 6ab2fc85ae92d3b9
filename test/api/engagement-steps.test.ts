import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseBody, createScenario, type Scenario } from './scenario.js';
import { createTestApi, expectProblem, PASSWORD, START, type TestApi } from './support.js';

type Json = Record<string, unknown>;
const HOUR = 60 * 60 * 1000;

/** The engagement's steps in their order: amounts that can be corrected, delivery after the meeting, cases last. */
describe('engagement steps in order', () => {
  let api: TestApi;
  let s: Scenario;
  beforeAll(async () => {
    api = await createTestApi();
    s = await createScenario(api);
  });
  afterAll(() => api.close());

  /** A new sign-in: the scenario's tokens are cached and expire as the clock moves on. */
  async function freshToken(username: string): Promise<string> {
    const res = await api.request('POST', '/api/v1/auth/token', { body: { username, password: PASSWORD } });
    return ((await res.json()) as { token: string }).token;
  }

  const post = (engagementId: string, verb: string, token: string, body?: unknown) =>
    api.request('POST', `/api/v1/engagements/${engagementId}/${verb}`, {
      token,
      ...(body === undefined ? {} : { body }),
    });

  it('lets the demander withdraw a mistyped contract amount and sign again until both match', async () => {
    const id = await s.engagement('meeting_scheduled');
    expect((await post(id, 'sign', s.demander.token, { amountWan: 8 })).status).toBe(200);
    await expectProblem(
      await post(id, 'sign', s.vendor.token, { amountWan: 80 }),
      409,
      'engagement.amount_mismatch',
    );
    const withdrawn = await post(id, 'withdraw-signature', s.demander.token);
    expect(withdrawn.status).toBe(200);
    expect(((await withdrawn.json()) as Json).signatures).toEqual({});
    await expectProblem(
      await post(id, 'withdraw-signature', s.demander.token),
      409,
      'engagement.no_signature',
    );

    expect((await post(id, 'sign', s.vendor.token, { amountWan: 80 })).status).toBe(200);
    const signed = (await (await post(id, 'sign', s.demander.token, { amountWan: 80 })).json()) as Json;
    expect(signed).toMatchObject({ status: 'signed', amountWan: 80 });
    await expectProblem(
      await post(id, 'withdraw-signature', s.vendor.token),
      409,
      'engagement.already_signed',
    );
  });

  it('lets the vendor withdraw its amount too', async () => {
    const id = await s.engagement('meeting_scheduled');
    await post(id, 'sign', s.vendor.token, { amountWan: 800 });
    const withdrawn = await post(id, 'withdraw-signature', s.vendor.token);
    expect(withdrawn.status).toBe(200);
    expect(((await withdrawn.json()) as Json).signatures).toEqual({});
  });

  it('makes a case only after both sides rated, and only one case of an engagement', async () => {
    const id = await s.engagement('delivered');
    await expectProblem(await post(id, 'promote-case', s.staff, caseBody), 409, 'case.engagement_not_rated');
    await post(id, 'rate', s.demander.token, { score: 5, comment: '交付及时' });
    await expectProblem(await post(id, 'promote-case', s.staff, caseBody), 409, 'case.engagement_not_rated');
    await post(id, 'rate', s.vendor.token, { score: 4, comment: '配合顺畅' });
    expect((await post(id, 'promote-case', s.staff, caseBody)).status).toBe(201);
    await expectProblem(
      await post(id, 'promote-case', s.staff, { ...caseBody, title: '另一个案例标题' }),
      409,
      'case.already_promoted',
    );
  });
  // Last: it moves the clock past the day's end, which outlives every token signed in before.
  it('refuses to confirm delivery before the meeting’s day', async () => {
    const id = await s.engagement('shortlisted');
    // START is 10:00 北京时间; 00:30 the next day is the next 北京时间 day, 15 hours later.
    const meetingAt = START.getTime() + 14.5 * HOUR;
    await post(id, 'schedule-meeting', s.demander.token, {
      at: new Date(meetingAt).toISOString(),
      location: '济南市高新区',
    });
    await post(id, 'sign', s.demander.token, { amountWan: 80 });
    await post(id, 'sign', s.vendor.token, { amountWan: 80 });
    await expectProblem(
      await post(id, 'deliver', s.demander.token),
      409,
      'engagement.delivery_before_meeting',
    );
    api.advance(meetingAt - api.clock().getTime() - HOUR / 2);
    const token = await freshToken(s.demander.username);
    const delivered = await post(id, 'deliver', token);
    expect(((await delivered.json()) as Json).status).toBe('delivered');
  });
});
