import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Projector } from '../../src/projections/projector.js';
import type { ProjectionStatus } from '../../src/projections/status.js';
import { needBody, solutionBody } from './fixtures.js';
import { createTestApi, registerOrg, START, type TestApi, type TestOrg } from './support.js';

type Json = Record<string, unknown>;
const DAY = 24 * 60 * 60 * 1000;

/** The read side held back: nothing reaches the search index until the test starts a projector. */
function heldBack() {
  let projector: Projector | null = null;
  let released = () => {};
  const release = new Promise<void>((resolve) => {
    released = resolve;
  });
  const status: ProjectionStatus = {
    position: async () => (projector ? projector.position() : -1n),
    async waitFor(target, timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const going = await Promise.race([release.then(() => true), timedOut]);
      clearTimeout(timer);
      return going && projector!.waitFor(target, Math.max(0, deadline - Date.now()));
    },
    lag: async () => (projector ? projector.lag() : { positions: 0n, seconds: 0 }),
  };
  return {
    status,
    get projector() {
      return projector;
    },
    async release(api: TestApi) {
      projector = new Projector({ store: api.store, search: api.search, logger: pino({ level: 'silent' }) });
      await projector.start();
      released();
    },
  };
}

describe('commands decide on the event store, not on a read model that has not caught up', () => {
  const projections = heldBack();
  let api: TestApi;
  let staff: string;
  let demander: TestOrg;
  let vendor: TestOrg;

  beforeAll(async () => {
    api = await createTestApi({ projections: projections.status });
    staff = (await api.createStaff()).token;
    demander = await registerOrg(api, 'demander', staff);
    vendor = await registerOrg(api, 'vendor', staff);
  });
  afterAll(async () => {
    await api.http.matchRounds.idle();
    await projections.projector?.stop();
    await api.close();
  });

  async function send(path: string, token: string, body?: unknown): Promise<Json> {
    const res = await api.request('POST', path, { token, ...(body === undefined ? {} : { body }) });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Json;
  }

  it('starts a match round right after the campaign list is published, then scores it once the index has caught up', async () => {
    const { id: campaignId } = await send('/api/v1/campaigns', staff, {
      title: '2025年第三批场景需求征集',
      kind: 'needs',
      opensAt: new Date(START.getTime() - DAY).toISOString(),
      closesAt: new Date(START.getTime() + 30 * DAY).toISOString(),
    });
    const { id: needId } = await send('/api/v1/needs', demander.token, { ...needBody, campaignId });
    await send(`/api/v1/needs/${needId}/submit`, demander.token);
    await send(`/api/v1/needs/${needId}/approve`, staff);
    const { id: solutionId } = await send('/api/v1/solutions', vendor.token, solutionBody);
    await send(`/api/v1/solutions/${solutionId}/submit`, vendor.token);
    await send(`/api/v1/solutions/${solutionId}/approve`, staff);
    await send(`/api/v1/campaigns/${campaignId}/close`, staff);
    await send(`/api/v1/campaigns/${campaignId}/publish`, staff, {});
    expect(await projections.status.position()).toBe(-1n);

    const started = await api.request('POST', `/api/v1/campaigns/${campaignId}/match-rounds`, {
      token: staff,
      body: { topK: 1, capacityPerVendor: 1 },
    });
    expect(started.status, await started.clone().text()).toBe(202);
    const { roundId } = (await started.json()) as { roundId: string };
    const running = await api.request('GET', `/api/v1/match-rounds/${roundId}`, { token: staff });
    expect(await running.json()).toMatchObject({ status: 'running', needIds: [needId] });

    await projections.release(api);
    await api.http.matchRounds.idle();
    const round = await api.request('GET', `/api/v1/match-rounds/${roundId}`, { token: staff });
    expect(await round.json()).toMatchObject({
      status: 'completed',
      results: [{ needId, recommendations: [expect.objectContaining({ solutionId })] }],
    });
  });
});
