import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TITLES_REFRESH_MS } from '../../src/application/queries/listing-titles.js';
import { needBody, solutionBody } from './fixtures.js';
import { createTestApi, expectProblem, registerOrg, type TestApi, type TestOrg } from './support.js';

interface Suggestions {
  q: string;
  suggestions: { text: string; kind: string; code?: string; id?: string }[];
}

describe('GET /api/v1/suggest', () => {
  let api: TestApi;
  let staff: string;
  let demander: TestOrg;
  let vendor: TestOrg;

  const send = async (path: string, token: string, body?: unknown) => {
    const res = await api.request('POST', path, { token, ...(body === undefined ? {} : { body }) });
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  };
  const publishNeed = async (title: string) => {
    const id = await send('/api/v1/needs', demander.token, { ...needBody, title });
    await send(`/api/v1/needs/${id}/submit`, demander.token);
    await send(`/api/v1/needs/${id}/approve`, staff);
    return id;
  };
  const suggest = async (query: string) => {
    const res = await api.request('GET', `/api/v1/suggest?${query}`);
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as Suggestions;
  };
  const texts = (s: Suggestions) => s.suggestions.map((x) => x.text);

  beforeAll(async () => {
    api = await createTestApi();
    staff = (await api.createStaff()).token;
    [demander, vendor] = await Promise.all([
      registerOrg(api, 'demander', staff),
      registerOrg(api, 'vendor', staff),
    ]);
    await publishNeed('热处理车间能耗在线监测');
    await send('/api/v1/needs', demander.token, { ...needBody, title: '热处理炉温控改造（草稿）' });
    const solutionId = await send('/api/v1/solutions', vendor.token, {
      ...solutionBody,
      title: '热处理工艺数字孪生',
    });
    await send(`/api/v1/solutions/${solutionId}/submit`, vendor.token);
    await send(`/api/v1/solutions/${solutionId}/approve`, staff);
    await api.caughtUp();
  });
  afterAll(() => api.close());

  it('offers the titles of public needs and solutions that begin with what was typed, to anyone', async () => {
    const result = await suggest(`q=${encodeURIComponent('热处理')}`);
    expect(result.q).toBe('热处理');
    expect(result.suggestions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ text: '热处理车间能耗在线监测', kind: 'need', id: expect.any(String) }),
        expect.objectContaining({ text: '热处理工艺数字孪生', kind: 'solution', id: expect.any(String) }),
      ]),
    );
    expect(texts(result)).not.toContain('热处理炉温控改造（草稿）');
  });

  it('completes a word cut short, which a word search cannot', async () => {
    expect(texts(await suggest(`q=${encodeURIComponent('热处理车间能')}`))).toEqual([
      '热处理车间能耗在线监测',
    ]);
  });

  it('offers taxonomy labels and aliases by prefix, before titles that only hold the text further in', async () => {
    const result = await suggest(`q=${encodeURIComponent('视觉')}`);
    expect(result.suggestions[0]).toEqual({ text: '视觉检测', kind: 'technology', code: 'machine-vision' });
    const city = await suggest(`q=${encodeURIComponent('济')}`);
    expect(city.suggestions).toContainEqual({ text: '济南', kind: 'city', code: 'jinan' });
    const inside = await suggest(`q=${encodeURIComponent('能耗')}`);
    expect(texts(inside)).toContain('热处理车间能耗在线监测');
  });

  it('ignores case and full-width forms and keeps to the limit', async () => {
    const latin = await suggest('q=saa');
    expect(latin.suggestions).toContainEqual(expect.objectContaining({ text: 'SaaS', kind: 'technology' }));
    const fullWidth = await suggest(`q=${encodeURIComponent('ＳａａＳ')}`);
    expect(texts(fullWidth)).toContain('SaaS');
    expect((await suggest(`q=${encodeURIComponent('热处理')}`)).suggestions).toHaveLength(2);
    expect((await suggest(`q=${encodeURIComponent('热处理')}&limit=1`)).suggestions).toHaveLength(1);
  });

  it('offers a need published since, once the titles are due for a reload', async () => {
    await publishNeed('热处理淬火质量追溯');
    await api.caughtUp();
    api.advance(TITLES_REFRESH_MS);
    await suggest(`q=${encodeURIComponent('热处理')}`);
    await expect
      .poll(async () => texts(await suggest(`q=${encodeURIComponent('热处理淬')}`)))
      .toEqual(['热处理淬火质量追溯']);
  });

  it('refuses a missing, blank or too long prefix and a bad limit in plain Chinese', async () => {
    for (const query of ['', 'q=', `q=${'长'.repeat(51)}`]) {
      const problem = await expectProblem(await api.request('GET', `/api/v1/suggest?${query}`), 422);
      expect(problem.errors).toContainEqual({ path: 'q', message: '请输入 1 到 50 个字符' });
    }
    const problem = await expectProblem(await api.request('GET', '/api/v1/suggest?q=a&limit=99'), 422);
    expect(problem.errors).toContainEqual({ path: 'limit', message: '条数须为 1 到 20 的整数' });
  });
});
