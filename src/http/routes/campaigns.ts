import { createRoute, z } from '@hono/zod-openapi';
import {
  closeCampaign,
  getCampaign,
  openCampaign,
  openProvincialList,
  publishCampaignList,
} from '../../application/campaign-service.js';
import { cityFieldsAtDoor } from '../../application/city-directory.js';
import { campaignQuerySchema, searchCampaigns } from '../../application/queries/campaigns-query.js';
import {
  campaignListQuery,
  openCampaignInput,
  openProvincialListInput,
  publishCampaignListInput,
} from '../../domain/campaign/commands.js';
import type { CampaignDocument } from '../../projections/campaigns-projection.js';
import type { HttpDeps } from '../../server/deps.js';
import { campaignListResponse } from '../campaign-list-export.js';
import { idempotency } from '../middleware/idempotency.js';
import { readAfter } from '../read-your-writes.js';
import { type ApiResponse, commandResponse, entityResponse, json, requestContext } from '../respond.js';
import {
  access,
  actionRoute,
  bodyActionRoute,
  entitySchema,
  IdempotencyHeaders,
  IdParams,
  jsonBody,
  jsonResponse,
  problems,
  router,
} from '../route.js';
import { afterShape, hitSchema, listSchema } from './read-model.js';

const ListVersion = z.object({
  version: z.number().int(),
  kind: z.enum(['needs', 'solutions']),
  publishedAt: z.string(),
  note: z.string().nullable(),
  items: z.array(
    z
      .object({
        seq: z.number().int(),
        id: z.string(),
        title: z.string(),
        source: z
          .object({
            campaignId: z.string(),
            campaignTitle: z.string(),
            city: z.string(),
            version: z.number().int(),
            seq: z.number().int(),
          })
          .optional()
          .openapi({ description: '全省汇总清单的条目：来自哪个地市批次、其清单版本与原序号' }),
      })
      .loose(),
  ),
});

export const CampaignSchema = entitySchema('Campaign', {
  title: z.string(),
  kind: z.enum(['needs', 'solutions', 'both']),
  scope: z.string().openapi({ description: 'province 为全省，或地市代码' }),
  gathers: z
    .object({ period: z.string(), campaignIds: z.array(z.string()) })
    .nullable()
    .openapi({ description: '全省汇总清单的汇总期与所汇总的地市批次；其他批次为 null' }),
  opensAt: z.string(),
  closesAt: z.string(),
  items: z.object({ needs: z.array(z.string()), solutions: z.array(z.string()) }),
  lists: z.object({ needs: z.array(ListVersion), solutions: z.array(ListVersion) }),
});

const CampaignListSchema = z
  .object({
    campaignId: z.string(),
    title: z.string(),
    version: z.number().int(),
    versions: z.array(z.number().int()),
    kind: z.enum(['needs', 'solutions']),
    publishedAt: z.string(),
    note: z.string().nullable(),
    gathered: z.boolean().openapi({ description: '全省汇总清单：每一项带 source（来源地市批次）' }),
    items: ListVersion.shape.items,
  })
  .openapi('CampaignList');

