import type { Asker } from './events.js';

export interface Answer {
  text: string;
  answeredAt: string;
}

export interface Question {
  id: string;
  needId: string;
  askedBy: Asker;
  text: string;
  askedAt: string;
  /** null until the owner answers. */
  answer: Answer | null;
}

/** All questions on one need, oldest first. */
export interface NeedQuestions {
  needId: string;
  questions: Question[];
}

export function questionOf(state: NeedQuestions, questionId: string): Question | undefined {
  return state.questions.find((question) => question.id === questionId);
}
