import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { platformStats } from '../../src/application/queries/platform-stats.js';
import { cities } from '../../src/domain/shared/taxonomy.js';
import { applicationBody, needBody, solutionBody } from './fixtures.js';
import { caseBody } from './scenario.js';
import { createTestApi, expectProblem, PASSWORD, registrationBody, type TestApi } from './support.js';

type Json = Record<string, unknown>;
const DAY = 24 * 60 * 60 * 1000;

/**
 * A history over three quarters, between four organizations in three cities, whose rankings are worked out
 * by hand below. Times are UTC; the rankings count in Beijing time (UTC+8).
 *
 *   t0 = 2025-03-01 10:00 (2025Q1): solutions sQ (vendor 青岛) and sJ (vendor 济南) published; needs n1 (济南),
 *        n2 and n4 (淄博) published; staff recommend sQ for n4.
 *   t0+2d: 青岛 applies to n1 (e1)                     — n1's first application, 2 days
 *   t0+3d: 济南 applies to n1 (e2) and n2 (e3)         — n2's first application, 3 days
 *          e1 signed 100 (济南 ← 青岛), e3 signed 50 (淄博 ← 济南)
 *   2025-03-31 17:00 UTC = 2025-04-01 01:00 Beijing (2025Q2): n3 (济南) published
 *   one day later (2025Q2): 济南 applies to n3 (e4)    — n3's first application, 1 day
 *          青岛 accepts the recommendation on n4 (e5)  — n4's first application, 31.625 days
 *          e1 delivered and rated, promoted to case c1 (济南), replicated to 烟台
 *          e4 signed 30 (济南 ← 济南)
 *   2026-01-15 (2026Q1): c1 replicated to 淄博; e3 delivered
 */
let api: TestApi;
let staff: string;

async function token(username: string): Promise<string> {
  // Not api.login's cache: the clock moves by months and a token lives 8 hours.
  const res = await api.request('POST', '/api/v1/auth/token', { body: { username, password: PASSWORD } });
  return ((await res.json()) as { token: string }).token;
}

async function call(method: string, path: string, username: string, body?: unknown): Promise<Json> {
  const res = await api.request(method, path, {
    token: await token(username),
    ...(body === undefined ? {} : { body }),
  });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Json;
}

async function org(kind: 'demander' | 'vendor', city: string): Promise<string> {
  const body = { ...registrationBody(kind), city };
  const res = await api.request('POST', '/api/v1/orgs', { body });
  const { org: created } = (await res.json()) as { org: { id: string } };
  await call('POST', `/api/v1/orgs/${created.id}/verify`, staff);
  return body.admin.username;
}

async function publishedNeed(owner: string, city: string): Promise<string> {
  const need = await call('POST', '/api/v1/needs', owner, { ...needBody, city });
  await call('POST', `/api/v1/needs/${need.id}/submit`, owner);
  await call('POST', `/api/v1/needs/${need.id}/approve`, staff);
  return need.id as string;
}

async function publishedSolution(owner: string): Promise<string> {
  const solution = await call('POST', '/api/v1/solutions', owner, solutionBody);
  await call('POST', `/api/v1/solutions/${solution.id}/submit`, owner);
  await call('POST', `/api/v1/solutions/${solution.id}/approve`, staff);
  return solution.id as string;
}

async function apply(vendor: string, needId: string, solutionId: string): Promise<string> {
  return (await call('POST', `/api/v1/needs/${needId}/applications`, vendor, applicationBody(solutionId)))
    .id as string;
}

async function sign(engagementId: string, demander: string, vendor: string, amountWan: number) {
  const at = (step: string) => `/api/v1/engagements/${engagementId}/${step}`;
  await call('POST', at('shortlist'), demander);
  await call('POST', at('schedule-meeting'), demander, { at: api.clock().toISOString(), location: '会议室' });
  await call('POST', at('sign'), demander, { amountWan });
  await call('POST', at('sign'), vendor, { amountWan });
}

function setClock(iso: string) {
  api.advance(Date.parse(iso) - api.clock().getTime());
}

