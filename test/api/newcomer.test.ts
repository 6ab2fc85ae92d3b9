import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cities, industries, scenarioTypes, technologies } from '../../src/domain/shared/taxonomy.js';
import { needBody, solutionBody } from './fixtures.js';
import { createScenario, type Scenario } from './scenario.js';
import { createTestApi, expectProblem, registrationBody, type TestApi } from './support.js';

type Schema = {
  type?: string;
  enum?: string[];
  items?: Schema;
  properties?: Record<string, Schema>;
} & Record<string, unknown>;
type Operation = {
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, unknown>;
};
type Document = { info: { description: string }; paths: Record<string, Record<string, Operation>> };

/** A message a person reads: Chinese, without the codes and English words the API uses in `path`. */
const CODES =
  /demander|vendor|needs|solutions|both|saas|on-premise|hybrid|ISO|topK|capacityPerVendor|\bneed\b/;

/**
 * What an API newcomer (or a person behind a form) trips over: messages that show codes, taxonomy codes
 * documented nowhere, undocumented rules and answers, a missing favicon.
 */
describe('API: a newcomer’s first calls', () => {
  let api: TestApi;
  let s: Scenario;
  let doc: Document;
  beforeAll(async () => {
    api = await createTestApi();
    s = await createScenario(api);
    doc = (await (await api.request('GET', '/openapi.json')).json()) as Document;
  });
  afterAll(() => api.close());

  const messagesOf = async (res: Response, status = 422) =>
    Object.fromEntries(((await expectProblem(res, status)).errors ?? []).map((e) => [e.path, e.message]));

  describe('error messages in plain Chinese, in the words of the forms', () => {
    it('registration: the organization type and one message for a bad credit code', async () => {
      const body = { ...registrationBody('demander'), kind: 'buyer', uscc: 'abc' };
      const res = await api.request('POST', '/api/v1/orgs', { body });
      const { errors = [] } = await expectProblem(res, 422);
      expect(errors.filter((e) => e.path === 'uscc')).toEqual([
        { path: 'uscc', message: '统一社会信用代码须为18位数字或大写字母' },
      ]);
      expect(errors.find((e) => e.path === 'kind')?.message).toBe('请选择机构类型：需求方或服务商');
    });

    it('campaigns: the type and the times', async () => {
      const body = { title: '2025年场景需求征集', kind: 'all', opensAt: '2025-03-01', closesAt: 'later' };
      const messages = await messagesOf(
        await api.request('POST', '/api/v1/campaigns', { token: s.staff, body }),
      );
      expect(Object.keys(messages).sort()).toEqual(['closesAt', 'kind', 'opensAt']);
      for (const message of Object.values(messages)) expect(message).not.toMatch(CODES);
      expect(messages.kind).toContain('征集场景需求');
    });

    it('solutions: the deployment in the form’s words', async () => {
      const body = { ...solutionBody, deployment: 'cloud' };
      const messages = await messagesOf(
        await api.request('POST', '/api/v1/solutions', { token: s.vendor.token, body }),
      );
      expect(messages.deployment).toBe('请选择部署方式：SaaS 云服务、本地部署或混合部署');
    });

    it('match rounds: the numbers without their parameter names', async () => {
      const campaign = await s.campaign('closed');
      const res = await api.request('POST', `/api/v1/campaigns/${campaign}/match-rounds`, {
        token: s.staff,
        body: { topK: 0, capacityPerVendor: 0 },
      });
      const messages = await messagesOf(res);
      expect(messages.topK).toBe('每条需求的推荐数须为1到20的整数');
      expect(messages.capacityPerVendor).toBe('每家服务商的推荐上限须为1到1000的整数');
    });

    it('揭榜 without a solution asks for one', async () => {
      const need = await s.need('published');
      const res = await api.request('POST', `/api/v1/needs/${need}/applications`, {
        token: s.vendor.token,
        body: { proposal: '在两条产线部署视觉检测工位，三个月内上线。', quoteWan: 80 },
      });
      expect((await messagesOf(res)).solutionId).toBe('请选择揭榜方案');
    });

    it('a meeting time in words, not a standard’s number', async () => {
      const engagement = await s.engagement('shortlisted');
      const res = await api.request('POST', `/api/v1/engagements/${engagement}/schedule-meeting`, {
        token: s.demander.token,
        body: { at: 'next monday', location: '济南市历下区' },
      });
      expect((await messagesOf(res)).at).toBe('请填写有效的约谈时间（日期和时间）');
    });
  });

  describe('the taxonomy', () => {
    it('GET /api/v1/taxonomy lists every code with its Chinese label and aliases', async () => {
      const res = await api.request('GET', '/api/v1/taxonomy');
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, { code: string; zh: string; aliases: string[] }[]>;
      expect(body.cities).toHaveLength(cities.length);
      expect(body.cities).toContainEqual({ code: 'jinan', zh: '济南', aliases: ['济南市'] });
      expect(body.industries?.map((i) => i.code)).toEqual(industries.map((i) => i.code));
      expect(body.scenarioTypes?.map((i) => i.code)).toEqual(scenarioTypes.map((i) => i.code));
      const ai = body.technologies?.find((t) => t.code === 'ai');
      expect(ai?.zh).toBe(technologies.find((t) => t.code === 'ai')?.zh);
      expect(ai?.aliases.length).toBeGreaterThan(0);
      expect(body.qualifications?.length).toBeGreaterThan(0);
    });

    it('lists the codes as enums in the OpenAPI schemas, and points to the taxonomy for cities', () => {
      const need = doc.paths['/api/v1/needs']?.post?.requestBody?.content['application/json']?.schema;
      // Province staff add cities outside the province without a code change: no fixed enum can list them.
      expect(need?.properties?.city?.enum).toBeUndefined();
      expect(need?.properties?.industry?.enum).toEqual(industries.map((i) => i.code));
      expect(need?.properties?.scenarioType?.enum).toEqual(scenarioTypes.map((i) => i.code));
      expect(need?.properties?.technologies?.items?.enum).toEqual(technologies.map((t) => t.code));
      expect(String(need?.properties?.city?.description)).toContain('/api/v1/taxonomy');
      const solution = doc.paths['/api/v1/solutions']?.post?.requestBody?.content['application/json']?.schema;
      expect(String(solution?.properties?.regionsServed?.description)).toContain('/api/v1/taxonomy');
    });

    it('answers a Chinese label with its code, and an unknown code with a few valid ones', async () => {
      const label = await api.request('POST', '/api/v1/needs', {
        token: s.demander.token,
        body: { ...needBody, city: '济南' },
      });
      expect((await messagesOf(label)).city).toBe('请填写城市代码 jinan，而不是名称“济南”');
      const unknown = await api.request('POST', '/api/v1/needs', {
        token: s.demander.token,
        body: { ...needBody, industry: 'steel' },
      });
      const message = (await messagesOf(unknown)).industry ?? '';
      for (const example of industries.slice(0, 3))
        expect(message).toContain(`${example.code}（${example.zh}）`);
      expect(message).toContain('/api/v1/taxonomy');
    });
  });

  describe('the OpenAPI document', () => {
    it('states the password rules', () => {
      const orgs = doc.paths['/api/v1/orgs']?.post?.requestBody?.content['application/json']?.schema;
      const password = orgs?.properties?.admin?.properties?.password;
      expect(password).toMatchObject({ minLength: 8, maxLength: 64 });
      expect(String(password?.description)).toContain('至少包含大写字母、小写字母、数字、符号中的三种');
    });

    it('documents the 400 for malformed JSON on every route that takes a JSON body', async () => {
      const withBody = Object.entries(doc.paths).flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([, op]) => op.requestBody?.content['application/json'])
          .map(([method, op]) => ({ route: `${method} ${path}`, statuses: Object.keys(op.responses) })),
      );
      expect(withBody.length).toBeGreaterThan(20);
      expect(withBody.filter((op) => !op.statuses.includes('400')).map((op) => op.route)).toEqual([]);
      const malformed = await api.request('POST', '/api/v1/needs', {
        token: s.demander.token,
        body: '{"title":',
      });
      await expectProblem(malformed, 400);
    });

    it('writes the ETag so that Swagger UI does not take <revision> for an HTML tag', () => {
      expect(doc.info.description).toContain('`ETag: W/"<revision>"`');
    });
  });

  it('serves a favicon', async () => {
    const res = await api.app.request('/favicon.ico');
    expect(res.status).toBe(200);
    expect(res.headers.get('Content-Type')).toBe('image/svg+xml');
    expect(await res.text()).toContain('<svg');
  });
});
