import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckCharacter } from '../../src/domain/shared/uscc.js';
import { policyConsentFields } from './policy-consent.js';
import { openSite, type Site, STAFF, type Visitor, visitor } from './support.js';

const PASSWORD = 'Pass1234word';
let serial = 0;

function uscc(): string {
  serial += 1;
  const first17 = `91370100MB${String(process.pid * 100 + serial)
    .padStart(7, '0')
    .slice(-7)}`;
  return first17 + usccCheckCharacter(first17);
}

async function registerVendor(site: Site, username: string): Promise<Visitor> {
  const person = visitor(site);
  await person.get('/register');
  const registered = await person.post('/register', {
    name: `山东${username}数字科技有限公司`,
    uscc: uscc(),
    kind: 'vendor',
    city: 'qingdao',
    'contact.name': '赵经理',
    'contact.phone': '0532-88886666',
    'contact.email': `${username}@example.cn`,
    'admin.username': username,
    'admin.password': PASSWORD,
    passwordConfirm: PASSWORD,
    ...policyConsentFields(),
  });
  expect(registered.status, registered.html).toBe(303);
  return person;
}

async function signedInStaff(site: Site): Promise<Visitor> {
  const staff = visitor(site);
  await staff.get('/login');
  expect((await staff.post('/login', STAFF)).status).toBe(303);
  return staff;
}

/** The session's cookies: its token and its activity stamp (which the idle timeout reads). */
type SessionCookies = [string, string][];

/** A visitor whose browser holds nothing but a copy of this session's cookies. */
function withCookie(site: Site, session: SessionCookies): Visitor {
  const copy = visitor(site);
  for (const [name, value] of session) copy.cookies.set(name, value);
  return copy;
}

function sessionOf(person: Visitor): SessionCookies {
  if (!person.cookies.get('ysp_session')) throw new Error('not signed in');
  return [...person.cookies].filter(([name]) => name === 'ysp_session' || name === 'ysp_active');
}

const sentToLogin = (answer: { status: number; headers: Headers }) => {
  expect(answer.status).toBe(303);
  expect(answer.headers.get('Location')).toMatch(/^\/login\?next=/);
};

describe('web sessions', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(() => site.close());

  describe('next= after signing in', () => {
    const offSite = [
      '/%09/evil.example/phish',
      '/%0a/x',
      '/%0d%0aSet-Cookie:%20x=1',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      '/login',
      '/login?next=/my',
    ];

    it.each(offSite)('renders the login form with next=/ for %s', async (next) => {
      const answer = await visitor(site).get(`/login?next=${encodeURIComponent(next).replace(/%25/g, '%')}`);
      expect(answer.status).toBe(200);
      expect(answer.html).toContain('name="next" value="/"');
    });

    it.each(offSite)('sends a signed-in visitor home, not to %s', async (next) => {
      const staff = await signedInStaff(site);
      const raw = await staff.get(`/login?next=${next}`);
      expect(raw.status).toBe(303);
      expect(raw.headers.get('Location')).toBe('/my');
    });

    it.each(offSite)('lands on the home page after signing in with next=%s, never a 500', async (next) => {
      // The form posts back what the page decoded from the query: tabs, newlines and all.
      const person = visitor(site);
      await person.get('/login');
      const signedIn = await person.post('/login', { ...STAFF, next: decodeURIComponent(next) });
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.get('Location')).toBe('/admin');
    });

    it('keeps a path on this site, encoded', async () => {
      const person = visitor(site);
      await person.get('/login');
      const signedIn = await person.post('/login', { ...STAFF, next: '/needs?city=jinan&q=智能' });
      expect(signedIn.headers.get('Location')).toBe('/needs?city=jinan&q=%E6%99%BA%E8%83%BD');
    });
  });

  it('revokes the session on logout: a copy of the old cookie is sent to sign in', async () => {
    const person = await registerVendor(site, 'logoutvendor');
    const old = sessionOf(person);
    expect((await withCookie(site, old).get('/my')).status).toBe(200);
    await person.get('/my');
    const out = await person.post('/logout');
    expect(out.status).toBe(303);
    sentToLogin(await withCookie(site, old).get('/my'));
  });

  it('changes the password with the current one: other sessions end, this browser stays signed in', async () => {
    const person = await registerVendor(site, 'pwvendor');
    const other = withCookie(site, sessionOf(person));
    await new Promise((resolve) => setTimeout(resolve, 2));

    const form = await person.get('/account/password');
    expect(form.status).toBe(200);
    const wrong = await person.post('/account/password', {
      currentPassword: 'not-mine-123',
      newPassword: 'fresh-pass-42',
      newPasswordConfirm: 'fresh-pass-42',
    });
    expect(wrong.status).toBe(422);
    expect(wrong.html).toContain('当前密码不正确');
    const mismatch = await person.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'fresh-pass-42',
      newPasswordConfirm: 'fresh-pass-43',
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.html).toContain('两次输入的新密码不一致');

    const changed = await person.post('/account/password', {
      currentPassword: PASSWORD,
      newPassword: 'fresh-pass-42',
      newPasswordConfirm: 'fresh-pass-42',
    });
    expect(changed.status, changed.html).toBe(303);
    const landed = await person.follow(changed);
    expect(landed.status).toBe(200);
    expect(landed.html).toContain('密码已修改');
    sentToLogin(await other.get('/my'));

    const again = visitor(site);
    await again.get('/login');
    await again.post('/login', { username: 'pwvendor', password: PASSWORD });
    sentToLogin(await again.get('/my'));
    await again.get('/login');
    expect((await again.post('/login', { username: 'pwvendor', password: 'fresh-pass-42' })).status).toBe(
      303,
    );
  });

  it('lets staff find and disable a user: the user’s sessions end at once', async () => {
    const person = await registerVendor(site, 'disablevendor');
    expect((await person.get('/my')).status).toBe(200);
    const staff = await signedInStaff(site);
    const card = await staff.get('/admin/users?username=disablevendor');
    expect(card.status).toBe(200);
    const id = /action="\/admin\/users\/([^/]+)\/disable"/.exec(card.html)?.[1];
    expect(id).toBeDefined();
    const disabled = await staff.post(`/admin/users/${id}/disable`, {
      username: 'disablevendor',
      reason: '离职',
    });
    expect(disabled.status).toBe(303);
    expect((await staff.follow(disabled)).html).toContain('已停用');
    sentToLogin(await person.get('/my'));

    const own = await staff.get('/admin/users?username=staffer');
    const ownId = /action="\/admin\/users\/([^/]+)\/disable"/.exec(own.html)?.[1];
    const refused = await staff.post(`/admin/users/${ownId}/disable`, { username: 'staffer' });
    expect((await staff.follow(refused)).html).toContain('不能停用自己的账号');
  });

  it('keeps the users page for staff', async () => {
    const member = await registerVendor(site, 'curiousvendor');
    expect((await member.get('/admin/users')).status).toBe(403);
  });
});
