import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPolicyVersions } from '../../src/application/policies/policies.js';
import { needBody } from '../api/fixtures.js';
import { freshUscc } from '../browser/harness.js';
import { openSite, type Site, STAFF, type Visitor, visitor } from './support.js';

const PASSWORD = 'Pass1234word';
const CITY_STAFF = { username: 'qdcampaigns', password: PASSWORD };

/**
 * Issue 20 in the staff pages: the open-campaign form offers each staff member only the scopes they may
 * open a campaign for, the campaigns list shows and filters by scope, and city staff see their own city's
 * figures on the dashboard beside the province's.
 */
describe('staff pages by scope: the campaign form, the campaigns list and the city dashboard', () => {
  let site: Site;
  let province: Visitor;
  let qingdao: Visitor;

  const api = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await site.app.request(path, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const tokenOf = async (username: string, password: string) =>
    (await api('POST', '/api/v1/auth/token', undefined, { username, password })).token as string;

  async function signIn(who: { username: string; password: string }): Promise<Visitor> {
    const person = visitor(site);
    await person.get('/login');
    expect((await person.post('/login', who)).status).toBe(303);
    return person;
  }

  /** A verified demander of the city with one published need (approved outside a campaign). */
  async function publishedNeed(staff: string, city: string, username: string) {
    const created = await api('POST', '/api/v1/orgs', undefined, {
      name: `${city}范围演示制造有限公司`,
      uscc: freshUscc(),
      kind: 'demander',
      city,
      contact: { name: '王主任', phone: '0532-88886666', email: `${username}@example.cn` },
      admin: { username, password: PASSWORD },
      accepted: currentPolicyVersions(),
    });
    await api('POST', `/api/v1/orgs/${(created.org as { id: string }).id}/verify`, staff);
    const demander = await tokenOf(username, PASSWORD);
    const need = await api('POST', '/api/v1/needs', demander, { ...needBody, city });
    await api('POST', `/api/v1/needs/${need.id}/submit`, demander);
    await api('POST', `/api/v1/needs/${need.id}/approve`, staff);
  }

  const optionsOf = (html: string, select: string) => {
    const match = new RegExp(`<select[^>]*name="${select}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
    return [...(match?.[1] ?? '').matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]).filter(Boolean);
  };

  beforeAll(async () => {
    site = await openSite();
    const staff = await tokenOf(STAFF.username, STAFF.password);
    await api('POST', '/api/v1/staff', staff, { ...CITY_STAFF, name: '青岛审核员', scope: 'qingdao' });
    await publishedNeed(staff, 'qingdao', 'qdowner');
    await publishedNeed(staff, 'jinan', 'jnowner');
    province = await signIn(STAFF);
    qingdao = await signIn(CITY_STAFF);
  });
  afterAll(() => site.close());

  it('offers city staff only their own city in the campaign form, and the province every scope', async () => {
    const own = await qingdao.get('/admin/campaigns');
    expect(optionsOf(own.html, 'scope')).toEqual(['qingdao']);
    expect(own.html).not.toContain('汇总全省清单');
    const all = await province.get('/admin/campaigns');
    expect(optionsOf(all.html, 'scope')).toEqual(expect.arrayContaining(['province', 'jinan', 'qingdao']));
    expect(optionsOf(all.html, 'scope')).toHaveLength(17);
    expect(all.html).toContain('汇总全省清单');

    await qingdao.get('/admin/campaigns');
    const refused = await qingdao.post('/admin/campaigns', {
      title: '济南市场景需求征集',
      kind: 'needs',
      scope: 'jinan',
      opensAt: '2025-03-01T09:00',
      closesAt: '2025-04-01T09:00',
    });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('该事项属于济南市，您只能处理青岛市的事项');
  });

  it('shows each campaign’s scope on the campaigns list and filters by it', async () => {
    for (const [who, scope, title] of [
      [qingdao, 'qingdao', '青岛市第一批场景征集'],
      [province, 'province', '全省第一批场景征集'],
    ] as const) {
      await who.get('/admin/campaigns');
      const opened = await who.post('/admin/campaigns', {
        title,
        kind: 'needs',
        scope,
        opensAt: '2025-03-01T09:00',
        closesAt: '2025-04-01T09:00',
      });
      expect(opened.status, opened.html).toBe(303);
    }
    await expect
      .poll(async () => (await province.get('/campaigns')).html, { timeout: 5000 })
      .toContain('青岛市第一批场景征集');
    const listed = await province.get('/campaigns?scope=qingdao');
    expect(listed.html).toContain('青岛市第一批场景征集');
    expect(listed.html).not.toContain('全省第一批场景征集');
    expect(listed.html).toMatch(/data-testid="campaign-scope">青岛市</);
    const provinceWide = await province.get('/campaigns?scope=province');
    expect(provinceWide.html).toContain('全省第一批场景征集');
    expect(provinceWide.html).not.toContain('青岛市第一批场景征集');
  });

  it("shows city staff their city's figures beside the province's, and province staff none", async () => {
    const figure = (html: string) =>
      /data-testid="city-figure-needsPublished"><th scope="row">发布需求<\/th><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td>/.exec(
        html,
      );
    await expect
      .poll(async () => figure((await qingdao.get('/admin')).html)?.slice(1), { timeout: 5000 })
      .toEqual(['1', '2']);
    const dashboard = await qingdao.get('/admin');
    expect(dashboard.html).toContain('青岛市数据');
    expect(dashboard.html).toMatch(/城市打榜第 \d+ 名（共 16 个城市）/);
    expect((await province.get('/admin')).html).not.toContain('data-testid="city-figures"');
  });
});
