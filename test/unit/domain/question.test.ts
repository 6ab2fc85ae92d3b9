import { describe, expect, it } from 'vitest';
import type { OrganizationStatus } from '../../../src/domain/organization/state.js';
import type { AskQuestion, QuestionCommand } from '../../../src/domain/question/commands.js';
import { answerQuestionInput, askQuestionInput } from '../../../src/domain/question/commands.js';
import { questionDecider } from '../../../src/domain/question/decider.js';
import type { QuestionEvent } from '../../../src/domain/question/events.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(questionDecider);

const NEED = '01900000-0000-7000-8000-00000000a001';
const DEMANDER = '01900000-0000-7000-8000-00000000d001';
const VENDOR = '01900000-0000-7000-8000-00000000f001';
const FIRST = '01900000-0000-7000-8000-00000000c001';
const SECOND = '01900000-0000-7000-8000-00000000c002';

const owner: Actor = { userId: 'u-owner', orgId: DEMANDER, role: 'demander' };
const otherDemander: Actor = {
  userId: 'u-other',
  orgId: '01900000-0000-7000-8000-00000000d002',
  role: 'demander',
};
const staff: Actor = { userId: 'u-staff', orgId: null, role: 'staff' };
const vendor: Actor = { userId: 'u-vendor', orgId: VENDOR, role: 'vendor' };
const anonymous: Actor = { userId: null, orgId: null, role: 'anonymous' };
const now = new Date('2025-03-01T08:00:00.000Z');
const at = now.toISOString();
const need = { id: NEED, orgId: DEMANDER, status: 'published', orgStatus: 'verified' as OrganizationStatus };

function ask(overrides: Partial<AskQuestion['data']> = {}, actor: Actor = vendor): QuestionCommand {
  return {
    type: 'AskQuestion',
    data: {
      questionId: FIRST,
      text: '现有产线的相机型号是什么？',
      need,
      askerOrg: { status: 'verified' },
      ...overrides,
    },
    context: { actor, now },
  };
}
const answer = (actor: Actor = owner, questionId = FIRST): QuestionCommand => ({
  type: 'AnswerQuestion',
  data: { questionId, text: '海康 MV-CA050。', need },
  context: { actor, now },
});

const asked = (questionId = FIRST): QuestionEvent => ({
  type: 'QuestionAsked',
  data: {
    questionId,
    needId: NEED,
    askedBy: { userId: 'u-vendor', orgId: VENDOR },
    text: '现有产线的相机型号是什么？',
    at,
  },
});
const answered = (questionId = FIRST): QuestionEvent => ({
  type: 'QuestionAnswered',
  data: { questionId, text: '海康 MV-CA050。', at },
});

describe('AskQuestion', () => {
  it('records a verified vendor’s question on a published need, with who asked', () =>
    spec([]).when(ask()).then([asked()]));
  it('lets the same vendor ask again beside earlier questions', () =>
    spec([asked(), answered()])
      .when(ask({ questionId: SECOND }))
      .then([asked(SECOND)]));
  for (const [who, actor] of [
    ['the owner', owner],
    ['another demander', otherDemander],
    ['staff', staff],
    ['the anonymous', anonymous],
  ] as const) {
    it(`is refused to ${who}`, () => spec([]).when(ask({}, actor)).thenThrows('question.not_vendor', 403));
  }
  for (const status of ['pending', 'suspended']) {
    it(`is refused to a ${status} vendor`, () =>
      spec([])
        .when(ask({ askerOrg: { status } }))
        .thenThrows('question.vendor_not_verified', 403));
  }
  for (const status of ['draft', 'submitted', 'approved', 'rejected', 'in_progress', 'fulfilled', 'closed']) {
    it(`is refused on a ${status} need`, () =>
      spec([])
        .when(ask({ need: { ...need, status } }))
        .thenThrows('question.need_not_published', 409));
  }
  for (const orgStatus of ['suspended', 'cancelled'] as const) {
    it(`is refused on the need of a ${orgStatus} demander`, () =>
      spec([])
        .when(ask({ need: { ...need, orgStatus } }))
        .thenThrows('question.demander_out_of_market', 409));
  }
});

describe('AnswerQuestion', () => {
  it('records the owner’s answer', () => spec([asked()]).when(answer()).then([answered()]));
  it('is refused a second time', () =>
    spec([asked(), answered()]).when(answer()).thenThrows('question.already_answered', 409));
  it('answers only the question named', () =>
    spec([asked(), asked(SECOND), answered()])
      .when(answer(owner, SECOND))
      .then([answered(SECOND)]));
  for (const [who, actor] of [
    ['another demander', otherDemander],
    ['staff', staff],
    ['the vendor who asked', vendor],
  ] as const) {
    it(`is refused to ${who}`, () =>
      spec([asked()]).when(answer(actor)).thenThrows('question.not_need_owner', 403));
  }
  it('is refused for a question the need does not have', () =>
    spec([asked()]).when(answer(owner, SECOND)).thenThrows('question.not_found', 404));
});

describe('question texts', () => {
  it('takes a question of 5 to 500 characters and an answer of 2 to 1000, refusing in Chinese', () => {
    expect(askQuestionInput.safeParse({ text: '相机型号？' }).success).toBe(true);
    const short = askQuestionInput.safeParse({ text: '型号？' });
    expect(short.error?.issues[0]?.message).toBe('问题须为5到500个字');
    expect(askQuestionInput.safeParse({ text: '问'.repeat(501) }).success).toBe(false);
    expect(answerQuestionInput.safeParse({ text: '是' }).error?.issues[0]?.message).toBe(
      '回答须为2到1000个字',
    );
    expect(answerQuestionInput.safeParse({ text: '是的' }).success).toBe(true);
    expect(answerQuestionInput.safeParse({ text: '答'.repeat(1001) }).success).toBe(false);
  });
});
