import { isOutOfMarket } from '../organization/state.js';
import type { Decider } from '../shared/decider.js';
import type { AnswerQuestion, AskQuestion, QuestionCommand } from './commands.js';
import type { QuestionEvent } from './events.js';
import { questionError } from './messages.js';
import { type NeedQuestions, questionOf } from './state.js';

function initialState(): NeedQuestions {
  return { needId: '', questions: [] };
}

function ask({ data, context }: AskQuestion): QuestionEvent[] {
  const { actor } = context;
  if (actor.role !== 'vendor' || !actor.orgId || !actor.userId) throw questionError('question.not_vendor');
  if (data.askerOrg.status !== 'verified') throw questionError('question.vendor_not_verified');
  if (data.need.status !== 'published')
    throw questionError('question.need_not_published', { status: data.need.status });
  if (isOutOfMarket(data.need.orgStatus)) throw questionError('question.demander_out_of_market');
  return [
    {
      type: 'QuestionAsked',
      data: {
        questionId: data.questionId,
        needId: data.need.id,
        askedBy: { userId: actor.userId, orgId: actor.orgId },
        text: data.text,
        at: context.now.toISOString(),
      },
    },
  ];
}

function answer({ data, context }: AnswerQuestion, state: NeedQuestions): QuestionEvent[] {
  const { actor } = context;
  // Staff moderate; the answer is the owner's word on its own need.
  if (actor.role !== 'demander' || actor.orgId !== data.need.orgId)
    throw questionError('question.not_need_owner');
  const question = questionOf(state, data.questionId);
  if (!question) throw questionError('question.not_found', { questionId: data.questionId });
  if (question.answer) throw questionError('question.already_answered', { questionId: question.id });
  return [
    {
      type: 'QuestionAnswered',
      data: { questionId: question.id, text: data.text, at: context.now.toISOString() },
    },
  ];
}

function decide(command: QuestionCommand, state: NeedQuestions): QuestionEvent[] {
  return command.type === 'AskQuestion' ? ask(command) : answer(command, state);
}

function evolve(state: NeedQuestions, event: QuestionEvent): NeedQuestions {
  switch (event.type) {
    case 'QuestionAsked': {
      const { questionId, needId, askedBy, text, at } = event.data;
      const question = { id: questionId, needId, askedBy, text, askedAt: at, answer: null };
      return { needId, questions: [...state.questions, question] };
    }
    case 'QuestionAnswered': {
      const { questionId, text, at } = event.data;
      const questions = state.questions.map((question) =>
        question.id === questionId ? { ...question, answer: { text, answeredAt: at } } : question,
      );
      return { ...state, questions };
    }
  }
}

export const questionDecider: Decider<NeedQuestions, QuestionCommand, QuestionEvent> = {
  decide,
  evolve,
  initialState,
};
