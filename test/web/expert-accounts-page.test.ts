import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site, STAFF, type Visitor, visitor } from './support.js';

const PASSWORD = 'Pass1234word';

/**
 * 新增评审专家: a 系统管理员 creates an expert's account on the page, linked from the dashboard; the
 * expert signs in with it; staff without the 系统管理员 duty are refused, and a bad field is named on the
 * form in Chinese.
 */
describe('expert accounts page: 新增评审专家', () => {
  let site: Site;
  let admin: Visitor;

  async function signIn(who: { username: string; password: string }): Promise<Visitor> {
    const person = visitor(site);
    await person.get('/login');
    expect((await person.post('/login', who)).status).toBe(303);
    return person;
  }

  const expert = (fields: Record<string, string | string[]> = {}) => ({
    username: 'expertli',
    password: PASSWORD,
    name: '李评审',
    technologies: ['ai', 'llm'],
    affiliation: '',
    ...fields,
  });

  beforeAll(async () => {
    site = await openSite();
    admin = await signIn(STAFF);
  });
  afterAll(() => site.close());

  it('is linked from the dashboard of a 系统管理员 and offers the technologies', async () => {
    expect((await admin.get('/admin')).html).toContain('<a href="/admin/experts">新增评审专家</a>');
    const { status, html } = await admin.get('/admin/experts');
    expect(status).toBe(200);
    for (const label of ['专业领域', '人工智能', '大模型', '所属机构', '本人首次登录时须修改']) {
      expect(html).toContain(label);
    }
  });

  it('creates the expert, who can then sign in', async () => {
    await admin.get('/admin/experts');
    const card = await admin.follow(await admin.post('/admin/experts', expert()));
    expect(card.html).toContain('评审专家账号“expertli”已创建');
    await signIn({ username: 'expertli', password: PASSWORD });
  });

  it('names a bad field on the form in Chinese, keeping what was typed', async () => {
    await admin.get('/admin/experts');
    const answer = await admin.post('/admin/experts', expert({ username: 'expertwang', technologies: [] }));
    expect(answer.status).toBe(422);
    expect(answer.html).toContain('请至少选择1项技术');
    expect(answer.html).toContain('value="expertwang"');
  });

  it('refuses staff without the 系统管理员 duty, and shows them no link', async () => {
    await admin.get('/admin/staff');
    await admin.post('/admin/staff', {
      username: 'bizonly',
      password: PASSWORD,
      name: '王业务',
      scope: 'province',
      duties: ['business'],
    });
    const business = await signIn({ username: 'bizonly', password: PASSWORD });
    expect((await business.get('/admin')).html).not.toContain('<a href="/admin/experts">');
    await business.get('/admin/experts');
    const refused = await business.post('/admin/experts', expert({ username: 'expertzhao' }));
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('只有系统管理员可以创建评审专家账号');
  });
});
