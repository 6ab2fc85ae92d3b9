import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site, STAFF, type Visitor, visitor } from './support.js';

const PASSWORD = 'Pass1234word';
const QINGDAO_STAFF = { username: 'qdcities', password: PASSWORD };
const WENZHOU_STAFF = { username: 'wzcities', password: PASSWORD };

/** 百城牵手 on the pages: province staff add a city on /admin/cities and every city field offers it. */
describe('the 省外城市 page and the forms that offer added cities', () => {
  let site: Site;
  let province: Visitor;
  let qingdao: Visitor;
  let staffToken: string;

  const api = async (method: string, path: string, token?: string, body?: unknown) =>
    site.app.request(path, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const tokenOf = async (who: { username: string; password: string }) =>
    ((await (await api('POST', '/api/v1/auth/token', undefined, who)).json()) as { token: string }).token;

  async function signIn(who: { username: string; password: string }): Promise<Visitor> {
    const person = visitor(site);
    await person.get('/login');
    expect((await person.post('/login', who)).status).toBe(303);
    return person;
  }

  const optionsOf = (html: string, select: string) => {
    const match = new RegExp(`<select[^>]*name="${select}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
    return [...(match?.[1] ?? '').matchAll(/<option value="([^"]*)"[^>]*>([^<]*)</g)]
      .filter((m) => m[1])
      .map((m) => `${m[1]} ${m[2]}`);
  };

  beforeAll(async () => {
    site = await openSite();
    staffToken = await tokenOf(STAFF);
    const created = await api('POST', '/api/v1/staff', staffToken, {
      ...QINGDAO_STAFF,
      name: '青岛审核员',
      scope: 'qingdao',
    });
    expect(created.status).toBe(201);
    province = await signIn(STAFF);
    qingdao = await signIn(QINGDAO_STAFF);
  });
  afterAll(() => site.close());

  it('refuses city staff the page and the form with the 403 page in Chinese', async () => {
    const shown = await qingdao.get('/admin/cities');
    expect(shown.status).toBe(403);
    expect(shown.html).toContain('只有省级平台工作人员可以管理省外城市');
    const posted = await qingdao.post('/admin/cities', { code: 'wenzhou', zh: '温州', province: '浙江省' });
    expect(posted.status).toBe(403);
    const dashboard = await qingdao.get('/admin');
    expect(dashboard.html).not.toContain('href="/admin/cities"');
  });

  it('shows a bad city on the form, field by field, in Chinese, and adds nothing', async () => {
    const dashboard = await province.get('/admin');
    expect(dashboard.html).toContain('href="/admin/cities"');
    await province.get('/admin/cities');
    const refused = await province.post('/admin/cities', { code: 'Wen Zhou', zh: '温州市', province: '' });
    expect(refused.html).toContain('城市代码须为2到30位小写拼音字母或数字');
    expect(refused.html).toContain('城市名称不要带“市”字');
    expect(refused.html).toContain('所属省份须为2到10个汉字');
    expect(refused.html).toContain('value="温州市"');
    expect(optionsOf((await visitor(site).get('/register')).html, 'city')).toHaveLength(16);
  });

  it('adds 温州 on the page; the registration form, the lists and the rankings offer it by name', async () => {
    await province.get('/admin/cities');
    const added = await province.post('/admin/cities', { code: 'wenzhou', zh: '温州', province: '浙江省' });
    const listed = await province.follow(added);
    expect(listed.html).toContain('已添加温州市');
    expect(listed.html).toMatch(
      /<th scope="row">温州<\/th>\s*<td>\s*<code>wenzhou<\/code>\s*<\/td>\s*<td>浙江省<\/td>/,
    );

    const again = await province.post('/admin/cities', { code: 'wenzhou', zh: '温州', province: '浙江省' });
    expect(again.html).toContain('城市代码已被使用，请换一个代码');

    const cities = optionsOf((await visitor(site).get('/register')).html, 'city');
    expect(cities).toHaveLength(17);
    expect(cities.at(-1)).toBe('wenzhou 温州市');
    expect(optionsOf((await province.get('/admin/campaigns')).html, 'scope')).toContain('wenzhou 温州市');
    expect((await visitor(site).get('/rankings')).html).toContain('<th scope="row">温州</th>');
  });

  it('names an added city in the staff-scope refusal', async () => {
    const created = await api('POST', '/api/v1/staff', staffToken, {
      ...WENZHOU_STAFF,
      name: '温州对接员',
      scope: 'wenzhou',
    });
    expect(created.status).toBe(201);
    const wenzhou = await tokenOf(WENZHOU_STAFF);
    const refused = await api('POST', '/api/v1/campaigns', wenzhou, {
      title: '青岛智能制造场景征集',
      kind: 'needs',
      scope: 'qingdao',
      opensAt: '2030-01-01T00:00:00Z',
      closesAt: '2030-02-01T00:00:00Z',
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { detail: string }).detail).toContain('您只能处理温州市的事项');
  });
});
