/**
 * The stream holding every question on one need (答疑). Keeping them together makes "answered once" a check
 * on one stream's state, and the need's Q&A one read.
 */
export const needQuestionsStream = (needId: string) => `questions-${needId}`;
