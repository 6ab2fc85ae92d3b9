import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBody, solutionBody } from '../api/fixtures.js';
import { createTestApi, registerOrg, type TestApi } from '../api/support.js';

/** The home page's search box completes what is typed without script: a <datalist> the browser filters. */
describe('search box suggestions on the home page', () => {
  let api: TestApi;
  let html: string;

  beforeAll(async () => {
    api = await createTestApi();
    const staff = (await api.createStaff()).token;
    const [demander, vendor] = await Promise.all([
      registerOrg(api, 'demander', staff),
      registerOrg(api, 'vendor', staff),
    ]);
    const send = async (path: string, token: string, body?: unknown) => {
      const res = await api.request('POST', path, { token, ...(body === undefined ? {} : { body }) });
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { id: string }).id;
    };
    const published = await send('/api/v1/needs', demander.token, {
      ...needBody,
      title: '锻造车间能耗在线监测',
    });
    await send(`/api/v1/needs/${published}/submit`, demander.token);
    await send(`/api/v1/needs/${published}/approve`, staff);
    await send('/api/v1/needs', demander.token, { ...needBody, title: '锻造炉改造（草稿）' });
    const solution = await send('/api/v1/solutions', vendor.token, {
      ...solutionBody,
      title: '锻造工艺数字孪生',
    });
    await send(`/api/v1/solutions/${solution}/submit`, vendor.token);
    await send(`/api/v1/solutions/${solution}/approve`, staff);
    await api.caughtUp();
    const res = await api.request('GET', '/');
    expect(res.status).toBe(200);
    html = await res.text();
  });
  afterAll(() => api.close());

  it('names a datalist from the search box and fills it with labels and public need titles', () => {
    expect(html).toMatch(/<input[^>]*name="q"[^>]*list="home-q-suggestions"/);
    const list = html.match(/<datalist id="home-q-suggestions">(.*?)<\/datalist>/s)?.[1] ?? '';
    const options = [...list.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    expect(options).toContain('锻造车间能耗在线监测');
    expect(options).toEqual(expect.arrayContaining(['视觉检测', '济南', 'SaaS']));
    // Drafts are never offered; the box searches needs, so solution titles are not offered either.
    expect(options).not.toContain('锻造炉改造（草稿）');
    expect(options).not.toContain('锻造工艺数字孪生');
  });

  it('keeps the page free of script', () => {
    expect(html).not.toMatch(/<script|\son[a-z]+=/i);
  });
});
