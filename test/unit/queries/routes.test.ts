import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ListingTitles } from '../../../src/application/queries/listing-titles.js';
import { router } from '../../../src/http/route.js';
import { withCaseQueries } from '../../../src/http/routes/cases-queries.js';
import { withEngagementQueries } from '../../../src/http/routes/engagements-queries.js';
import { withNeedQueries } from '../../../src/http/routes/needs-queries.js';
import { withSolutionQueries } from '../../../src/http/routes/solutions-queries.js';
import { statsRouter } from '../../../src/http/routes/stats.js';
import { vendorsRouter } from '../../../src/http/routes/vendors.js';
import { Projector } from '../../../src/projections/projector.js';
import { loadDefinitions } from '../../../src/search/definitions.js';
import type { SearchIndex } from '../../../src/search/port.js';
import { openSqliteSearchIndex } from '../../../src/search/sqlite/sqlite-search-index.js';
import { createTestApi, expectProblem, registerOrg, type TestApi, type TestOrg } from '../../api/support.js';

const logger = pino({ level: 'silent' });

/**
 * The read routes mounted on the real app (authentication, problem+json, validation hook) the way the lead
 * mounts them, over a projector feeding a SQLite search index from the app's own store.
 */
describe('read routes', () => {
  let api: TestApi;
  let search: SearchIndex;
  let projector: Projector;
  let demander: TestOrg;
  let vendor: TestOrg;
  let published: string;
  let draft: string;

  beforeAll(async () => {
    api = await createTestApi();
    search = openSqliteSearchIndex({ path: ':memory:', logger });
    for (const definition of loadDefinitions().values()) await search.applySettings(definition);
    projector = new Projector({ store: api.store, search, logger });
    await projector.start();
    // Waits no longer than a test needs to see a stale answer.
    const projections = {
      position: () => projector.position(),
      waitFor: (target: bigint, timeoutMs: number) => projector.waitFor(target, Math.min(timeoutMs, 200)),
    };
    const deps = { search, projections, app: api.deps };
    const titles = new ListingTitles(search);
    api.app.route('/api/v1/needs', withNeedQueries(router(), { ...deps, views: api.http.views, titles }));
    api.app.route('/api/v1/solutions', withSolutionQueries(router(), { ...deps, titles }));
    api.app.route('/api/v1', withEngagementQueries(router(), deps));
    api.app.route('/api/v1', withCaseQueries(router(), deps));
    api.app.route('/api/v1/vendors', vendorsRouter(deps));
    api.app.route('/api/v1/stats', statsRouter(deps));

    const staff = await api.createStaff();
    demander = await registerOrg(api, 'demander', staff.token);
    vendor = await registerOrg(api, 'vendor', staff.token);
    const need = {
      title: '汽车零部件表面缺陷视觉检测',
      description: '三条冲压件产线依靠人工目检，希望用机器视觉在线检测划痕与裂纹。',
      industry: 'high-end-equipment',
      scenarioType: 'production',
      technologies: ['ai'],
      city: 'zibo',
      budgetWan: { min: 50, max: 120 },
    };
    const created = async (title: string) => {
      const res = await api.request('POST', '/api/v1/needs', {
        token: demander.token,
        body: { ...need, title },
      });
      expect(res.status).toBe(201);
      return ((await res.json()) as { id: string }).id;
    };
    published = await created(need.title);
    draft = await created('仓储视觉检测（草稿）');
    await api.request('POST', `/api/v1/needs/${published}/submit`, { token: demander.token });
    const approved = await api.request('POST', `/api/v1/needs/${published}/approve`, { token: staff.token });
    expect(approved.status).toBe(200);
  });
  afterAll(async () => {
    await projector.stop();
    await search.close();
    await api.close();
  });

  const head = async () => String(await api.store.headPosition());

  it('lets anyone search published needs, waiting for their own write with ?after=', async () => {
    const res = await api.request(
      'GET',
      `/api/v1/needs?q=${encodeURIComponent('视觉检测')}&after=${await head()}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-stale')).toBeNull();
    const body = (await res.json()) as {
      hits: { id: string; _highlight: { title: string } }[];
      facets: object;
    };
    expect(body.hits.map((h) => h.id)).toEqual([published]);
    expect(body.hits[0]?._highlight.title).toContain('<em>视觉检测</em>');
    expect(body.facets).toMatchObject({ city: { zibo: 1 }, status: { published: 1 } });

    const own = await api.request('GET', '/api/v1/needs?mine=true', { token: demander.token });
    expect(((await own.json()) as { total: number }).total).toBe(2);
  });

  it('says X-Stale when the index has not reached the position asked for', async () => {
    const ahead = String((await api.store.headPosition()) + 1000n);
    const res = await api.request('GET', `/api/v1/stats?after=${ahead}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-stale')).toBe('true');
    const bad = await expectProblem(await api.request('GET', '/api/v1/needs?after=yesterday'), 422);
    expect(bad.errors?.map((e) => e.path)).toEqual(['after']);
  });

  it('answers bad parameters with 422 naming each one, in Chinese', async () => {
    const problem = await expectProblem(
      await api.request('GET', '/api/v1/needs?sort=contact:asc&pageSize=1000&status=secret'),
      422,
      'validation',
    );
    expect(problem.errors?.map((e) => e.path).sort()).toEqual(['pageSize', 'sort', 'status']);
    expect(problem.errors?.find((e) => e.path === 'sort')?.message).toContain('排序方式须为以下之一');
    const injected = await expectProblem(
      await api.request('GET', '/api/v1/engagements?status=signed%20OR%201', { token: vendor.token }),
      422,
    );
    expect(injected.errors?.map((e) => e.path)).toEqual(['status']);
  });

  it('keeps engagements to signed-in parties and mine=true to organizations', async () => {
    await expectProblem(await api.request('GET', '/api/v1/engagements'), 401);
    const res = await api.request('GET', '/api/v1/engagements', { token: vendor.token });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ total: 0, facets: { status: {} } });
    await expectProblem(
      await api.request('GET', '/api/v1/solutions?mine=true'),
      401,
      'query.sign_in_required',
    );
  });

  it('serves vendor profiles, the case library, similar cases and stats to anyone', async () => {
    const profile = await api.request('GET', `/api/v1/vendors/${vendor.orgId}`);
    expect(profile.status).toBe(200);
    expect(await profile.json()).toMatchObject({ id: vendor.orgId, status: 'verified', solutions: [] });
    await expectProblem(await api.request('GET', '/api/v1/vendors/nobody'), 404, 'vendor.not_found');
    expect((await api.request('GET', '/api/v1/vendors?q=数字科技')).status).toBe(200);
    expect((await api.request('GET', '/api/v1/cases?q=视觉')).status).toBe(200);

    const similar = await api.request('GET', `/api/v1/needs/${published}/similar-cases?limit=3`);
    expect(similar.status).toBe(200);
    expect(await similar.json()).toMatchObject({ needId: published, results: [] });
    await expectProblem(await api.request('GET', `/api/v1/needs/${draft}/similar-cases`), 403);
    await expectProblem(
      await api.request('GET', '/api/v1/needs/0194c4a2-7b1e-7c3a-9f00-3c1d2e4f5a6b/similar-cases'),
      404,
    );

    const stats = await api.request('GET', '/api/v1/stats');
    expect(await stats.json()).toMatchObject({ needsByStatus: { draft: 1, published: 1 }, citiesMatched: 0 });
  });

  it('declares every read route in the OpenAPI document with its query parameters', () => {
    const document = api.app.getOpenAPI31Document({ openapi: '3.1.0', info: { title: 't', version: '1' } });
    const paths = document.paths ?? {};
    for (const path of [
      '/api/v1/needs',
      '/api/v1/needs/{id}/similar-cases',
      '/api/v1/solutions',
      '/api/v1/engagements',
      '/api/v1/cases',
      '/api/v1/vendors',
      '/api/v1/vendors/{orgId}',
      '/api/v1/stats',
    ]) {
      expect(paths[path]?.get, path).toBeDefined();
    }
    const parameters = (paths['/api/v1/needs']?.get?.parameters ?? []) as {
      name: string;
      schema?: { enum?: string[] };
    }[];
    expect(parameters.map((p) => p.name)).toEqual(
      expect.arrayContaining([
        'q',
        'industry',
        'city',
        'technology',
        'status',
        'sort',
        'page',
        'pageSize',
        'mine',
        'after',
      ]),
    );
    expect(parameters.find((p) => p.name === 'sort')?.schema?.enum).toContain('budgetWan.max:desc');
  });
});