beforeAll(async () => {
  // The history spans a year: the staff password would expire on the way (90 days), which is not what this tests.
  api = await createTestApi({
    signIn: { staffMfa: 'off', passwordLifetimes: { staffDays: null, organizationDays: null } },
  });
  staff = (await api.createStaff()).username;
  const jinanDemander = await org('demander', 'jinan');
  const ziboDemander = await org('demander', 'zibo');
  const qingdaoVendor = await org('vendor', 'qingdao');
  const jinanVendor = await org('vendor', 'jinan');

  const sQ = await publishedSolution(qingdaoVendor);
  const sJ = await publishedSolution(jinanVendor);
  const n1 = await publishedNeed(jinanDemander, 'jinan');
  const n2 = await publishedNeed(ziboDemander, 'zibo');
  const n4 = await publishedNeed(ziboDemander, 'zibo');
  const e5 = (await call('POST', `/api/v1/needs/${n4}/recommendations`, staff, { solutionId: sQ }))
    .id as string;

  api.advance(2 * DAY);
  const e1 = await apply(qingdaoVendor, n1, sQ);
  api.advance(DAY);
  await apply(jinanVendor, n1, sJ);
  const e3 = await apply(jinanVendor, n2, sJ);
  await sign(e1, jinanDemander, qingdaoVendor, 100);
  await sign(e3, ziboDemander, jinanVendor, 50);

  setClock('2025-03-31T17:00:00.000Z');
  const n3 = await publishedNeed(jinanDemander, 'jinan');
  api.advance(DAY);
  const e4 = await apply(jinanVendor, n3, sJ);
  await call('POST', `/api/v1/engagements/${e5}/accept`, qingdaoVendor, {
    proposal: '接受平台推荐，按原方案在冷库部署温度监测。',
    quoteWan: 60,
  });
  await call('POST', `/api/v1/engagements/${e1}/deliver`, jinanDemander);
  await call('POST', `/api/v1/engagements/${e1}/rate`, jinanDemander, { score: 5, comment: '好' });
  await call('POST', `/api/v1/engagements/${e1}/rate`, qingdaoVendor, { score: 5, comment: '好' });
  const c1 = (await call('POST', `/api/v1/engagements/${e1}/promote-case`, staff, caseBody)).id as string;
  await call('POST', `/api/v1/cases/${c1}/replications`, staff, { city: 'yantai' });
  await sign(e4, jinanDemander, jinanVendor, 30);

  setClock('2026-01-15T02:00:00.000Z');
  await call('POST', `/api/v1/cases/${c1}/replications`, staff, { city: 'zibo' });
  await call('POST', `/api/v1/engagements/${e3}/deliver`, ziboDemander);
  await api.caughtUp();
}, 60_000);
afterAll(() => api.close());

const ZERO = {
  needsPublished: 0,
  solutionsPublished: 0,
  applications: 0,
  signed: 0,
  signedAmountWan: 0,
  delivered: 0,
  casesPromoted: 0,
  casesReplicatedElsewhere: 0,
  medianDaysToFirstApplication: null as number | null,
  score: 0,
};

/** The cities given, in this order, then every other city with nothing, in the taxonomy's order. */
function table(ranked: [string, Partial<typeof ZERO>][]) {
  const named = new Set(ranked.map(([city]) => city));
  const rest = cities
    .filter((c) => !named.has(c.code))
    .map((c) => [c.code, {}] as [string, Partial<typeof ZERO>]);
  return [...ranked, ...rest].map(([city, figures], i) => ({
    city,
    cityLabel: cities.find((c) => c.code === city)!.zh,
    ...ZERO,
    ...figures,
    rank: i + 1,
  }));
}

