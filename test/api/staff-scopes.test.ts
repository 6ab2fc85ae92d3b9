import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBody, solutionBody } from './fixtures.js';
import {
  createTestApi,
  expectProblem,
  PASSWORD,
  registerOrg,
  START,
  type TestApi,
  type TestOrg,
  uniqueName,
} from './support.js';

type Json = Record<string, unknown>;
const DAY = 24 * 60 * 60 * 1000;
const JINAN_MATTER_FOR_QINGDAO = '该事项属于济南市，您只能处理青岛市的事项';
const QINGDAO_MATTER_FOR_JINAN = '该事项属于青岛市，您只能处理济南市的事项';

/**
 * Staff scopes: province staff do everything; city staff handle the organizations, listings, campaigns
 * and match rounds of their own city and get a 403 that names both cities for anything else. The test
 * API's demanders are seated in Jinan and its vendors in Qingdao (support.ts).
 */
describe('staff scopes: province and city staff', () => {
  let api: TestApi;
  let province: string;
  let jinan: string;
  let qingdao: string;
  let demander: TestOrg;
  let vendor: TestOrg;

  const post = (path: string, token: string, body?: unknown) =>
    api.request('POST', path, { token, ...(body === undefined ? {} : { body }) });
  const ok = async (res: Response, status = 200): Promise<Json> => {
    expect(res.status, await res.clone().text()).toBe(status);
    return (await res.json()) as Json;
  };
  const refused = async (res: Response, detail: string) => {
    const problem = await expectProblem(res, 403, 'staff.out_of_scope');
    expect(problem.detail).toBe(detail);
  };

  async function addStaff(scope: string): Promise<string> {
    const username = uniqueName(`staff${scope}`);
    await ok(
      await post('/api/v1/staff', province, { username, password: PASSWORD, name: '王晓明', scope }),
      201,
    );
    return api.login(username);
  }

  async function submittedNeed(city: string): Promise<string> {
    const need = await ok(await post('/api/v1/needs', demander.token, { ...needBody, city }), 201);
    await ok(await post(`/api/v1/needs/${need.id}/submit`, demander.token));
    return need.id as string;
  }

  async function submittedSolution(): Promise<string> {
    const solution = await ok(await post('/api/v1/solutions', vendor.token, solutionBody), 201);
    await ok(await post(`/api/v1/solutions/${solution.id}/submit`, vendor.token));
    return solution.id as string;
  }

  const campaignBody = (scope?: string) => ({
    title: '2025年城市场景需求征集',
    kind: 'both',
    opensAt: new Date(START.getTime() - DAY).toISOString(),
    closesAt: new Date(START.getTime() + 30 * DAY).toISOString(),
    ...(scope ? { scope } : {}),
  });

  beforeAll(async () => {
    api = await createTestApi();
    // An account created the way every account was before scopes: no scope in its event.
    province = (await api.createStaff()).token;
    jinan = await addStaff('jinan');
    qingdao = await addStaff('qingdao');
    demander = await registerOrg(api, 'demander', province);
    vendor = await registerOrg(api, 'vendor', province);
  });
  afterAll(async () => {
    await api.http.matchRounds.idle();
    await api.close();
  });

  describe('staff accounts and /me', () => {
    it('shows each user their role and scope; staff from before scopes are province staff', async () => {
      const me = async (token: string) => ok(await api.request('GET', '/api/v1/me', { token }));
      expect(await me(province)).toMatchObject({ role: 'staff', scope: 'province' });
      expect(await me(jinan)).toMatchObject({ role: 'staff', scope: 'jinan', name: '王晓明', orgId: null });
      expect(await me(demander.token)).toMatchObject({ role: 'demander', scope: null });
      await expectProblem(await api.request('GET', '/api/v1/me'), 401);
    });

    it('lets province staff create staff accounts, and nobody else', async () => {
      const body = { username: uniqueName('staffnew'), password: PASSWORD, name: '李华', scope: 'zibo' };
      const problem = await expectProblem(
        await post('/api/v1/staff', jinan, body),
        403,
        'staff.province_only',
      );
      expect(problem.detail).toBe('只有省级平台工作人员可以创建工作人员账号');
      await expectProblem(await post('/api/v1/staff', demander.token, body), 403);
      const created = await post('/api/v1/staff', province, body);
      expect(created.headers.get('location')).toMatch(/^\/api\/v1\/users\//);
      expect(await ok(created, 201)).toMatchObject({ role: 'staff', scope: 'zibo', name: '李华' });
      await expectProblem(await post('/api/v1/staff', province, body), 409, 'user.username_taken');
    });

    it('refuses a scope that is neither the province nor a city, naming the field', async () => {
      const body = { username: uniqueName('staffbad'), password: PASSWORD, name: '李华', scope: 'beijing' };
      const problem = await expectProblem(await post('/api/v1/staff', province, body), 422);
      expect(problem.errors?.map((e) => e.path)).toEqual(['scope']);
    });
  });

  describe('organizations', () => {
    it('are verified by staff of their city or the province, not of another city', async () => {
      const first = await registerOrg(api, 'demander', null);
      await refused(await post(`/api/v1/orgs/${first.orgId}/verify`, qingdao), JINAN_MATTER_FOR_QINGDAO);
      expect(await ok(await post(`/api/v1/orgs/${first.orgId}/verify`, jinan))).toMatchObject({
        status: 'verified',
      });
      const second = await registerOrg(api, 'demander', null);
      expect(await ok(await post(`/api/v1/orgs/${second.orgId}/verify`, province))).toMatchObject({
        status: 'verified',
      });
    });

    it('are suspended and reinstated by their own city only', async () => {
      const org = await registerOrg(api, 'vendor', province);
      const reason = { reason: '资料不实' };
      await refused(await post(`/api/v1/orgs/${org.orgId}/suspend`, jinan, reason), QINGDAO_MATTER_FOR_JINAN);
      await ok(await post(`/api/v1/orgs/${org.orgId}/suspend`, qingdao, reason));
      await refused(await post(`/api/v1/orgs/${org.orgId}/reinstate`, jinan), QINGDAO_MATTER_FOR_JINAN);
      await ok(await post(`/api/v1/orgs/${org.orgId}/reinstate`, province));
    });
  });

  describe('review of listings', () => {
    it("reviews a need by the need's city", async () => {
      const needId = await submittedNeed('jinan');
      await refused(await post(`/api/v1/needs/${needId}/approve`, qingdao), JINAN_MATTER_FOR_QINGDAO);
      await refused(
        await post(`/api/v1/needs/${needId}/reject`, qingdao, { reason: '描述不够具体，请补充产线情况' }),
        JINAN_MATTER_FOR_QINGDAO,
      );
      // Outside a campaign, approval publishes the need at once.
      expect(await ok(await post(`/api/v1/needs/${needId}/approve`, jinan))).toMatchObject({
        status: 'published',
      });
      const inQingdao = await submittedNeed('qingdao');
      expect(await ok(await post(`/api/v1/needs/${inQingdao}/approve`, province))).toMatchObject({
        status: 'published',
      });
    });

    it("reviews a solution by its vendor's city", async () => {
      const solutionId = await submittedSolution();
      await refused(await post(`/api/v1/solutions/${solutionId}/approve`, jinan), QINGDAO_MATTER_FOR_JINAN);
      await refused(
        await post(`/api/v1/solutions/${solutionId}/reject`, jinan, { reason: '报价缺少依据，请补充' }),
        QINGDAO_MATTER_FOR_JINAN,
      );
      await ok(await post(`/api/v1/solutions/${solutionId}/approve`, qingdao));
      const another = await submittedSolution();
      await ok(await post(`/api/v1/solutions/${another}/approve`, province));
    });
  });

  describe('campaigns and match rounds', () => {
    it("opens a city staff member's campaign for their city, and no other", async () => {
      expect(await ok(await post('/api/v1/campaigns', jinan, campaignBody()), 201)).toMatchObject({
        scope: 'jinan',
      });
      await refused(
        await post('/api/v1/campaigns', jinan, campaignBody('qingdao')),
        QINGDAO_MATTER_FOR_JINAN,
      );
      await refused(
        await post('/api/v1/campaigns', jinan, campaignBody('province')),
        '该事项属于全省，您只能处理济南市的事项',
      );
      expect(await ok(await post('/api/v1/campaigns', province, campaignBody('qingdao')), 201)).toMatchObject(
        { scope: 'qingdao' },
      );
      expect(await ok(await post('/api/v1/campaigns', province, campaignBody()), 201)).toMatchObject({
        scope: 'province',
      });
    });

    it('closes and publishes a campaign by its own city or the province', async () => {
      const { id } = await ok(await post('/api/v1/campaigns', province, campaignBody('qingdao')), 201);
      await refused(await post(`/api/v1/campaigns/${id}/close`, jinan), QINGDAO_MATTER_FOR_JINAN);
      await ok(await post(`/api/v1/campaigns/${id}/close`, qingdao));
      await refused(await post(`/api/v1/campaigns/${id}/publish`, jinan, {}), QINGDAO_MATTER_FOR_JINAN);
      await ok(await post(`/api/v1/campaigns/${id}/publish`, qingdao, {}));
      const other = await ok(await post('/api/v1/campaigns', jinan, campaignBody()), 201);
      await ok(await post(`/api/v1/campaigns/${other.id}/close`, province));
      await ok(await post(`/api/v1/campaigns/${other.id}/publish`, province, {}));
    });

    it("runs match rounds on a city's campaign for that city's staff and the province's", async () => {
      const { id: campaignId } = await ok(await post('/api/v1/campaigns', qingdao, campaignBody()), 201);
      const need = await ok(
        await post('/api/v1/needs', demander.token, { ...needBody, city: 'qingdao', campaignId }),
        201,
      );
      await ok(await post(`/api/v1/needs/${need.id}/submit`, demander.token));
      await ok(await post(`/api/v1/needs/${need.id}/approve`, qingdao));
      await ok(await post(`/api/v1/campaigns/${campaignId}/close`, qingdao));
      await ok(await post(`/api/v1/campaigns/${campaignId}/publish`, qingdao, {}));
      await api.caughtUp();
      const round = { topK: 3, capacityPerVendor: 2 };
      const path = `/api/v1/campaigns/${campaignId}/match-rounds`;
      await refused(await post(path, jinan, round), QINGDAO_MATTER_FOR_JINAN);
      const { roundId } = await ok(await post(path, qingdao, round), 202);
      await ok(await post(path, province, round), 202);
      await refused(await api.request('GET', path, { token: jinan }), QINGDAO_MATTER_FOR_JINAN);
      await refused(
        await api.request('GET', `/api/v1/match-rounds/${roundId}`, { token: jinan }),
        QINGDAO_MATTER_FOR_JINAN,
      );
      await ok(await api.request('GET', `/api/v1/match-rounds/${roundId}`, { token: qingdao }));
    });
  });
});
