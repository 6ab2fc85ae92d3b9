import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site, STAFF, type Visitor, visitor } from './support.js';

const PASSWORD = 'Pass1234word';

/**
 * 三员分立 in the staff pages: the 新增工作人员 form offers the duties as checkboxes (业务人员 checked by
 * default), refuses 系统管理员 with 审计管理员 on the form, the account's card shows its duties and
 * changes them, and the dashboard shows an auditor none of the business queues.
 */
describe('staff duties pages: the new-staff form, the account card and the dashboard', () => {
  let site: Site;
  let admin: Visitor;

  async function signIn(who: { username: string; password: string }): Promise<Visitor> {
    const person = visitor(site);
    await person.get('/login');
    expect((await person.post('/login', who)).status).toBe(303);
    return person;
  }

  const checked = (html: string) =>
    [...html.matchAll(/<input type="checkbox" name="duties" value="(\w+)"( checked="")?/g)]
      .filter((m) => m[2])
      .map((m) => m[1]);

  async function create(username: string, duties: string[]) {
    await admin.get('/admin/staff');
    return admin.post('/admin/staff', {
      username,
      password: PASSWORD,
      name: '王晓明',
      scope: 'province',
      duties,
    });
  }

  beforeAll(async () => {
    site = await openSite();
    admin = await signIn(STAFF);
  });
  afterAll(() => site.close());

  it('offers the four duties with their labels, 业务人员 checked for a new account', async () => {
    const { status, html } = await admin.get('/admin/staff');
    expect(status).toBe(200);
    for (const label of ['系统管理员', '安全管理员', '审计管理员', '业务人员']) expect(html).toContain(label);
    expect(checked(html)).toEqual(['business']);
  });

  it('refuses 系统管理员 with 审计管理员 on the form, keeping what was chosen', async () => {
    const answer = await create('dutyboth', ['accounts', 'audit']);
    expect(answer.status).toBe(422);
    expect(answer.html).toContain('系统管理员与审计管理员须由不同的人担任，同一账号不能兼任');
    expect(checked(answer.html)).toEqual(['accounts', 'audit']);
  });

  it('creates an account and shows its duties on its card, where they can be changed', async () => {
    const card = await admin.follow(await create('dutyaudit', ['audit']));
    expect(card.html).toMatch(/<dd data-testid="duties">审计管理员<\/dd>/);
    expect(checked(card.html)).toEqual(['audit']);
    const id = /action="\/admin\/staff\/([^/]+)\/duties"/.exec(card.html)?.[1] ?? '';
    const changed = await admin.follow(
      await admin.post(`/admin/staff/${id}/duties`, {
        username: 'dutyaudit',
        duties: ['security', 'business'],
      }),
    );
    expect(changed.html).toContain('职责已保存');
    expect(changed.html).toMatch(/<dd data-testid="duties">安全管理员、业务人员<\/dd>/);
  });

  it('shows an auditor none of the business queues and no account pages, and refuses the form', async () => {
    await create('dutyauditor', ['audit']);
    const auditor = await signIn({ username: 'dutyauditor', password: PASSWORD });
    const dashboard = await auditor.get('/admin');
    expect(dashboard.status).toBe(200);
    for (const link of ['/admin/review', '/admin/orgs', '/admin/campaigns', '/admin/users', '/admin/staff']) {
      expect(dashboard.html).not.toContain(`<a href="${link}">`);
    }
    expect(dashboard.html).toContain('<a href="/security-log">安全日志</a>');
    const refused = await auditor.post('/admin/staff', {
      username: 'dutyother',
      password: PASSWORD,
      name: '李审计',
      scope: 'province',
      duties: ['business'],
    });
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('只有系统管理员可以创建工作人员账号');
  });

  it('shows staff from before duties the business queues and the account pages', async () => {
    const { html } = await admin.get('/admin');
    for (const link of ['/admin/review', '/admin/orgs', '/admin/users', '/admin/staff']) {
      expect(html).toContain(`<a href="${link}">`);
    }
    expect(html).not.toContain('<a href="/security-log">');
  });
});
