import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxOf, startReactor } from './notifications-support.js';
import { createScenario, type Scenario } from './scenario.js';
import { createTestApi, expectProblem, registerOrg, type TestApi } from './support.js';

type Item = {
  id: string;
  text: string;
  status: string;
  answer: { text: string } | null;
  askedByViewer: boolean;
};

describe('答疑: questions on a need', () => {
  let api: TestApi;
  let s: Scenario;
  let reactor: Awaited<ReturnType<typeof startReactor>>;
  let needId: string;

  const ask = (token: string, text: string, need = needId) =>
    api.request('POST', `/api/v1/needs/${need}/questions`, { token, body: { text } });
  const answer = (token: string, questionId: string, text: string) =>
    api.request('POST', `/api/v1/needs/${needId}/questions/${questionId}/answer`, { token, body: { text } });
  const list = async (token?: string): Promise<Item[]> => {
    const res = await api.request('GET', `/api/v1/needs/${needId}/questions`, token ? { token } : {});
    expect(res.status).toBe(200);
    return ((await res.json()) as { items: Item[] }).items;
  };

  beforeAll(async () => {
    api = await createTestApi();
    // The reactor's own list of notifiers, so that the question notifier is proven to be registered.
    reactor = await startReactor(api);
    s = await createScenario(api);
    needId = await s.need('published');
  });
  afterAll(async () => {
    await reactor.reactor.stop();
    await api.close();
  });

  it('shows a waiting question to the owner, staff and the asking vendor only; once answered, to all without the asker', async () => {
    const res = await ask(s.vendor.token, '现有产线使用什么型号的相机？');
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(res.headers.get('x-position')).toMatch(/^\d+$/);

    for (const token of [s.demander.token, s.staff, s.vendor.token]) {
      expect((await list(token)).map((q) => [q.id, q.status])).toEqual([[id, 'open']]);
    }
    expect((await list(s.vendor.token))[0]?.askedByViewer).toBe(true);
    expect((await list(s.demander.token))[0]?.askedByViewer).toBe(false);
    for (const token of [undefined, s.vendor2.token, s.demander2.token])
      expect(await list(token)).toEqual([]);

    const answered = await answer(s.demander.token, id, '目前使用500万像素工业相机。');
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({
      id,
      status: 'answered',
      answer: { text: '目前使用500万像素工业相机。' },
    });

    for (const token of [undefined, s.vendor2.token, s.demander2.token]) {
      const items = await list(token);
      expect(items).toEqual([
        {
          id,
          text: '现有产线使用什么型号的相机？',
          askedAt: expect.any(String),
          status: 'answered',
          answer: { text: '目前使用500万像素工业相机。', answeredAt: expect.any(String) },
          askedByViewer: false,
        },
      ]);
      const raw = JSON.stringify(items);
      expect(raw).not.toContain(s.vendor.orgId);
      expect(raw).not.toContain(s.vendor.userId);
    }
  });

  it('answers once: a second answer is refused in Chinese and changes nothing', async () => {
    const { id } = (await (await ask(s.vendor2.token, '验收以哪条产线的数据为准？')).json()) as {
      id: string;
    };
    expect((await answer(s.demander.token, id, '以一号线为准。')).status).toBe(200);
    const head = await api.store.headPosition();
    const again = await expectProblem(
      await answer(s.demander.token, id, '改为二号线。'),
      409,
      'question.already_answered',
    );
    expect(again.detail).toMatch(/已经回答/);
    expect(await api.store.headPosition()).toBe(head);
    expect((await list()).find((q) => q.id === id)?.answer?.text).toBe('以一号线为准。');
  });

  it('refuses the answer of anyone but the owner, and a question of anyone but a verified vendor', async () => {
    const { id } = (await (await ask(s.vendor.token, '是否需要驻场实施？')).json()) as { id: string };
    await expectProblem(await answer(s.demander2.token, id, '需要驻场。'), 403, 'question.not_need_owner');
    await expectProblem(await answer(s.vendor.token, id, '需要驻场。'), 403);
    await expectProblem(await ask(s.demander.token, '这是需求方自己的提问。'), 403);
    const pending = await registerOrg(api, 'vendor', null);
    await expectProblem(
      await ask(pending.token, '未认证服务商的提问。'),
      403,
      'question.vendor_not_verified',
    );
  });

  it('refuses a question on a need that is not published, and a text out of bounds, each in Chinese', async () => {
    const draft = await s.need('draft');
    await expectProblem(
      await ask(s.vendor.token, '草稿需求上的提问。', draft),
      409,
      'question.need_not_published',
    );
    const short = await expectProblem(await ask(s.vendor.token, '型号？'), 422);
    expect(short.errors).toEqual([{ path: 'text', message: '问题须为5到500个字' }]);
    const { id } = (await (await ask(s.vendor.token, '交付周期是否可以延长？')).json()) as { id: string };
    const shortAnswer = await expectProblem(await answer(s.demander.token, id, '可'), 422);
    expect(shortAnswer.errors).toEqual([{ path: 'text', message: '回答须为2到1000个字' }]);
  });

  it('tells the demander of a question and the asking user of the answer (question.asked, question.answered)', async () => {
    const need = await s.need('published');
    const { id } = (await (await ask(s.vendor.token, '数据能否离线交付？', need)).json()) as { id: string };
    await reactor.settled();
    const told = await inboxOf(api, s.demander.token);
    expect(
      told.items.filter((n) => n.type === 'question.asked' && n.link === `/needs/${need}#questions`),
    ).toEqual([expect.objectContaining({ title: '您的需求收到一个提问' })]);
    const res = await api.request('POST', `/api/v1/needs/${need}/questions/${id}/answer`, {
      token: s.demander.token,
      body: { text: '可以离线交付。' },
    });
    expect(res.status).toBe(200);
    await reactor.settled();
    const vendorInbox = await inboxOf(api, s.vendor.token);
    expect(
      vendorInbox.items.filter(
        (n) => n.type === 'question.answered' && n.link === `/needs/${need}#questions`,
      ),
    ).toEqual([expect.objectContaining({ title: '您的提问已得到回答' })]);
    const others = await inboxOf(api, s.vendor2.token);
    expect(others.items.filter((n) => n.link === `/needs/${need}#questions`)).toEqual([]);
  });
});
