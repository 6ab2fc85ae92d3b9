import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disableUser } from '../../src/application/user-service.js';
import { createTokenSigner, DEFAULT_TOKEN_TTL_SECONDS } from '../../src/http/auth/token.js';
import { MAX_BODY_BYTES } from '../../src/http/middleware/body-guard.js';
import { systemContext } from '../../src/runtime.js';
import { openSite, type Site, STAFF, type Visitor, visitor } from '../web/support.js';
import { needBody, solutionBody } from './fixtures.js';
import { createScenario, type Scenario } from './scenario.js';
import {
  createTestApi,
  expectProblem,
  PASSWORD,
  registerOrg,
  registrationBody,
  type TestApi,
} from './support.js';

type Json = Record<string, unknown>;

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('bearer tokens', () => {
  let api: TestApi;
  let s: Scenario;
  let needId: string;
  beforeAll(async () => {
    api = await createTestApi();
    s = await createScenario(api);
    needId = await s.need('draft');
  });
  afterAll(() => api.close());

  const read = (token: string) => api.request('GET', `/api/v1/needs/${needId}`, { token });

  it('refuses forged tokens, and never takes one for an anonymous caller', async () => {
    expect((await read(s.demander.token)).status).toBe(200);
    const [header, payload, signature] = s.demander.token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Json;
    const subjectOf = (token: string) =>
      (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { sub: string }).sub;
    const otherSecret = createTokenSigner({ secret: 'someone-elses-secret-32-characters', clock: api.clock });
    const flipped = `${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    const forgeries: Record<string, string> = {
      'signature altered': `${header}.${payload}.${flipped}`,
      // base64url decoding skips these: the signature's text itself must match.
      'signature with = appended': `${header}.${payload}.${signature}=`,
      'signature with ! appended': `${header}.${payload}.${signature}!`,
      'claims altered, signature kept': `${header}.${b64({ ...claims, sub: subjectOf(s.staff) })}.${signature}`,
      'expiry extended, signature kept': `${header}.${b64({ ...claims, exp: Number(claims.exp) + 86_400 })}.${signature}`,
      'alg none, no signature': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
      'alg none, signature kept': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.${signature}`,
      'alg HS512': `${b64({ alg: 'HS512', typ: 'JWT' })}.${payload}.${signature}`,
      'signed with another secret': otherSecret.issue(s.demander.userId).token,
      'no signature part': `${header}.${payload}`,
      'extra part': `${s.demander.token}.x`,
      'payload not JSON': `${header}.${Buffer.from('not json').toString('base64url')}.${signature}`,
    };
    for (const [name, token] of Object.entries(forgeries)) {
      const res = await read(token);
      expect(res.status, name).toBe(401);
      expect(res.headers.get('www-authenticate'), name).toContain('Bearer');
      await expectProblem(res, 401, 'unauthenticated');
      // A public route does not fall back to anonymous either: a bad token is an error, not a downgrade.
      expect((await api.request('GET', '/api/v1/needs', { token })).status, name).toBe(401);
    }
  });

  it('refuses a token once it expires, and not a second before', async () => {
    const token = (
      (await (
        await api.request('POST', '/api/v1/auth/token', {
          body: { username: s.vendor.username, password: PASSWORD },
        })
      ).json()) as { token: string; expiresAt: string }
    ).token;
    const orgPath = `/api/v1/orgs/${s.vendor.orgId}`;
    api.advance(DEFAULT_TOKEN_TTL_SECONDS * 1000 - 1000);
    expect((await api.request('GET', orgPath, { token })).status).toBe(200);
    api.advance(1000);
    await expectProblem(await api.request('GET', orgPath, { token }), 401, 'unauthenticated');
  });
});

