import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SIGN_IN_POLICY } from '../../src/application/sign-in-policy.js';
import { totpCode } from '../../src/application/totp.js';
import { openSite, type Site, STAFF, visitor } from './support.js';

const DAY = 86_400_000;
const NEW_PASSWORD = 'Changed#2025pw';

/** Issue #21 item 1 on the pages: the first staff sign-in, the code at every one after, and expiry. */
describe('staff sign-in pages under YUNSUPEI_STAFF_MFA=required', () => {
  let site: Site;
  let now = Date.parse('2025-03-01T02:00:00.000Z');
  const clock = () => new Date(now);
  beforeAll(async () => {
    site = await openSite({ clock, signIn: DEFAULT_SIGN_IN_POLICY });
  });
  afterAll(() => site.close());

  let secret = '';

  it('leads the first sign-in from the initial password to 请修改密码, then to binding an authenticator', async () => {
    const person = visitor(site);
    await person.get('/login');
    const change = await person.post('/login', STAFF);
    expect(change.status).toBe(200);
    expect(change.html).toContain('请修改密码');
    expect(change.html).toContain('首次登录须修改初始密码');
    expect(person.cookies.has('ysp_session')).toBe(false);

    const mismatch = await person.post('/login/password', {
      username: STAFF.username,
      currentPassword: STAFF.password,
      newPassword: NEW_PASSWORD,
      newPasswordConfirm: 'Other#2025pw',
    });
    expect(mismatch.status).toBe(422);
    expect(mismatch.html).toContain('两次输入的新密码不一致');

    const enroll = await person.post('/login/password', {
      username: STAFF.username,
      currentPassword: STAFF.password,
      newPassword: NEW_PASSWORD,
      newPasswordConfirm: NEW_PASSWORD,
    });
    expect(enroll.status).toBe(200);
    expect(enroll.html).toContain('绑定身份验证器');
    secret = /name="secret" value="([A-Z2-7]{32})"/.exec(enroll.html)?.[1] ?? '';
    expect(secret).not.toBe('');
    expect(enroll.html).toContain('otpauth://totp/');
    expect(person.cookies.has('ysp_session')).toBe(false);

    const form = { username: STAFF.username, password: NEW_PASSWORD, secret };
    const wrong = String((Number(totpCode(secret, clock())) + 1) % 1_000_000).padStart(6, '0');
    const refused = await person.post('/login/totp', { ...form, code: wrong });
    expect(refused.status).toBe(422);
    expect(refused.html).toContain('动态验证码不正确');
    // The same secret again, so the authenticator just set up still fits.
    expect(refused.html).toContain(`value="${secret}"`);

    const bound = await person.post('/login/totp', { ...form, code: totpCode(secret, clock()) });
    expect(bound.status).toBe(200);
    expect(bound.html).toContain('恢复码只显示这一次');
    expect(bound.html.match(/[A-Z2-7]{5}-[A-Z2-7]{5}/g)).toHaveLength(10);
    expect((await person.get('/admin')).status).toBe(200);
  });

  it('asks for the authenticator’s code at every sign-in after', async () => {
    const person = visitor(site);
    await person.get('/login');
    const asked = await person.post('/login', { username: STAFF.username, password: NEW_PASSWORD });
    expect(asked.status).toBe(200);
    expect(asked.html).toContain('name="code"');
    expect(person.cookies.has('ysp_session')).toBe(false);
    const wrongCode = String((Number(totpCode(secret, clock())) + 3) % 1_000_000).padStart(6, '0');
    const refused = await person.post('/login', {
      username: STAFF.username,
      password: NEW_PASSWORD,
      code: wrongCode,
    });
    expect(refused.status).toBe(401);
    expect(refused.html).toContain('动态验证码或恢复码不正确');
    const signed = await person.post('/login', {
      username: STAFF.username,
      password: NEW_PASSWORD,
      code: totpCode(secret, clock()),
    });
    expect(signed.status).toBe(303);
    expect(signed.headers.get('Location')).toBe('/admin');
  });

  it('sends an expired password to 请修改密码, after which it signs in again', async () => {
    now += 91 * DAY;
    const person = visitor(site);
    await person.get('/login');
    const credentials = { username: STAFF.username, password: NEW_PASSWORD, code: totpCode(secret, clock()) };
    const expired = await person.post('/login', credentials);
    expect(expired.html).toContain('密码已过期');
    const renewed = 'Renewed#2025pw';
    const asked = await person.post('/login/password', {
      username: STAFF.username,
      currentPassword: NEW_PASSWORD,
      newPassword: renewed,
      newPasswordConfirm: renewed,
    });
    // Changed: on to the code, as at every sign-in.
    expect(asked.html).toContain('name="code"');
    const signed = await person.post('/login', { ...credentials, password: renewed });
    expect(signed.status).toBe(303);
  });
});
