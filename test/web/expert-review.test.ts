import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody, needBody, solutionBody } from '../api/fixtures.js';
import { PASSWORD, registrationBody } from '../api/support.js';
import { openSite, type Site, STAFF, type Visitor, visitor } from './support.js';

const EXPERT = { username: 'expertzhao', password: 'Expert1234pw' };

async function signedIn(site: Site, username: string, password = PASSWORD): Promise<Visitor> {
  const person = visitor(site);
  await person.get('/login');
  expect((await person.post('/login', { username, password })).status).toBe(303);
  return person;
}

/** A verified demander and vendor (with a published solution), and an expert, through the API. */
async function marketplace(site: Site) {
  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await site.app.request(`/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const token = async (username: string, password = PASSWORD) =>
    (await call('POST', '/auth/token', undefined, { username, password })).token as string;
  const staff = await token(STAFF.username, STAFF.password);
  const register = async (kind: 'demander' | 'vendor') => {
    const body = registrationBody(kind);
    const { org } = (await call('POST', '/orgs', undefined, body)) as { org: { id: string } };
    await call('POST', `/orgs/${org.id}/verify`, staff);
    return { username: body.admin.username, name: body.name, token: await token(body.admin.username) };
  };
  const demander = await register('demander');
  const vendor = await register('vendor');
  const solution = await call('POST', '/solutions', vendor.token, solutionBody);
  await call('POST', `/solutions/${solution.id}/submit`, vendor.token);
  await call('POST', `/solutions/${solution.id}/approve`, staff);
  await call('POST', '/experts', staff, { ...EXPERT, name: '赵明', technologies: ['machine-vision'] });
  return { call, staff, demander, vendor, solutionId: solution.id as string };
}

const needForm = {
  title: needBody.title,
  description: needBody.description,
  industry: needBody.industry,
  scenarioType: needBody.scenarioType,
  technologies: needBody.technologies,
  city: needBody.city,
  'budgetWan.min': '50',
  'budgetWan.max': '120',
  intent: 'submit',
};

describe('专家评审 on the pages', () => {
  let site: Site;
  let m: Awaited<ReturnType<typeof marketplace>>;
  beforeAll(async () => {
    site = await openSite();
    m = await marketplace(site);
  });
  afterAll(() => site.close());

  it('takes criteria on the need form, a panel from staff, reviews from the expert, and sums them up for the owner', async () => {
    // The need form: weights that do not add up to 100 are refused on the form, rows kept.
    const owner = await signedIn(site, m.demander.username);
    await owner.get('/needs/new');
    const short = await owner.post('/needs/new', {
      ...needForm,
      criterionName: ['技术方案', '报价'],
      criterionWeight: ['60', '30'],
    });
    expect(short.status).toBe(422);
    expect(short.html).toContain('评审标准的权重合计须为100，现为90');
    expect(short.html).toContain('value="技术方案"');
    const created = await owner.post('/needs/new', {
      ...needForm,
      criterionName: ['技术方案', '报价', ''],
      criterionWeight: ['60', '40', ''],
    });
    expect(created.status).toBe(303);
    const needPath = created.headers.get('Location') ?? '';
    const needId = needPath.split('/').pop() ?? '';
    await m.call('POST', `/needs/${needId}/approve`, m.staff);

    // Staff name the panel on the need page by username; an unknown one is refused by name.
    const staff = await signedIn(site, STAFF.username, STAFF.password);
    const staffPage = await staff.get(needPath);
    expect(staffPage.html).toContain('评审专家组');
    expect(staffPage.html).toContain(`action="/needs/${needId}/panel"`);
    const unknown = await staff.follow(await staff.post(`/needs/${needId}/panel`, { experts: 'nobody1' }));
    expect(unknown.html).toContain('未找到以下评审专家账号：nobody1');
    const set = await staff.follow(await staff.post(`/needs/${needId}/panel`, { experts: EXPERT.username }));
    expect(set.html).toContain('已保存评审专家组');
    expect(set.html).toContain('赵明（expertzhao）');

    const applied = await m.call(
      'POST',
      `/needs/${needId}/applications`,
      m.vendor.token,
      applicationBody(m.solutionId),
    );

    // The expert signs in through /login and lands on 我的评审.
    const expert = await signedIn(site, EXPERT.username, EXPERT.password);
    const my = await expert.get('/my');
    expect(my.headers.get('Location')).toBe('/me/reviews');
    const reviews = await expert.get('/me/reviews');
    expect(reviews.html).toContain(needBody.title);
    expect(reviews.html).toContain(`action="/engagements/${applied.id}/reviews"`);
    expect(reviews.html).toContain('技术方案（权重60%，0–100分）');

    const missing = await expert.post(`/engagements/${applied.id}/reviews`, {
      criterion: ['技术方案', '报价'],
      score: ['90', ''],
    });
    expect(missing.status).toBe(422);
    expect(missing.html).toContain('报价：分数须为数字');
    const done = await expert.follow(
      await expert.post(`/engagements/${applied.id}/reviews`, {
        criterion: ['技术方案', '报价'],
        score: ['90', '70'],
        comment: '方案完整',
      }),
    );
    expect(done.html).toContain('已提交评审');
    expect(done.html).toContain('技术方案 90，报价 70');
    expect(done.html).not.toContain(`action="/engagements/${applied.id}/reviews"`);

    // The owner reads the summary on the need page: 0.6 × 90 + 0.4 × 70 = 82.
    const summary = await owner.get(needPath);
    expect(summary.html).toContain('评审汇总');
    expect(summary.html).toMatch(/<td>82<\/td><td>90<\/td><td>70<\/td><td>1<\/td><td>0<\/td>/);
    expect(summary.html).not.toContain(`action="/needs/${needId}/panel"`);
  });

  it('keeps 我的评审 from anyone but an expert', async () => {
    const vendor = await signedIn(site, m.vendor.username);
    expect((await vendor.get('/me/reviews')).status).toBe(403);
  });
});
