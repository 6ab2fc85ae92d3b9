import type { DomainEvent } from '../shared/decider.js';

/** Who asked: the vendor's user and organization. Never shown beside an answered question. */
export type Asker = { userId: string; orgId: string };

/** A verified vendor asked the need's owner a question in public (答疑). */
export type QuestionAsked = DomainEvent<
  'QuestionAsked',
  { questionId: string; needId: string; askedBy: Asker; text: string; at: string }
>;
/** The need's owner answered the question; from then on everyone who sees the need sees both. */
export type QuestionAnswered = DomainEvent<
  'QuestionAnswered',
  { questionId: string; text: string; at: string }
>;

export type QuestionEvent = QuestionAsked | QuestionAnswered;
