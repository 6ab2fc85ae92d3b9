import { createRoute, z } from '@hono/zod-openapi';
import { answerQuestion, askQuestion, listQuestions } from '../../application/question-service.js';
import { answerQuestionInput, askQuestionInput } from '../../domain/question/commands.js';
import type { HttpDeps } from '../../server/deps.js';
import { idempotency } from '../middleware/idempotency.js';
import { json, requestContext } from '../respond.js';
import { access, IdempotencyHeaders, IdParams, jsonBody, jsonResponse, problems, router } from '../route.js';

const TAG = 'questions';

const QuestionSchema = z
  .object({
    id: z.string(),
    text: z.string(),
    askedAt: z.string(),
    status: z.enum(['open', 'answered']).openapi({ description: 'open 待回答，answered 已回答' }),
    answer: z.object({ text: z.string(), answeredAt: z.string() }).nullable(),
    askedByViewer: z.boolean().openapi({ description: '是否为查看者所在机构的提问；提问者从不公开' }),
  })
  .openapi('Question');

const QuestionParams = IdParams.extend({
  questionId: z
    .string()
    .min(1)
    .openapi({ param: { name: 'questionId', in: 'path' } }),
});

/**
 * 答疑: verified vendors ask about a published need in public and its owner answers. Answered questions
 * are public without their askers; waiting ones are the owner's, staff's and the asking vendor's.
 * Mounted at `/api/v1`.
 */
export function questionsRouter(deps: HttpDeps) {
  const { app, views } = deps;
  const creates = idempotency({ store: app.store, clock: app.clock, logger: app.logger });

  const ask = createRoute({
    method: 'post',
    path: '/needs/{id}/questions',
    tags: [TAG],
    summary: '就已发布的需求提问（已认证的服务商）；需求方会收到通知',
    ...access(['vendor'], creates),
    request: { params: IdParams, headers: IdempotencyHeaders, body: jsonBody(askQuestionInput) },
    responses: {
      201: jsonResponse(z.object({ id: z.string() }).openapi('QuestionCreated'), '新提问的编号'),
      ...problems(401, 403, 404, 409, 413, 415, 422, 429),
    },
  });
  const answer = createRoute({
    method: 'post',
    path: '/needs/{id}/questions/{questionId}/answer',
    tags: [TAG],
    summary: '回答提问（需求方，每个提问只能回答一次）；回答后问答公开，提问者会收到通知',
    ...access(['demander']),
    request: { params: QuestionParams, body: jsonBody(answerQuestionInput) },
    responses: {
      200: jsonResponse(QuestionSchema, '回答后的提问'),
      ...problems(401, 403, 404, 409, 413, 415, 422, 429),
    },
  });
  const list = createRoute({
    method: 'get',
    path: '/needs/{id}/questions',
    tags: [TAG],
    summary: '需求的答疑：已回答的公开（不显示提问者）；待回答的仅需求方、平台与提问的服务商可见',
    ...access('public'),
    request: { params: IdParams },
    responses: {
      200: jsonResponse(z.object({ items: z.array(QuestionSchema) }), '提问，从新到旧'),
      ...problems(403, 404, 429),
    },
  });

  return router()
    .openapi(ask, async (c) => {
      const { id } = c.req.valid('param');
      const asked = await askQuestion(app, requestContext(c), id, c.req.valid('json'));
      c.header('X-Position', String(asked.position));
      return json(c, { id: asked.id }, 201);
    })
    .openapi(answer, async (c) => {
      const { id, questionId } = c.req.valid('param');
      const answered = await answerQuestion(app, requestContext(c), id, questionId, c.req.valid('json'));
      c.header('X-Position', String(answered.position));
      return json(c, answered.question);
    })
    .openapi(list, async (c) =>
      json(c, { items: await listQuestions(app, views, c.get('actor'), c.req.valid('param').id) }),
    );
}
