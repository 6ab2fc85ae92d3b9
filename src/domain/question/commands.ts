import { z } from 'zod';
import type { OrganizationStatus } from '../organization/state.js';
import type { Command } from '../shared/decider.js';
import { multilineText } from '../shared/fields.js';

/** POST /api/v1/needs/:id/questions and the need page's 提问 form. */
export const askQuestionInput = z.strictObject({ text: multilineText('问题', { min: 5, max: 500 }) });
export type AskQuestionInput = z.output<typeof askQuestionInput>;

/** POST /api/v1/needs/:id/questions/:questionId/answer and the need page's 回答 form. */
export const answerQuestionInput = z.strictObject({ text: multilineText('回答', { min: 2, max: 1000 }) });
export type AnswerQuestionInput = z.output<typeof answerQuestionInput>;

/** The need as the service found it: whose it is and where it stands. */
export interface QuestionedNeedFact {
  id: string;
  orgId: string;
  status: string;
  /** The demander's status: one out of the market cannot sign in to answer. */
  orgStatus: OrganizationStatus;
}

export type AskQuestion = Command<
  'AskQuestion',
  {
    questionId: string;
    text: string;
    need: QuestionedNeedFact;
    /** The asking organization's status (verified, pending, suspended), loaded by the service. */
    askerOrg: { status: string };
  }
>;

export type AnswerQuestion = Command<
  'AnswerQuestion',
  { questionId: string; text: string; need: QuestionedNeedFact }
>;

export type QuestionCommand = AskQuestion | AnswerQuestion;