describe('accounts that lose access', () => {
  let api: TestApi;
  let s: Scenario;
  beforeAll(async () => {
    api = await createTestApi();
    s = await createScenario(api);
  });
  afterAll(() => api.close());

  const signIn = (username: string, password = PASSWORD) =>
    api.request('POST', '/api/v1/auth/token', { body: { username, password } });

  it('stops a disabled user’s token and refuses their password, as an unknown user’s', async () => {
    const token = s.demander2.token;
    expect((await api.request('POST', '/api/v1/needs', { token, body: needBody })).status).toBe(201);
    await disableUser(api.deps, systemContext('security-test'), s.demander2.userId);
    // Tokens name the user only; who they are now is looked up again once the short cache lapses.
    api.advance(6_000);
    await expectProblem(await api.request('POST', '/api/v1/needs', { token, body: needBody }), 401);
    await expectProblem(await api.request('GET', '/api/v1/engagements', { token }), 401);
    const disabled = await expectProblem(await signIn(s.demander2.username), 401);
    const unknown = await expectProblem(await signIn('nobody-at-all'), 401);
    const wrong = await expectProblem(await signIn(s.demander.username, 'wrong-password-1'), 401);
    // The answer does not tell which usernames exist, or which are disabled.
    expect(disabled.detail).toBe(unknown.detail);
    expect(wrong.detail).toBe(unknown.detail);
    expect(disabled.code).toBe(unknown.code);
  });

  it('stops the tokens of a suspended organization’s members', async () => {
    const member = await registerOrg(api, 'vendor', s.staff);
    expect(
      (await api.request('POST', '/api/v1/solutions', { token: member.token, body: solutionBody })).status,
    ).toBe(201);
    const suspended = await api.request('POST', `/api/v1/orgs/${member.orgId}/suspend`, {
      token: s.staff,
      body: { reason: '资料不实' },
    });
    expect(suspended.status).toBe(200);
    api.advance(6_000);
    await expectProblem(
      await api.request('POST', '/api/v1/solutions', { token: member.token, body: solutionBody }),
      401,
    );
    await expectProblem(await signIn(member.username), 401);
  });
});

describe('filter injection through search parameters', () => {
  let api: TestApi;
  let s: Scenario;
  let draft: string;
  let published: string;
  beforeAll(async () => {
    api = await createTestApi();
    s = await createScenario(api);
    draft = await s.need('draft');
    published = await s.need('published');
    await s.engagement('applied');
    await s.promotedCase();
    await api.caughtUp();
  });
  afterAll(() => api.close());

  /** SQL, FTS5 query syntax and Meilisearch filter syntax, each of which must be taken as a plain value. */
  const attacks = [
    "jinan' OR '1'='1",
    'jinan" OR "1"="1',
    "' OR 1=1 --",
    'jinan OR 1=1',
    "jinan'); DROP TABLE events; --",
    '1; DELETE FROM _checkpoints',
    "x' UNION SELECT doc FROM s_needs_json --",
    'city = jinan OR status = draft',
    'status != draft',
    'city IN [jinan, qingdao]',
    '_geoRadius(36.6, 117.0, 100000)',
    'NOT city = qingdao',
    'city EXISTS',
    '"',
    '质检" OR "',
    'NEAR(质检 产线)',
    'title:质检',
    'c0:质检',
    '{c0 c1}: 质检',
    '质检*',
    '^质检',
    '质检 AND NOT 产线',
    '- 质检',
    '*',
    '%',
    '_',
    '\\',
    '\u0000',
    '<script>alert(1)</script>',
  ];

  const lists: { path: string; params: string[]; token?: 'staff' }[] = [
    {
      path: '/api/v1/needs',
      params: [
        'q',
        'city',
        'industry',
        'technology',
        'scenarioType',
        'status',
        'orgId',
        'campaignId',
        'sort',
      ],
    },
    {
      path: '/api/v1/solutions',
      params: ['q', 'city', 'industry', 'technology', 'deployment', 'status', 'vendorId', 'sort'],
    },
    {
      path: '/api/v1/vendors',
      params: ['q', 'city', 'cityServed', 'industry', 'technology', 'qualification', 'sort'],
    },
    { path: '/api/v1/cases', params: ['q', 'city', 'industry', 'technology', 'replicatedTo', 'sort'] },
    { path: '/api/v1/engagements', params: ['q', 'needId', 'vendorId', 'status', 'sort'], token: 'staff' },
  ];

  it('takes every attack as a value: a 200 that matches nothing more, or a 422', async () => {
    for (const list of lists) {
      const token = list.token ? s.staff : undefined;
      const baseline = await api.request('GET', list.path, token ? { token } : {});
      expect(baseline.status).toBe(200);
      const { total } = (await baseline.json()) as { total: number };
      for (const param of list.params) {
        // What a plain value that nothing has matches (a solution serving the whole province serves any city).
        const plain = await api.request(
          'GET',
          `${list.path}?${new URLSearchParams({ [param]: 'zz-nothing' })}`,
          token ? { token } : {},
        );
        const expected = plain.status === 200 ? ((await plain.json()) as { total: number }).total : null;
        for (const value of attacks) {
          const url = `${list.path}?${new URLSearchParams({ [param]: value })}`;
          const res = await api.request('GET', url, token ? { token } : {});
          const label = `${url} → ${res.status}`;
          if (res.status === 422) {
            const problem = await expectProblem(res, 422);
            expect(problem.errors?.length, label).toBeGreaterThan(0);
            continue;
          }
          expect(res.status, label).toBe(200);
          const body = (await res.json()) as { total: number; hits: Json[] };
          // Free text may match; an attribute filter compares with the literal value, which nothing has.
          if (param === 'q') expect(body.total, label).toBeLessThanOrEqual(total);
          else expect(body.total, label).toBe(expected);
        }
      }
      // Nothing the attacks did reached the index.
      const after = await api.request('GET', list.path, token ? { token } : {});
      expect(((await after.json()) as { total: number }).total).toBe(total);
    }
  });

  it('never shows an anonymous caller a need outside the public statuses, however the query is bent', async () => {
    const bent: Record<string, string>[] = [
      { status: 'draft' },
      { status: "published' OR status='draft" },
      { status: 'published OR status = draft' },
      { q: `${needBody.title} OR status:draft` },
      { mine: 'true' },
      { orgId: s.demander.orgId },
    ];
    for (const params of bent) {
      const res = await api.request('GET', `/api/v1/needs?${new URLSearchParams(params)}&pageSize=100`);
      expect([200, 401, 422], JSON.stringify(params)).toContain(res.status);
      if (res.status !== 200) continue;
      const { hits } = (await res.json()) as { hits: { id: string; status: string }[] };
      expect(hits.map((h) => h.id)).not.toContain(draft);
      for (const hit of hits) expect(['published', 'in_progress', 'fulfilled']).toContain(hit.status);
    }
    const open = await api.request(
      'GET',
      `/api/v1/needs?q=${encodeURIComponent(needBody.title)}&pageSize=100`,
    );
    expect(((await open.json()) as { hits: { id: string }[] }).hits.map((h) => h.id)).toContain(published);
  });
});

