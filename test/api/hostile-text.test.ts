import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBody } from './fixtures.js';
import { createTestApi, expectProblem, registerOrg, registrationBody, type TestApi } from './support.js';

describe('control characters and unpaired surrogates in text fields', () => {
  let api: TestApi;
  let token: string;
  beforeAll(async () => {
    api = await createTestApi();
    const staff = await api.createStaff();
    token = (await registerOrg(api, 'demander', staff.token)).token;
  });
  afterAll(() => api.close());

  it('refuses a need whose title holds NUL and ESC: 422, the field in errors[].path, nothing written', async () => {
    const head = await api.store.headPosition();
    const res = await api.request('POST', '/api/v1/needs', {
      token,
      body: { ...needBody, title: '智能质检\u0000产线\u001b[2J改造' },
    });
    const problem = await expectProblem(res, 422, 'validation');
    expect(problem.errors).toEqual([
      { path: 'title', message: '标题须为一行文字，不能含有换行、制表符等控制字符或无效字符' },
    ]);
    expect(await api.store.headPosition()).toBe(head);
  });

  it('refuses an unpaired surrogate in a description, and keeps its line breaks and tabs', async () => {
    const broken = await api.request('POST', '/api/v1/needs', {
      token,
      body: { ...needBody, description: `${needBody.description}\ud800` },
    });
    expect((await expectProblem(broken, 422, 'validation')).errors?.map((e) => e.path)).toEqual([
      'description',
    ]);
    const description = `一、现状：\t${needBody.description}\n二、目标：实现在线检测。`;
    const kept = await api.request('POST', '/api/v1/needs', { token, body: { ...needBody, description } });
    expect(kept.status).toBe(201);
    expect(((await kept.json()) as { description: string }).description).toBe(description);
  });

  it('refuses an organization name with a line break', async () => {
    const res = await api.request('POST', '/api/v1/orgs', {
      body: { ...registrationBody('demander'), name: '济南市\r\n某某制造有限公司' },
    });
    expect((await expectProblem(res, 422, 'validation')).errors?.map((e) => e.path)).toEqual(['name']);
  });
});
