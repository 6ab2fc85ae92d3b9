import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody, needBody, solutionBody } from './fixtures.js';
import { caseBody, createScenario, type Scenario } from './scenario.js';
import { createTestApi, registrationBody, START, type TestApi } from './support.js';

/**
 * Every mutating route against every kind of caller, from one table. `ok` is any 2xx; the subject is
 * brought to a state where the call is legal, so a refusal can only be about who calls. Callers who may
 * act get a fresh subject each; refused callers share one (a refusal changes nothing).
 * Columns: anonymous, demander (owner), demander2 (another demander), vendor (owner / party),
 * vendor2 (another vendor), staff.
 */
type Outcome = 'ok' | 401 | 403 | 409 | 415 | 422;
const WHO = ['anonymous', 'demander', 'demander2', 'vendor', 'vendor2', 'staff'] as const;
type Who = (typeof WHO)[number];

interface Row {
  route: string;
  subject?: (s: Scenario) => Promise<string>;
  body?: (s: Scenario) => unknown;
  expect: [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];
}

const DAY = 24 * 60 * 60 * 1000;
const meeting = { at: new Date(START.getTime() + 5 * DAY).toISOString(), location: '青岛市崂山区' };

//                                                           anon  demander demander2 vendor vendor2 staff
const table: Row[] = [
  // Registration is public; a signed-in member of an organization cannot register another one.
  { route: 'POST /orgs', body: () => registrationBody('vendor'), expect: ['ok', 403, 403, 403, 403, 'ok'] },
  {
    route: 'PATCH /orgs/{id}',
    subject: async (s) => s.demander.orgId,
    body: () => ({ description: '专注汽车零部件制造' }),
    expect: [401, 'ok', 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /orgs/{id}/verify',
    subject: (s) => s.org('pending'),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /orgs/{id}/suspend',
    subject: (s) => s.org('verified'),
    body: () => ({ reason: '资料不实' }),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /orgs/{id}/reinstate',
    subject: (s) => s.org('suspended'),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },

  // A multipart upload: the table's JSON body gets past the role check only for staff, whom the
  // body check then refuses; test/api/imports.test.ts imports real files.
  { route: 'POST /imports', body: () => ({}), expect: [401, 403, 403, 403, 403, 415] },

  { route: 'POST /needs', body: () => needBody, expect: [401, 'ok', 'ok', 403, 403, 403] },
  {
    route: 'PATCH /needs/{id}',
    subject: (s) => s.need('draft'),
    body: () => ({ title: '智能质检产线改造二期' }),
    expect: [401, 'ok', 403, 403, 403, 403],
  },
  {
    route: 'POST /needs/{id}/submit',
    subject: (s) => s.need('draft'),
    expect: [401, 'ok', 403, 403, 403, 403],
  },
  {
    route: 'POST /needs/{id}/approve',
    subject: (s) => s.need('submitted'),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /needs/{id}/reject',
    subject: (s) => s.need('submitted'),
    body: () => ({ reason: '描述不够具体' }),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /needs/{id}/withdraw',
    subject: (s) => s.need('draft'),
    expect: [401, 'ok', 403, 403, 403, 403],
  },
  // Staff may expire needs; this one has no deadline, so staff get past authorization to the domain's 409.
  {
    route: 'POST /needs/{id}/expire',
    subject: (s) => s.need('published'),
    expect: [401, 403, 403, 403, 403, 409],
  },

  { route: 'POST /solutions', body: () => solutionBody, expect: [401, 403, 403, 'ok', 'ok', 403] },
  {
    route: 'PATCH /solutions/{id}',
    subject: (s) => s.solution('draft'),
    body: () => ({ title: '工业视觉缺陷检测平台V2' }),
    expect: [401, 403, 403, 'ok', 403, 403],
  },
  {
    route: 'POST /solutions/{id}/submit',
    subject: (s) => s.solution('draft'),
    expect: [401, 403, 403, 'ok', 403, 403],
  },
  {
    route: 'POST /solutions/{id}/approve',
    subject: (s) => s.solution('submitted'),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /solutions/{id}/reject',
    subject: (s) => s.solution('submitted'),
    body: () => ({ reason: '案例材料不足' }),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /solutions/{id}/withdraw',
    subject: (s) => s.solution('published'),
    expect: [401, 403, 403, 'ok', 403, 'ok'],
  },

  {
    route: 'POST /needs/{id}/applications',
    subject: (s) => s.need('published'),
    body: (s) => applicationBody(s.vendorSolution),
    expect: [401, 403, 403, 'ok', 403, 403],
  },
  {
    route: 'POST /needs/{id}/recommendations',
    subject: (s) => s.need('published'),
    body: (s) => ({ solutionId: s.vendorSolution }),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /engagements/{id}/accept',
    subject: (s) => s.engagement('recommended'),
    body: (s) => {
      const { solutionId: _solutionId, ...rest } = applicationBody(s.vendorSolution);
      return rest;
    },
    expect: [401, 403, 403, 'ok', 403, 403],
  },
  {
    route: 'POST /engagements/{id}/shortlist',
    subject: (s) => s.engagement('applied'),
    expect: [401, 'ok', 403, 403, 403, 403],
  },
  {
    route: 'POST /engagements/{id}/decline',
    subject: (s) => s.engagement('applied'),
    body: () => ({ reason: '预算不匹配' }),
    expect: [401, 'ok', 403, 403, 403, 403],
  },
  {
    route: 'POST /engagements/{id}/withdraw',
    subject: (s) => s.engagement('applied'),
    expect: [401, 403, 403, 'ok', 403, 403],
  },
  {
    route: 'POST /engagements/{id}/schedule-meeting',
    subject: (s) => s.engagement('shortlisted'),
    body: () => meeting,
    expect: [401, 'ok', 403, 'ok', 403, 403],
  },
  {
    route: 'POST /engagements/{id}/sign',
    subject: (s) => s.engagement('meeting_scheduled'),
    body: () => ({ amountWan: 80 }),
    expect: [401, 'ok', 403, 'ok', 403, 403],
  },
  {
    route: 'POST /engagements/{id}/deliver',
    subject: (s) => s.engagement('signed'),
    expect: [401, 'ok', 403, 403, 403, 403],
  },
  {
    route: 'POST /engagements/{id}/rate',
    subject: (s) => s.engagement('delivered'),
    body: () => ({ score: 4, comment: '交付及时' }),
    expect: [401, 'ok', 403, 'ok', 403, 403],
  },
  {
    route: 'POST /engagements/{id}/promote-case',
    subject: (s) => s.engagement('delivered'),
    body: () => caseBody,
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /cases/{id}/replications',
    subject: (s) => s.promotedCase(),
    body: () => ({ city: 'zibo' }),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },

  { route: 'POST /campaigns', body: (s) => s.campaignBody(), expect: [401, 403, 403, 403, 403, 'ok'] },
  {
    route: 'POST /campaigns/{id}/close',
    subject: (s) => s.campaign('open'),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
  {
    route: 'POST /campaigns/{id}/publish',
    subject: (s) => s.campaign('closed'),
    expect: [401, 403, 403, 403, 403, 'ok'],
  },
];

describe('authorization matrix: each role against each mutating route', () => {
  let api: TestApi;
  let s: Scenario;
  beforeAll(async () => {
    api = await createTestApi();
    s = await createScenario(api);
  });
  afterAll(() => api.close());

  const tokenOf = (who: Who): string | undefined =>
    who === 'anonymous' ? undefined : who === 'staff' ? s.staff : s[who].token;

  it.each(table)('$route', async (row) => {
    const [method, template] = row.route.split(' ') as [string, string];
    const shared = row.subject ? await row.subject(s) : '';
    const seen: Record<string, Outcome | number> = {};
    for (const [i, who] of WHO.entries()) {
      const expected = row.expect[i]!;
      const subject = expected === 'ok' && row.subject ? await row.subject(s) : shared;
      const token = tokenOf(who);
      const res = await api.request(method, `/api/v1${template.replace('{id}', subject)}`, {
        ...(token ? { token } : {}),
        ...(row.body ? { body: row.body(s) } : {}),
      });
      seen[who] = res.status >= 200 && res.status < 300 ? 'ok' : res.status;
      if (res.status >= 300) expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect(seen).toEqual(Object.fromEntries(WHO.map((who, i) => [who, row.expect[i]])));
  });

  it('covers every mutating route the API documents', async () => {
    const doc = (await (await api.request('GET', '/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((method) => method !== 'get')
        .map((method) => `${method.toUpperCase()} ${path.replace('/api/v1', '')}`),
    );
    const covered = new Set(table.map((row) => row.route));
    const uncovered = documented.filter((route) => !covered.has(route) && route !== 'POST /auth/token');
    expect(uncovered).toEqual([]);
  });
});