describe('markup in user text', () => {
  let api: TestApi;
  let s: Scenario;
  beforeAll(async () => {
    api = await createTestApi();
    s = await createScenario(api);
  });
  afterAll(() => api.close());

  /** Distinct per field, so that a field echoed into another one would show; short enough for a name. */
  const textOf = (prefix: string, n: number) => `${prefix}<script>alert(${n})</script>&"'`;
  const longTextOf = (prefix: string, n: number) => `${textOf(prefix, n)}<img src=x onerror=alert(${n})>`;

  async function expectJsonEcho(res: Response, expected: Json) {
    expect(res.status, await res.clone().text()).toBeLessThan(300);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await res.json()).toMatchObject(expected);
  }

  it('keeps HTML and script in every text field as data in JSON, unchanged', async () => {
    const org = registrationBody('demander');
    const registration = {
      ...org,
      name: textOf('标记测试公司', 1),
      contact: { ...org.contact, name: textOf('李', 2) },
    };
    const registered = await api.request('POST', '/api/v1/orgs', { body: registration });
    await expectJsonEcho(registered.clone(), { org: { name: registration.name } });
    const orgId = (((await registered.json()) as Json).org as Json).id as string;
    await expectJsonEcho(await api.request('GET', `/api/v1/orgs/${orgId}`, { token: s.staff }), {
      name: registration.name,
      contact: { name: registration.contact.name },
    });
    const profile = { description: longTextOf('专注制造', 3) };
    await expectJsonEcho(
      await api.request('PATCH', `/api/v1/orgs/${s.demander.orgId}`, {
        token: s.demander.token,
        body: profile,
      }),
      profile,
    );

    const need = {
      ...needBody,
      title: textOf('需求', 4),
      description: longTextOf('我们的产线需要机器视觉检测表面缺陷，替代人工目检。', 5),
      contact: { name: textOf('王', 6), phone: '0531-88881234', email: 'wang@example.cn' },
    };
    const created = await api.request('POST', '/api/v1/needs', { token: s.demander.token, body: need });
    await expectJsonEcho(created.clone(), { title: need.title, description: need.description });
    const needId = ((await created.json()) as Json).id as string;
    await expectJsonEcho(await api.request('GET', `/api/v1/needs/${needId}`, { token: s.demander.token }), {
      title: need.title,
      description: need.description,
      contact: { name: need.contact.name },
    });

    const solution = {
      ...solutionBody,
      title: textOf('方案', 7),
      description: longTextOf('深度学习缺陷检测系统，支持产线在线部署。', 8),
    };
    const createdSolution = await api.request('POST', '/api/v1/solutions', {
      token: s.vendor.token,
      body: solution,
    });
    await expectJsonEcho(createdSolution, { title: solution.title, description: solution.description });

    const publishedNeed = await s.need('published');
    const proposal = longTextOf('三个月内上线', 9);
    const applied = await api.request('POST', `/api/v1/needs/${publishedNeed}/applications`, {
      token: s.vendor.token,
      body: { solutionId: s.vendorSolution, proposal, quoteWan: 80 },
    });
    await expectJsonEcho(applied, { proposal });

    const submitted = await s.need('submitted');
    const reason = longTextOf('描述不够具体', 10);
    await expectJsonEcho(
      await api.request('POST', `/api/v1/needs/${submitted}/reject`, { token: s.staff, body: { reason } }),
      { rejectionReason: reason },
    );
  });

  it('escapes the text around search highlights, which are the one HTML the API returns', async () => {
    const title = textOf('冷链温控', 1);
    const created = await api.request('POST', '/api/v1/needs', {
      token: s.demander.token,
      body: { ...needBody, title },
    });
    const needId = ((await created.json()) as Json).id as string;
    await api.caughtUp();
    const res = await api.request('GET', `/api/v1/needs?q=${encodeURIComponent('冷链温控')}&mine=true`, {
      token: s.demander.token,
    });
    const { hits } = (await res.json()) as { hits: { id: string; title: string; _highlight?: Json }[] };
    const hit = hits.find((h) => h.id === needId)!;
    expect(hit.title).toBe(title);
    const highlighted = String(hit._highlight?.title);
    expect(highlighted).toContain('<em>');
    expect(highlighted).toContain('&lt;script&gt;');
    expect(highlighted.replaceAll(/<\/?em>/g, '')).not.toMatch(/[<>"]/);
  });
});

describe('oversized and deeply nested bodies', () => {
  let api: TestApi;
  let s: Scenario;
  beforeAll(async () => {
    api = await createTestApi();
    s = await createScenario(api);
  });
  afterAll(() => api.close());

  it('refuses a body over 1 MiB with 413, declared or streamed', async () => {
    const oversized = JSON.stringify({ ...needBody, description: 'x'.repeat(MAX_BODY_BYTES) });
    await expectProblem(
      await api.request('POST', '/api/v1/needs', { token: s.demander.token, body: oversized }),
      413,
      'payload_too_large',
    );
    // Chunked, with no Content-Length to refuse it by: counted as it arrives.
    const streamed = await api.app.request('/api/v1/needs', {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${s.demander.token}`,
        'Content-Type': 'application/json',
        'Transfer-Encoding': 'chunked',
      },
      body: Readable.toWeb(
        Readable.from([oversized.slice(0, 600_000), oversized.slice(600_000)]),
      ) as ReadableStream,
      duplex: 'half',
    } as RequestInit);
    await expectProblem(streamed, 413, 'payload_too_large');
    await expectProblem(
      await api.request('POST', '/api/v1/orgs', { body: JSON.stringify({ name: '很'.repeat(400_000) }) }),
      413,
    );
  });

  it('answers JSON nested 10k and 100k levels deep with a 4xx, and stays up', async () => {
    const nest = (depth: number, open: string, close: string) =>
      `${open.repeat(depth)}1${close.repeat(depth)}`;
    const needId = await s.need('draft');
    for (const depth of [10_000, 100_000]) {
      for (const [open, close] of [
        ['[', ']'],
        ['{"a":', '}'],
      ] as const) {
        const deep = nest(depth, open, close);
        for (const [method, path, body] of [
          ['POST', '/api/v1/needs', deep],
          ['PATCH', `/api/v1/needs/${needId}`, `{"title":${deep}}`],
          ['POST', '/api/v1/auth/token', `{"username":${deep},"password":"x"}`],
          ['POST', '/api/v1/orgs', `{"contact":${deep}}`],
        ] as const) {
          const res = await api.request(method, path, { token: s.demander.token, body });
          expect([400, 422], `${depth} ${open} ${path}`).toContain(res.status);
          expect(res.headers.get('content-type')).toBe('application/problem+json');
        }
      }
    }
    expect((await api.request('GET', '/healthz')).status).toBe(200);
    expect(api.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });
});

describe('login rate limiting', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({ rateLimits: { authPerMinute: 5 } });
  });
  afterAll(() => api.close());

  it('throttles credential stuffing across usernames from one address, with Retry-After', async () => {
    // test/api/rate-limit.test.ts covers one account; here every attempt names another one.
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 8 && !limited; i++) {
      const res = await api.request('POST', '/api/v1/auth/token', {
        body: { username: `victim${i}`, password: 'guess-123456' },
      });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const problem = await expectProblem(limited!, 429, 'rate_limited');
    const retryAfter = Number(limited!.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(problem.detail).toMatch(/[\u4e00-\u9fff]/);
    api.advance(retryAfter * 1000);
    expect(
      (await api.request('POST', '/api/v1/auth/token', { body: { username: 'victim9', password: 'x' } }))
        .status,
    ).toBe(401);
  });
});

describe('markup in user text on the web pages', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(() => site.close());

  const marked = (prefix: string, n: number) => `${prefix}<script>alert(${n})</script>&"'`;
  const escaped = (n: number) => `&lt;script&gt;alert(${n})&lt;/script&gt;`;

  async function call(method: string, path: string, token?: string, body?: unknown) {
    const res = await site.app.request(path, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return { json: (await res.json()) as Json, position: res.headers.get('x-position') };
  }

  async function organization(kind: 'demander' | 'vendor', n: number, staff: string) {
    const body = registrationBody(kind);
    const { json } = await call('POST', '/api/v1/orgs', undefined, {
      ...body,
      name: marked(kind === 'demander' ? '需方公司' : '服务商公司', n),
      contact: { ...body.contact, name: marked('李', n + 1) },
    });
    const orgId = (json.org as Json).id as string;
    await call('POST', `/api/v1/orgs/${orgId}/verify`, staff);
    const login = await call('POST', '/api/v1/auth/token', undefined, body.admin);
    return { orgId, token: login.json.token as string };
  }

  it('renders every text field escaped on the pages that show it', async () => {
    const staff = (await call('POST', '/api/v1/auth/token', undefined, STAFF)).json.token as string;
    const demander = await organization('demander', 1, staff);
    const vendor = await organization('vendor', 3, staff);
    const need = {
      ...needBody,
      title: marked('质检需求', 5),
      description: marked('我们的产线需要机器视觉检测表面缺陷，替代人工目检。', 6),
    };
    const needId = (await call('POST', '/api/v1/needs', demander.token, need)).json.id as string;
    await call('POST', `/api/v1/needs/${needId}/submit`, demander.token);
    await call('POST', `/api/v1/needs/${needId}/approve`, staff);
    const underReview = (
      await call('POST', '/api/v1/needs', demander.token, { ...need, title: marked('待审需求', 7) })
    ).json.id as string;
    await call('POST', `/api/v1/needs/${underReview}/submit`, demander.token);
    const solution = {
      ...solutionBody,
      title: marked('视觉方案', 8),
      description: marked('深度学习缺陷检测系统，支持产线在线部署。', 9),
    };
    const solutionId = (await call('POST', '/api/v1/solutions', vendor.token, solution)).json.id as string;
    await call('POST', `/api/v1/solutions/${solutionId}/submit`, vendor.token);
    await call('POST', `/api/v1/solutions/${solutionId}/approve`, staff);
    const applied = await call('POST', `/api/v1/needs/${needId}/applications`, vendor.token, {
      solutionId,
      proposal: marked('三个月内上线', 10),
      quoteWan: 80,
    });
    // The lists come from the projections: wait until they hold the last write.
    await call('GET', `/api/v1/needs?after=${applied.position}`);

    const anonymous = visitor(site);
    const staffer = visitor(site);
    await staffer.get('/login');
    expect((await staffer.post('/login', STAFF)).status).toBe(303);
    const pages: [Visitor, string, number[]][] = [
      [anonymous, '/', []],
      [anonymous, '/needs', [5]],
      [anonymous, `/needs?q=${encodeURIComponent('质检需求')}`, [5]],
      [anonymous, `/needs/${needId}`, [5, 6]],
      [anonymous, '/solutions', [8]],
      [anonymous, `/solutions/${solutionId}`, [8, 9]],
      [anonymous, `/vendors/${vendor.orgId}`, [3]],
      [staffer, `/admin/orgs?id=${demander.orgId}`, [1]],
      [staffer, '/admin/review', [7]],
      [staffer, `/needs/${needId}`, [5, 6, 2]],
      [staffer, `/engagements/${applied.json.id as string}`, [10]],
      [staffer, `/history/need/${needId}`, [5]],
      [staffer, '/admin/audit', [5]],
    ];
    for (const [who, path, shown] of pages) {
      const page = await who.get(path);
      expect(page.status, path).toBe(200);
      expect(page.html, path).not.toMatch(/<script>alert|<img src=x|&"'/);
      for (const n of shown) expect(page.html, `${path} shows field ${n}`).toContain(escaped(n));
    }
    // The demander's contact (field 2) is for staff, not for the public.
    expect((await anonymous.get(`/needs/${needId}`)).html).not.toContain(escaped(2));
  });
});
