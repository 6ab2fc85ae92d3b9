import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engagementNotifier } from '../../src/notifications/engagement-notifier.js';
import { applicationBody, needBody } from './fixtures.js';
import { inboxOf, startReactor } from './notifications-support.js';
import { createScenario, type Scenario } from './scenario.js';
import { createTestApi, expectProblem, registerOrg, type TestApi, type TestOrg } from './support.js';

type Json = Record<string, unknown>;

/** 赛马: three vendors apply to a need that allows two parallel pilots; the demander signs two and selects one. */
describe('a race of pilots (赛马)', () => {
  let api: TestApi;
  let s: Scenario;
  let vendor3: TestOrg;
  let reactor: Awaited<ReturnType<typeof startReactor>>;
  beforeAll(async () => {
    api = await createTestApi();
    reactor = await startReactor(api, { notifiers: [engagementNotifier] });
    s = await createScenario(api);
    vendor3 = await registerOrg(api, 'vendor', s.staff);
  });
  afterAll(async () => {
    await reactor.reactor.stop();
    await api.close();
  });

  const call = (method: string, path: string, token: string, body?: unknown) =>
    api.request(method, `/api/v1${path}`, { token, ...(body === undefined ? {} : { body }) });
  const ok = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await call(method, path, token, body);
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Json;
  };

  async function racingNeed(maxParallel = 2): Promise<string> {
    const need = await ok('POST', '/needs', s.demander.token, { ...needBody, race: { maxParallel } });
    await ok('POST', `/needs/${need.id}/submit`, s.demander.token);
    await ok('POST', `/needs/${need.id}/approve`, s.staff);
    return need.id as string;
  }

  /** The vendor applies and the demander takes it to the meeting: ready to sign. */
  async function toMeeting(needId: string, vendor: TestOrg): Promise<string> {
    const solutionId = vendor === s.vendor ? s.vendorSolution : await s.solution('published', vendor);
    const { id } = await ok(
      'POST',
      `/needs/${needId}/applications`,
      vendor.token,
      applicationBody(solutionId),
    );
    await ok('POST', `/engagements/${id}/shortlist`, s.demander.token, { shareContact: true });
    const meeting = { at: api.clock().toISOString(), location: '济南市历下区' };
    await ok('POST', `/engagements/${id}/schedule-meeting`, s.demander.token, meeting);
    return id as string;
  }

  const sign = async (engagementId: string, vendor: TestOrg) => {
    await ok('POST', `/engagements/${engagementId}/sign`, vendor.token, { amountWan: 20 });
    return call('POST', `/engagements/${engagementId}/sign`, s.demander.token, { amountWan: 20 });
  };

  it('takes the race on the need and shows it', async () => {
    const need = await ok('POST', '/needs', s.demander.token, { ...needBody, race: { maxParallel: 3 } });
    expect(need).toMatchObject({ race: { maxParallel: 3 }, pilots: [] });
    const changed = await ok('PATCH', `/needs/${need.id}`, s.demander.token, { race: { maxParallel: 4 } });
    expect(changed.race).toEqual({ maxParallel: 4 });
    expect((await ok('GET', `/needs/${need.id}`, s.demander.token)).race).toEqual({ maxParallel: 4 });
    const plain = await ok('POST', '/needs', s.demander.token, needBody);
    expect(plain.race).toBeNull();
  });

  it('refuses a race outside 2 to 10 in Chinese', async () => {
    for (const maxParallel of [1, 11]) {
      const problem = await expectProblem(
        await call('POST', '/needs', s.demander.token, { ...needBody, race: { maxParallel } }),
        422,
      );
      expect(problem.errors).toEqual([{ path: 'race.maxParallel', message: '并行试点数须为2到10家' }]);
    }
  });

  it('runs a full race: two pilots sign, a third is refused, one is selected, the other ends and both hear of it', async () => {
    const needId = await racingNeed(2);
    const [a, b, c] = [
      await toMeeting(needId, s.vendor),
      await toMeeting(needId, s.vendor2),
      await toMeeting(needId, vendor3),
    ];

    expect((await sign(a, s.vendor)).status).toBe(200);
    // The first pilot does not take the need into implementation: it stays open for the next one.
    expect(await ok('GET', `/needs/${needId}`, s.demander.token)).toMatchObject({
      status: 'published',
      pilots: [a],
    });
    const second = await sign(b, s.vendor2);
    expect(second.status).toBe(200);
    expect(await second.json()).toMatchObject({ status: 'signed', pilot: true, pilotOutcome: null });

    for (const side of [vendor3, s.demander]) {
      const third = await expectProblem(
        await call('POST', `/engagements/${c}/sign`, side.token, { amountWan: 20 }),
        409,
        'engagement.race_full',
      );
      expect(third.detail).toContain('并行试点名额已满');
    }
    expect((await ok('GET', `/engagements/${c}`, s.demander.token)).status).toBe('meeting_scheduled');

    // A pilot is not delivered before it is selected.
    await expectProblem(
      await call('POST', `/engagements/${a}/deliver`, s.demander.token),
      409,
      'engagement.pilot_not_selected',
    );

    await expectProblem(
      await call('POST', `/needs/${needId}/select`, s.vendor.token, { engagementId: a }),
      403,
    );
    await expectProblem(
      await call('POST', `/needs/${needId}/select`, s.demander2.token, { engagementId: a }),
      403,
      'need.forbidden',
    );
    const notPilot = await expectProblem(
      await call('POST', `/needs/${needId}/select`, s.demander.token, { engagementId: c }),
      409,
      'need.not_a_pilot',
    );
    expect(notPilot.detail).toMatch(/[\u4e00-\u9fff]/);
    await expectProblem(await call('POST', `/needs/${needId}/select`, s.demander.token, {}), 422);

    const selected = await ok('POST', `/needs/${needId}/select`, s.demander.token, { engagementId: b });
    expect(selected).toMatchObject({ status: 'in_progress', engagementId: b, pilots: [a, b] });

    await expectProblem(
      await call('POST', `/needs/${needId}/select`, s.demander.token, { engagementId: a }),
      409,
      'need.pilot_already_selected',
    );

    expect(await ok('GET', `/engagements/${b}`, s.vendor2.token)).toMatchObject({
      status: 'signed',
      pilot: true,
      pilotOutcome: 'selected',
    });
    expect(await ok('GET', `/engagements/${a}`, s.vendor.token)).toMatchObject({
      status: 'pilot_ended',
      pilotOutcome: 'not_selected',
    });
    // The selected pilot goes on as a signed engagement: delivery fulfils the need.
    await ok('POST', `/engagements/${b}/deliver`, s.demander.token);
    expect((await ok('GET', `/needs/${needId}`, s.demander.token)).status).toBe('fulfilled');

    await reactor.settled();
    const told = async (vendor: TestOrg) =>
      (await inboxOf(api, vendor.token, '?pageSize=100')).items.filter((n) => n.type.startsWith('race.'));
    expect(await told(s.vendor2)).toEqual([
      expect.objectContaining({ type: 'race.selected', title: '您的试点已入选', link: `/engagements/${b}` }),
    ]);
    expect(await told(s.vendor)).toEqual([
      expect.objectContaining({
        type: 'race.not_selected',
        title: '试点结束（未入选）',
        link: `/engagements/${a}`,
      }),
    ]);
    expect(await told(vendor3)).toEqual([]);
  });

  it('refuses to select on a need without a race, or an engagement of another need', async () => {
    const signed = await s.engagement('signed');
    const plainNeedId = (await ok('GET', `/engagements/${signed}`, s.demander.token)).needId as string;
    await expectProblem(
      await call('POST', `/needs/${plainNeedId}/select`, s.demander.token, { engagementId: signed }),
      409,
      'need.no_race',
    );
    const racing = await racingNeed(2);
    await expectProblem(
      await call('POST', `/needs/${racing}/select`, s.demander.token, { engagementId: signed }),
      409,
      'need.not_a_pilot',
    );
  });

  it('keeps a need with running pilots from being withdrawn', async () => {
    const needId = await racingNeed(2);
    expect((await sign(await toMeeting(needId, s.vendor), s.vendor)).status).toBe(200);
    await expectProblem(
      await call('POST', `/needs/${needId}/withdraw`, s.demander.token),
      409,
      'need.pilots_running',
    );
  });
});
