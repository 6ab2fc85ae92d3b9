import { createRoute, z } from '@hono/zod-openapi';
import { setPanel } from '../../application/panel-service.js';
import { listMyReviews, reviewSummary, submitReview } from '../../application/review-service.js';
import { setPanelInput } from '../../domain/panel/commands.js';
import { reviewInput } from '../../domain/review/commands.js';
import type { HttpDeps } from '../../server/deps.js';
import { readAfter } from '../read-your-writes.js';
import { json, requestContext } from '../respond.js';
import { access, IdParams, jsonBody, jsonResponse, problems, router } from '../route.js';

const TAG = 'reviews';

const CriterionSchema = z.object({ name: z.string(), weight: z.number().int() }).openapi('Criterion');
const ScoreSchema = z.object({ criterion: z.string(), score: z.number().int() });

const PanelSchema = z
  .object({ needId: z.string(), expertIds: z.array(z.string()), setAt: z.string().nullable() })
  .openapi('ReviewPanel');

const OwnReviewSchema = z
  .object({
    conflict: z.boolean(),
    scores: z.array(ScoreSchema),
    comment: z.string().nullable(),
    at: z.string(),
  })
  .openapi('OwnReview');

const application = {
  engagementId: z.string(),
  vendorId: z.string(),
  vendorName: z.string(),
  solutionTitle: z.string(),
  status: z.string(),
  proposal: z.string().nullable(),
  quoteWan: z.number().nullable(),
};

const AssignmentSchema = z
  .object({
    needId: z.string(),
    needTitle: z.string(),
    criteria: z.array(CriterionSchema),
    applications: z.array(
      z.object({
        ...application,
        mustRecuse: z.boolean().openapi({ description: '申请方是专家所属机构，须回避，不能评审' }),
        myReview: OwnReviewSchema.nullable().openapi({ description: '本人的评审；从不包含其他专家的评审' }),
      }),
    ),
  })
  .openapi('ReviewAssignment');

const SummarySchema = z
  .object({
    needId: z.string(),
    criteria: z.array(CriterionSchema),
    panelSize: z.number().int(),
    applications: z.array(
      z.object({
        ...application,
        reviews: z.number().int().openapi({ description: '打分的评审数' }),
        conflicts: z.number().int().openapi({ description: '声明回避的评审数' }),
        weightedMean: z
          .number()
          .nullable()
          .openapi({ description: '加权平均分（0–100）；尚无打分时为 null' }),
        criterionMeans: z.array(
          z.object({ criterion: z.string(), weight: z.number().int(), mean: z.number().nullable() }),
        ),
      }),
    ),
  })
  .openapi('ReviewSummary');

/**
 * 专家评审: staff name a need's panel, panel experts review its applications once each (or declare a
 * conflict), and the need's owner and staff read the summary. Mounted at `/api/v1`.
 */
export function reviewsRouter(deps: HttpDeps) {
  const { app, search, projections } = deps;

  const panel = createRoute({
    method: 'put',
    path: '/needs/{id}/panel',
    tags: [TAG],
    summary:
      '设置需求的评审专家组（覆盖该需求地市的平台工作人员）；需求须已通过审核并设有评审标准，新加入的专家会收到通知',
    ...access(['staff']),
    request: { params: IdParams, body: jsonBody(setPanelInput) },
    responses: {
      200: jsonResponse(PanelSchema, '评审专家组'),
      ...problems(401, 403, 404, 409, 413, 415, 422, 429),
    },
  });
  const review = createRoute({
    method: 'post',
    path: '/engagements/{id}/reviews',
    tags: [TAG],
    summary: '评审一个申请（评审专家组中的专家，每人一次）：为每项评审标准打0–100分，或声明回避（不打分）',
    ...access(['expert']),
    request: { params: IdParams, body: jsonBody(reviewInput) },
    responses: {
      201: jsonResponse(OwnReviewSchema, '提交的评审'),
      ...problems(401, 403, 404, 409, 413, 415, 422, 429),
    },
  });
  const mine = createRoute({
    method: 'get',
    path: '/me/reviews',
    tags: [TAG],
    summary: '我的评审任务（评审专家）：所在专家组的需求及其申请，是否已评审；不含其他专家的评审',
    ...access(['expert'], readAfter(projections)),
    responses: {
      200: jsonResponse(z.object({ items: z.array(AssignmentSchema) }), '评审任务，按专家组设置时间从新到旧'),
      ...problems(401, 403, 429),
    },
  });
  const summary = createRoute({
    method: 'get',
    path: '/needs/{id}/review-summary',
    tags: [TAG],
    summary:
      '需求的评审汇总（发布该需求的需求方、平台工作人员）：每个申请的加权平均分、各项平均分、评审数与回避数',
    ...access(['demander', 'staff'], readAfter(projections)),
    request: { params: IdParams },
    responses: { 200: jsonResponse(SummarySchema, '评审汇总'), ...problems(401, 403, 404, 429) },
  });

  return router()
    .openapi(panel, async (c) => {
      const set = await setPanel(app, requestContext(c), c.req.valid('param').id, c.req.valid('json'));
      if (set.position !== null) c.header('X-Position', String(set.position));
      return json(c, set.panel);
    })
    .openapi(review, async (c) => {
      const { id } = c.req.valid('param');
      const submitted = await submitReview(app, requestContext(c), id, c.req.valid('json'));
      c.header('X-Position', String(submitted.position));
      return json(c, submitted.review, 201);
    })
    .openapi(mine, async (c) => json(c, { items: await listMyReviews(app, search, c.get('actor')) }))
    .openapi(summary, async (c) =>
      json(c, await reviewSummary(app, search, requestContext(c), c.req.valid('param').id)),
    );
}
