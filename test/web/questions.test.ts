import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBody } from '../api/fixtures.js';
import { PASSWORD, registrationBody } from '../api/support.js';
import { openSite, type Site, STAFF, visitor } from './support.js';

type Visitor = ReturnType<typeof visitor>;

/** A published need of a demander, two verified vendors and one waiting for verification, via the API. */
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
  const token = async (username: string, password: string) =>
    (await call('POST', '/auth/token', undefined, { username, password })).token as string;
  const staff = await token(STAFF.username, STAFF.password);
  const register = async (kind: 'demander' | 'vendor', verified = true) => {
    const body = registrationBody(kind);
    const { org } = (await call('POST', '/orgs', undefined, body)) as { org: { id: string } };
    if (verified) await call('POST', `/orgs/${org.id}/verify`, staff);
    return {
      username: body.admin.username,
      name: body.name,
      token: await token(body.admin.username, PASSWORD),
    };
  };
  const demander = await register('demander');
  const vendor = await register('vendor');
  const vendor2 = await register('vendor');
  const pending = await register('vendor', false);
  const need = (await call('POST', '/needs', demander.token, needBody)) as { id: string };
  await call('POST', `/needs/${need.id}/submit`, demander.token);
  await call('POST', `/needs/${need.id}/approve`, staff);
  return { demander, vendor, vendor2, pending, needId: need.id };
}

async function signedIn(site: Site, username: string): Promise<Visitor> {
  const person = visitor(site);
  await person.get('/login');
  expect((await person.post('/login', { username, password: PASSWORD })).status).toBe(303);
  return person;
}

describe('答疑 on the need page', () => {
  let site: Site;
  let m: Awaited<ReturnType<typeof marketplace>>;
  beforeAll(async () => {
    site = await openSite();
    m = await marketplace(site);
  });
  afterAll(() => site.close());

  it('lets a verified vendor ask, the owner answer, and shows the answered question to all without the asker', async () => {
    const path = `/needs/${m.needId}`;
    const stream = `questions-${m.needId}`;
    const vendor = await signedIn(site, m.vendor.username);
    const page = await vendor.get(path);
    expect(page.html).toContain('id="questions"');
    expect(page.html).toContain(`action="/needs/${m.needId}/questions"`);

    // Too short: refused on the form in Chinese, with what was typed kept, and nothing written.
    const short = await vendor.post(`${path}/questions`, { question: '型号？' });
    expect(short.status).toBe(422);
    expect(short.html).toContain('问题须为5到500个字');
    expect(short.html).toMatch(/<textarea[^>]*name="question"[^>]*>型号？<\/textarea>/);
    expect(await site.deps.store.readStream(stream)).toHaveLength(0);

    const asked = await vendor.post(`${path}/questions`, { question: '现有产线使用什么型号的相机？' });
    expect(asked.status).toBe(303);
    const after = await vendor.follow(asked);
    expect(after.html).toContain('问题已提交，需求方会收到通知');
    expect(after.html).toContain('现有产线使用什么型号的相机？');
    expect(after.html).toContain('您机构的提问');
    const [event] = await site.deps.store.readStream(stream);
    const questionId = String(event?.data.questionId);

    // Waiting: another vendor and the public do not see it; a vendor not yet verified gets no form.
    const other = await signedIn(site, m.vendor2.username);
    expect((await other.get(path)).html).not.toContain('现有产线使用什么型号的相机？');
    expect((await visitor(site).get(path)).html).not.toContain('现有产线使用什么型号的相机？');
    const pending = await signedIn(site, m.pending.username);
    const pendingPage = await pending.get(path);
    expect(pendingPage.html).toContain('机构通过认证后即可就此需求提问。');
    expect(pendingPage.html).not.toContain(`action="/needs/${m.needId}/questions"`);

    // The owner answers under the question; an empty answer is refused on that form.
    const owner = await signedIn(site, m.demander.username);
    const answerAction = `${path}/questions/${questionId}/answer`;
    expect((await owner.get(path)).html).toContain(`action="${answerAction}"`);
    const empty = await owner.post(answerAction, { [`answer-${questionId}`]: '' });
    expect(empty.status).toBe(422);
    expect(empty.html).toContain('回答须为2到1000个字');
    const answered = await owner.follow(
      await owner.post(answerAction, { [`answer-${questionId}`]: '目前使用500万像素工业相机。' }),
    );
    expect(answered.html).toContain('已回答，问答现已公开');
    expect(answered.html).not.toContain(`action="${answerAction}"`);

    // Answering twice is refused on the page in Chinese and writes nothing.
    await owner.get(path);
    const twice = await owner.post(answerAction, { [`answer-${questionId}`]: '改为二号线。' });
    expect(twice.html).toContain('这个提问已经回答过了');
    expect(await site.deps.store.readStream(stream)).toHaveLength(2);

    const publicPage = await visitor(site).get(path);
    expect(publicPage.html).toContain('现有产线使用什么型号的相机？');
    expect(publicPage.html).toContain('目前使用500万像素工业相机。');
    expect(publicPage.html).not.toContain(m.vendor.name);
    expect((await other.get(path)).html).toContain('目前使用500万像素工业相机。');
  });
});
