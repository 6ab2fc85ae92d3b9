import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openSite, type Site, STAFF, type Visitor, visitor } from './support.js';

const MINUTE = 60_000;
const LOCKED = /密码连续输错次数过多，账号已临时锁定，请于\d+分钟后（北京时间\d\d:\d\d以后）再试/;

async function signIn(site: Site, password = STAFF.password): Promise<Visitor> {
  const person = visitor(site);
  await person.get('/login');
  const answer = await person.post('/login', { username: STAFF.username, password });
  expect(answer.status, answer.html).toBe(303);
  return person;
}

describe('the login page during a lock', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(() => site.close());

  it('says when to retry once the right password meets a locked account, and not before', async () => {
    const person = visitor(site);
    await person.get('/login');
    for (let i = 0; i < 5; i++) {
      const wrong = await person.post('/login', { username: STAFF.username, password: 'Wrong-pass-1' });
      expect(wrong.status).toBe(401);
      expect(wrong.html).toContain('用户名或密码错误');
      expect(wrong.html).not.toMatch(LOCKED);
    }
    const refused = await person.post('/login', STAFF);
    expect(refused.status).toBe(401);
    expect(refused.html).toMatch(LOCKED);
    expect(person.cookies.has('ysp_session')).toBe(false);
  });
});

describe('idle web sessions', () => {
  let site: Site;
  let now = Date.parse('2025-03-01T02:00:00.000Z');
  beforeAll(async () => {
    site = await openSite({ clock: () => new Date(now) });
  });
  afterAll(() => site.close());

  it('keeps a session in use alive past 30 minutes, and ends one idle for 30 minutes', async () => {
    const person = await signIn(site);
    for (let i = 0; i < 3; i++) {
      now += 29 * MINUTE;
      expect((await person.get('/admin')).status).toBe(200);
    }
    now += 30 * MINUTE;
    const ended = await person.get('/admin');
    expect(ended.status).toBe(303);
    expect(ended.headers.get('Location')).toMatch(/^\/login\?next=/);
    expect(person.cookies.has('ysp_session')).toBe(false);
    const login = await person.follow(ended);
    expect(login.html).toContain('您已30分钟未操作，为保护账号安全已自动退出，请重新登录');
  });

  it('revokes the idle session’s token, so that a copy of it no longer works anywhere', async () => {
    const person = await signIn(site);
    const copy = [...person.cookies];
    now += 31 * MINUTE;
    await person.get('/admin');
    const stale = visitor(site);
    for (const [name, value] of copy) stale.cookies.set(name, value);
    expect((await stale.get('/admin')).headers.get('Location')).toMatch(/^\/login/);
    const token = copy.find(([name]) => name === 'ysp_session')?.[1];
    const api = await site.app.request('/api/v1/auth/logout', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(api.status).toBe(401);
  });

  it('refuses an activity stamp that is missing or not the session’s own', async () => {
    const first = await signIn(site);
    const second = await signIn(site);
    const withoutStamp = visitor(site);
    withoutStamp.cookies.set('ysp_session', first.cookies.get('ysp_session') ?? '');
    expect((await withoutStamp.get('/admin')).status).toBe(303);
    const borrowed = visitor(site);
    borrowed.cookies.set('ysp_session', second.cookies.get('ysp_session') ?? '');
    borrowed.cookies.set('ysp_active', first.cookies.get('ysp_active') ?? '');
    expect((await borrowed.get('/admin')).status).toBe(303);
  });
});

describe('the idle timeout setting', () => {
  it('is 30 minutes unless YUNSUPEI_SESSION_IDLE_MINUTES says otherwise', () => {
    expect(loadConfig({}).YUNSUPEI_SESSION_IDLE_MINUTES).toBe(30);
    expect(loadConfig({ YUNSUPEI_SESSION_IDLE_MINUTES: '10' }).YUNSUPEI_SESSION_IDLE_MINUTES).toBe(10);
  });

  it('ends sessions after the minutes configured', async () => {
    let now = Date.parse('2025-03-01T02:00:00.000Z');
    const site = await openSite({ clock: () => new Date(now), sessionIdleMinutes: 10 });
    try {
      const person = await signIn(site);
      now += 9 * MINUTE;
      expect((await person.get('/admin')).status).toBe(200);
      now += 10 * MINUTE;
      expect((await person.get('/admin')).status).toBe(303);
    } finally {
      await site.close();
    }
  });
});