async function get(path: string) {
  const res = await api.request('GET', path);
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

describe('GET /api/v1/stats/cities', () => {
  it('ranks the cities of a quarter by what happened in it (2025Q1)', async () => {
    expect(await get('/api/v1/stats/cities?period=2025Q1')).toEqual(
      table([
        // 2×1 need + 1 solution + 2 applications + 10×1 signed + 100/10 = 25
        [
          'jinan',
          {
            needsPublished: 1,
            solutionsPublished: 1,
            applications: 2,
            signed: 1,
            signedAmountWan: 100,
            medianDaysToFirstApplication: 2,
            score: 25,
          },
        ],
        // 2×2 needs + 1 application + 10 signed + 50/10 = 20 (the recommendation is not an application yet)
        [
          'zibo',
          {
            needsPublished: 2,
            applications: 1,
            signed: 1,
            signedAmountWan: 50,
            medianDaysToFirstApplication: 3,
            score: 20,
          },
        ],
        ['qingdao', { solutionsPublished: 1, score: 1 }],
      ]),
    );
  });

  it('counts in Beijing time, and counts a case, a replication and an accepted recommendation (2025Q2)', async () => {
    expect(await get('/api/v1/stats/cities?period=2025Q2')).toEqual(
      table([
        // n3 published 2025-04-01 01:00 Beijing. 2 + 1 + 10 + 30/10 + 10 delivered + 20 case + 30 replicated = 76
        [
          'jinan',
          {
            needsPublished: 1,
            applications: 1,
            signed: 1,
            signedAmountWan: 30,
            delivered: 1,
            casesPromoted: 1,
            casesReplicatedElsewhere: 1,
            medianDaysToFirstApplication: 1,
            score: 76,
          },
        ],
        // n4's recommendation accepted 31.625 days after publication
        ['zibo', { applications: 1, medianDaysToFirstApplication: 31.6, score: 1 }],
      ]),
    );
  });

  it('sums a year, with the median over the needs first applied to in it (2025)', async () => {
    const year = table([
      // 4 + 1 + 3 + 20 + 13 + 10 + 20 + 30 = 101; median of 2 and 1 days
      [
        'jinan',
        {
          needsPublished: 2,
          solutionsPublished: 1,
          applications: 3,
          signed: 2,
          signedAmountWan: 130,
          delivered: 1,
          casesPromoted: 1,
          casesReplicatedElsewhere: 1,
          medianDaysToFirstApplication: 1.5,
          score: 101,
        },
      ],
      // 4 + 2 + 10 + 5 = 21; median of 3 and 31.625 days = 17.3125
      [
        'zibo',
        {
          needsPublished: 2,
          applications: 2,
          signed: 1,
          signedAmountWan: 50,
          medianDaysToFirstApplication: 17.3,
          score: 21,
        },
      ],
      ['qingdao', { solutionsPublished: 1, score: 1 }],
    ]);
    expect(await get('/api/v1/stats/cities?period=2025')).toEqual(year);
  });

  it('counts a case replicated in a later year in that year, and all time without a period', async () => {
    expect(await get('/api/v1/stats/cities?period=2026')).toEqual(
      table([
        ['jinan', { casesReplicatedElsewhere: 1, score: 30 }],
        ['zibo', { delivered: 1, score: 10 }],
      ]),
    );
    expect(await get('/api/v1/stats/cities?period=2026Q2')).toEqual(table([]));
    expect(await get('/api/v1/stats/cities')).toEqual(
      table([
        // c1 replicated twice, in two periods: one case replicated elsewhere
        [
          'jinan',
          {
            needsPublished: 2,
            solutionsPublished: 1,
            applications: 3,
            signed: 2,
            signedAmountWan: 130,
            delivered: 1,
            casesPromoted: 1,
            casesReplicatedElsewhere: 1,
            medianDaysToFirstApplication: 1.5,
            score: 101,
          },
        ],
        // 4 + 2 + 10 + 5 + 10 = 31
        [
          'zibo',
          {
            needsPublished: 2,
            applications: 2,
            signed: 1,
            signedAmountWan: 50,
            delivered: 1,
            medianDaysToFirstApplication: 17.3,
            score: 31,
          },
        ],
        ['qingdao', { solutionsPublished: 1, score: 1 }],
      ]),
    );
  });

  it('refuses a period that is neither a year nor a quarter, in Chinese', async () => {
    for (const period of ['2025Q5', '25Q1', '2025-Q1', 'last']) {
      for (const path of ['cities', 'pairs']) {
        const problem = await expectProblem(
          await api.request('GET', `/api/v1/stats/${path}?period=${period}`),
          422,
        );
        expect(problem.errors).toEqual([
          { path: 'period', message: '统计期须为四位年份（如 2026）或年份加季度（如 2026Q3）' },
        ]);
      }
    }
  });
});

describe('GET /api/v1/stats/pairs', () => {
  const jinanQingdao = {
    from: 'jinan',
    fromLabel: '济南',
    to: 'qingdao',
    toLabel: '青岛',
    signed: 1,
    amountWan: 100,
  };
  const ziboJinan = {
    from: 'zibo',
    fromLabel: '淄博',
    to: 'jinan',
    toLabel: '济南',
    signed: 1,
    amountWan: 50,
  };
  const jinanJinan = {
    from: 'jinan',
    fromLabel: '济南',
    to: 'jinan',
    toLabel: '济南',
    signed: 1,
    amountWan: 30,
  };

  it("pairs the need's city with the vendor's for the engagements signed in the period", async () => {
    expect(await get('/api/v1/stats/pairs?period=2025Q1')).toEqual([jinanQingdao, ziboJinan]);
    expect(await get('/api/v1/stats/pairs?period=2025Q2')).toEqual([jinanJinan]);
    expect(await get('/api/v1/stats/pairs?period=2025')).toEqual([jinanQingdao, ziboJinan, jinanJinan]);
    expect(await get('/api/v1/stats/pairs')).toEqual([jinanQingdao, ziboJinan, jinanJinan]);
    expect(await get('/api/v1/stats/pairs?period=2026')).toEqual([]);
  });
});

describe('牵手城市', () => {
  it('counts the cities with a signed cross-city engagement in either role, on the dashboard and in /stats', async () => {
    // 济南 ← 青岛 and 淄博 ← 济南 are cross-city; 济南 ← 济南 is not.
    expect((await platformStats(api.search)).citiesMatched).toBe(3);
    expect(await get('/api/v1/stats')).toMatchObject({ citiesMatched: 3 });
  });
});
