import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needStream } from '../../../src/domain/need/stream.js';
import { needQuestionsStream } from '../../../src/domain/question/stream.js';
import type { RecordedEvent } from '../../../src/eventstore/port.js';
import { questionNotifier } from '../../../src/notifications/question-notifier.js';
import { needBody } from '../../api/fixtures.js';
import { createScenario, type Scenario } from '../../api/scenario.js';
import { createTestApi, type TestApi } from '../../api/support.js';

describe('questionNotifier: who hears of a question and of its answer', () => {
  let api: TestApi;
  let s: Scenario;
  let needId: string;
  let events: RecordedEvent[];

  beforeAll(async () => {
    api = await createTestApi();
    s = await createScenario(api);
    needId = await s.need('published');
    const asked = await api.request('POST', `/api/v1/needs/${needId}/questions`, {
      token: s.vendor.token,
      body: { text: '现有产线使用什么型号的相机？' },
    });
    const { id } = (await asked.json()) as { id: string };
    await api.request('POST', `/api/v1/needs/${needId}/questions/${id}/answer`, {
      token: s.demander.token,
      body: { text: '目前使用500万像素工业相机。' },
    });
    events = await api.store.readStream(needQuestionsStream(needId));
  });
  afterAll(() => api.close());

  const ctx = () => ({ store: api.store, search: api.search, clock: api.clock });

  it('tells the demander organization of a question, without naming the vendor (question.asked)', async () => {
    expect(events.map((e) => e.type)).toEqual(['QuestionAsked', 'QuestionAnswered']);
    expect(await questionNotifier(events[0]!, ctx())).toEqual([
      {
        type: 'question.asked',
        recipients: { orgIds: [s.demander.orgId] },
        title: '您的需求收到一个提问',
        body: `有服务商就需求「${needBody.title}」提问，回答后所有可查看该需求的人都能看到问答。`,
        link: `/needs/${needId}#questions`,
      },
    ]);
  });

  it('tells the user who asked of the answer (question.answered)', async () => {
    expect(await questionNotifier(events[1]!, ctx())).toEqual([
      {
        type: 'question.answered',
        recipients: { userIds: [s.vendor.userId] },
        title: '您的提问已得到回答',
        body: `需求方已回答您对「${needBody.title}」的提问。`,
        link: `/needs/${needId}#questions`,
      },
    ]);
  });

  it('says nothing about events of other streams', async () => {
    const [created] = await api.store.readStream(needStream(needId));
    expect(await questionNotifier(created!, ctx())).toEqual([]);
  });
});
