import { Hono } from 'hono';
import { answerQuestion, askQuestion } from '../../application/question-service.js';
import { attempt } from '../attempt.js';
import { ASK_FIELD, answerField, onField } from '../components/questions.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { requireUser } from '../errors.js';
import { readForm } from '../form-input.js';
import { webMessages } from '../messages.js';
import { redirectWith, requestContext } from '../render.js';
import { renderNeedPage } from './need-page.js';

const posted = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

/** 答疑 on the need page: a vendor's question and the owner's answer, refused on the form in Chinese. */
export function questionPages(deps: WebDeps) {
  const web = new Hono<WebEnv>();

  web.post('/needs/:id/questions', requireUser('vendor'), async (c) => {
    const id = c.req.param('id');
    const values = await readForm(c);
    const asked = await attempt(() =>
      askQuestion(deps.app, requestContext(c), id, { text: posted(values[ASK_FIELD]) }),
    );
    if (!asked.ok) {
      return renderNeedPage(deps, c, id, { ask: { values, errors: onField(asked.errors, ASK_FIELD) } });
    }
    return redirectWith(c, `/needs/${id}#questions`, { tone: 'success', text: webMessages.questions.sent });
  });

  web.post('/needs/:id/questions/:questionId/answer', requireUser('demander'), async (c) => {
    const { id, questionId } = c.req.param();
    const field = answerField(questionId);
    const values = await readForm(c);
    const answered = await attempt(() =>
      answerQuestion(deps.app, requestContext(c), id, questionId, { text: posted(values[field]) }),
    );
    if (!answered.ok) {
      const form = { values, errors: onField(answered.errors, field) };
      return renderNeedPage(deps, c, id, { answer: { questionId, form } });
    }
    return redirectWith(c, `/needs/${id}#questions`, {
      tone: 'success',
      text: webMessages.questions.answerSent,
    });
  });

  return web;
}
