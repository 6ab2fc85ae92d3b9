import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSite, type Site, STAFF, type Visitor, visitor } from './support.js';

const PASSWORD = 'Pass1234word';

/**
 * The 安全管理员's buttons on the account card under 用户管理 (解除锁定, and for staff 重置身份验证器),
 * shown to that duty alone, with the outcome flashed on the card.
 */
describe('security duty pages: unlock and reset on the account card', () => {
  let site: Site;
  let admin: Visitor;
  let officer: Visitor;
  let clerk: Visitor;

  const login = (person: Visitor, who: { username: string; password: string }) =>
    person.get('/login').then(() => person.post('/login', who));

  async function signIn(who: { username: string; password: string }): Promise<Visitor> {
    const person = visitor(site);
    expect((await login(person, who)).status).toBe(303);
    return person;
  }

  async function create(username: string, duties: string[]) {
    await admin.get('/admin/staff');
    const body = { username, password: PASSWORD, name: '王晓明', scope: 'province', duties };
    expect((await admin.post('/admin/staff', body)).status).toBe(303);
  }

  const card = (person: Visitor, username: string) => person.get(`/admin/users?username=${username}`);
  const userId = (html: string) => /action="\/admin\/users\/([^/]+)\/disable"/.exec(html)?.[1] ?? '';

  beforeAll(async () => {
    site = await openSite();
    admin = await signIn(STAFF);
    await create('secofficer', ['security']);
    await create('secclerk', ['business']);
    await create('seclocked', ['business']);
    officer = await signIn({ username: 'secofficer', password: PASSWORD });
    clerk = await signIn({ username: 'secclerk', password: PASSWORD });
  });
  afterAll(() => site.close());

  it('leads a 安全管理员 to 用户管理, and shows the buttons to that duty alone', async () => {
    expect((await officer.get('/admin')).html).toContain('<a href="/admin/users">用户管理</a>');
    const shown = await card(officer, 'seclocked');
    expect(shown.html).toContain('解除锁定');
    expect(shown.html).toContain('重置身份验证器');
    const hidden = await card(clerk, 'seclocked');
    expect(hidden.status).toBe(200);
    expect(hidden.html).not.toContain('解除锁定');
    expect(hidden.html).not.toContain('重置身份验证器');
  });

  it('unlocks an account locked by wrong passwords, and says so on the card', async () => {
    const locked = visitor(site);
    for (let i = 0; i < 5; i++) await login(locked, { username: 'seclocked', password: 'Wrong-pass-1' });
    expect((await login(locked, { username: 'seclocked', password: PASSWORD })).html).toContain(
      '账号已临时锁定',
    );

    const id = userId((await card(officer, 'seclocked')).html);
    const unlocked = await officer.follow(
      await officer.post(`/admin/users/${id}/unlock`, { username: 'seclocked' }),
    );
    expect(unlocked.html).toContain('已解除锁定，该用户可立即用正确的密码登录');
    expect((await login(locked, { username: 'seclocked', password: PASSWORD })).status).toBe(303);
  });

  it('resets a staff member’s authenticator for a 安全管理员 and refuses anyone else', async () => {
    const id = userId((await card(officer, 'seclocked')).html);
    const reset = await officer.follow(
      await officer.post(`/admin/users/${id}/second-factor/reset`, { username: 'seclocked' }),
    );
    expect(reset.html).toContain('已重置身份验证器，该工作人员下次登录时须重新绑定');
    await card(clerk, 'seclocked');
    const refused = await clerk.post(`/admin/users/${id}/second-factor/reset`, { username: 'seclocked' });
    expect((await clerk.follow(refused)).html).toContain('只有安全管理员可以重置工作人员的身份验证器');
  });
});
