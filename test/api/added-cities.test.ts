import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBody } from './fixtures.js';
import {
  createTestApi,
  expectProblem,
  PASSWORD,
  registrationBody,
  type TestApi,
  uniqueName,
} from './support.js';

type Json = Record<string, unknown>;

/** 百城牵手: province staff add 温州 (浙江省), and the platform takes it wherever it takes a city. */
describe('cities added outside the province', () => {
  let api: TestApi;
  let province: string;
  let qingdao: string;

  const post = (path: string, token: string | undefined, body?: unknown) =>
    api.request('POST', path, { ...(token ? { token } : {}), ...(body === undefined ? {} : { body }) });
  const ok = async (res: Response, status = 200): Promise<Json> => {
    expect(res.status, await res.clone().text()).toBe(status);
    return (await res.json()) as Json;
  };

  beforeAll(async () => {
    api = await createTestApi();
    province = (await api.createStaff()).token;
    const username = uniqueName('staffqingdao');
    await ok(
      await post('/api/v1/staff', province, {
        username,
        password: PASSWORD,
        name: '王晓明',
        scope: 'qingdao',
      }),
      201,
    );
    qingdao = await api.login(username);
  });
  afterAll(() => api.close());

  it('refuses a city before it is added, and city staff adding it', async () => {
    const body = { ...registrationBody('demander'), city: 'wenzhou' };
    const refused = await expectProblem(await post('/api/v1/orgs', undefined, body), 422, 'validation');
    expect(refused.errors).toEqual([{ path: 'city', message: expect.stringMatching(/未知的城市代码/) }]);

    const problem = await expectProblem(
      await post('/api/v1/taxonomy/cities', qingdao, { code: 'wenzhou', zh: '温州', province: '浙江省' }),
      403,
      'taxonomy.province_only',
    );
    expect(problem.detail).toBe('只有省级平台工作人员可以添加省外城市');
  });

  it('province staff add 温州; organizations, needs, taxonomy and rankings take it', async () => {
    expect(
      await ok(
        await post('/api/v1/taxonomy/cities', province, { code: 'wenzhou', zh: '温州', province: '浙江省' }),
        201,
      ),
    ).toMatchObject({ code: 'wenzhou', zh: '温州', province: '浙江省' });
    await expectProblem(
      await post('/api/v1/taxonomy/cities', province, { code: 'wenzhou', zh: '温州', province: '浙江省' }),
      409,
      'taxonomy.city_code_taken',
    );

    const taxonomy = await ok(await api.request('GET', '/api/v1/taxonomy'));
    const cities = taxonomy.cities as Json[];
    expect(cities).toHaveLength(17);
    expect(cities.at(-1)).toEqual({ code: 'wenzhou', zh: '温州', aliases: ['温州市'], province: '浙江省' });
    expect(cities[0]).not.toHaveProperty('province');

    const registration = { ...registrationBody('demander'), city: 'wenzhou' };
    const { org } = (await ok(await post('/api/v1/orgs', undefined, registration), 201)) as { org: Json };
    expect(org.city).toBe('wenzhou');
    await ok(await post(`/api/v1/orgs/${org.id}/verify`, province));
    const demander = await api.login(registration.admin.username);

    const need = await ok(await post('/api/v1/needs', demander, { ...needBody, city: 'wenzhou' }), 201);
    await ok(await post(`/api/v1/needs/${need.id}/submit`, demander));
    expect(await ok(await post(`/api/v1/needs/${need.id}/approve`, province))).toMatchObject({
      status: 'published',
      city: 'wenzhou',
    });

    const rankings = (await ok(await api.request('GET', '/api/v1/stats/cities'))) as unknown as Json[];
    expect(rankings).toHaveLength(17);
    expect(rankings.find((row) => row.city === 'wenzhou')).toMatchObject({ cityLabel: '温州' });
  });
});