const ListQuery = campaignListQuery.extend({
  format: z.enum(['json', 'csv', 'xlsx']).default('json').openapi({ description: 'csv 为带 BOM 的 UTF-8' }),
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const CampaignHitSchema = hitSchema<CampaignDocument>()({
  title: z.string(),
  kind: z.enum(['needs', 'solutions', 'both']),
  status: z.enum(['open', 'closed', 'published']),
  opensAt: z.string(),
  closesAt: z.string(),
  needCount: z.number().int(),
  solutionCount: z.number().int(),
  listVersions: z.object({ needs: z.number().int().nullable(), solutions: z.number().int().nullable() }),
}).openapi('CampaignHit');

/**
 * `/api/v1/campaigns` (征集批次): listed from the search index, opened, closed and published from their streams.
 * Match rounds over a campaign are routes/match-rounds.ts.
 */
export function campaignsRouter(deps: HttpDeps) {
  const door = cityFieldsAtDoor(deps.app.store);
  const { app } = deps;
  const creates = idempotency({ store: app.store, clock: app.clock, logger: app.logger });

  const open = createRoute({
    method: 'post',
    path: '/',
    tags: ['campaigns'],
    summary: '发起征集批次（平台），即刻开放，在 [opensAt, closesAt) 内接受提交',
    ...access(['staff'], creates),
    request: {
      headers: IdempotencyHeaders,
      body: jsonBody(openCampaignInput.extend({ scope: door.scope.optional() })),
    },
    responses: {
      201: jsonResponse(CampaignSchema, '新建的征集批次'),
      ...problems(401, 403, 413, 415, 422, 429),
    },
  });
  const provincial = createRoute({
    method: 'post',
    path: '/provincial',
    tags: ['campaigns'],
    summary:
      '建立全省汇总清单（省级平台）：汇总一个汇总期内所选地市批次已发布的清单，重新编排序号；随后用 publish 发布与更正',
    ...access(['staff'], creates),
    request: { headers: IdempotencyHeaders, body: jsonBody(openProvincialListInput) },
    responses: {
      201: jsonResponse(CampaignSchema, '新建的全省汇总清单（待发布）'),
      ...problems(401, 403, 413, 415, 422, 429),
    },
  });
  const search = createRoute({
    method: 'get',
    path: '/',
    tags: ['campaigns'],
    summary: '征集批次列表（公开）：按标题关键词、状态、征集内容筛选，新开放的在前',
    ...access('public', readAfter(deps.projections)),
    request: { query: campaignQuerySchema.safeExtend(afterShape) },
    responses: {
      200: jsonResponse(listSchema('CampaignPage', CampaignHitSchema), '一页征集批次'),
      ...problems(422, 429),
    },
  });
  const get = createRoute({
    method: 'get',
    path: '/{id}',
    tags: ['campaigns'],
    summary: '查看征集批次',
    ...access('signed-in'),
    request: { params: IdParams },
    responses: { 200: jsonResponse(CampaignSchema, '征集批次'), ...problems(401, 404) },
  });
  const list = createRoute({
    method: 'get',
    path: '/{id}/list',
    tags: ['campaigns'],
    summary: '已发布的需求清单或供给清单（公开）；format=json|csv|xlsx，version 读取旧版本',
    ...access('public'),
    request: { params: IdParams, query: ListQuery },
    responses: {
      200: {
        description: '清单',
        content: {
          'application/json': { schema: CampaignListSchema },
          'text/csv': { schema: { type: 'string' } },
          [XLSX]: { schema: { type: 'string', format: 'binary' } },
        },
      },
      ...problems(404, 422),
    },
  });

  return router()
    .openapi(search, async (c) => json(c, await searchCampaigns(deps.search, c.req.valid('query'))))
    .openapi(open, async (c) => {
      const campaign = await openCampaign(app, requestContext(c), c.req.valid('json'));
      return commandResponse(c, app.store, campaign, {
        status: 201,
        location: `/api/v1/campaigns/${campaign.id}`,
      });
    })
    .openapi(provincial, async (c) => {
      const campaign = await openProvincialList(app, requestContext(c), c.req.valid('json'));
      return commandResponse(c, app.store, campaign, {
        status: 201,
        location: `/api/v1/campaigns/${campaign.id}`,
      });
    })
    .openapi(get, async (c) => entityResponse(c, await getCampaign(app, c.req.valid('param').id)))
    .openapi(
      actionRoute({
        tag: 'campaigns',
        verb: 'close',
        summary: '结束征集（平台）',
        who: ['staff'],
        response: CampaignSchema,
      }),
      async (c) =>
        commandResponse(c, app.store, await closeCampaign(app, requestContext(c), c.req.valid('param').id)),
    )
    .openapi(
      bodyActionRoute({
        tag: 'campaigns',
        verb: 'publish',
        summary: '发布清单（平台）：为已审核通过的条目编排序号并发布其需求；再次发布即更正，须带 note',
        who: ['staff'],
        body: publishCampaignListInput,
        required: false,
        response: CampaignSchema,
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        return commandResponse(
          c,
          app.store,
          await publishCampaignList(app, requestContext(c), id, c.req.valid('json')),
        );
      },
    )
    .openapi(
      list,
      async (c): Promise<ApiResponse> =>
        campaignListResponse(c, app, c.req.valid('param').id, c.req.valid('query')),
    );
}
