import { readEntity } from '../application/command-handler.js';
import { questionDecider } from '../domain/question/decider.js';
import type { QuestionAnswered } from '../domain/question/events.js';
import { questionOf } from '../domain/question/state.js';
import { entities } from './entities.js';
import { notificationText } from './messages.js';
import type { NotificationDraft, Notifier } from './notifier.js';

const PREFIX = 'questions-';

/**
 * 答疑: a question tells the demander's users (question.asked); the answer tells the user who asked
 * (question.answered). Neither names the vendor: the Q&A is public without its askers.
 */
export const questionNotifier: Notifier = async (event, ctx): Promise<NotificationDraft[]> => {
  if (!event.stream.startsWith(PREFIX)) return [];
  const needId = event.stream.slice(PREFIX.length);
  const link = `/needs/${needId}#questions`;
  if (event.type === 'QuestionAsked') {
    const need = await entities.need(ctx.store, needId);
    return [
      {
        type: 'question.asked',
        recipients: { orgIds: [need.orgId] },
        ...notificationText.questionAsked(need.title),
        link,
      },
    ];
  }
  if (event.type === 'QuestionAnswered') {
    const { questionId } = event.data as QuestionAnswered['data'];
    const [need, { state }] = await Promise.all([
      entities.need(ctx.store, needId),
      readEntity(ctx.store, event.stream, questionDecider),
    ]);
    const question = questionOf(state, questionId);
    if (!question) return [];
    return [
      {
        type: 'question.answered',
        recipients: { userIds: [question.askedBy.userId] },
        ...notificationText.questionAnswered(need.title),
        link,
      },
    ];
  }
  return [];
};
