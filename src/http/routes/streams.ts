import { createRoute, z } from '@hono/zod-openapi';
import { assertMayReadStream } from '../../application/security-log.js';
import type { JsonValue, RecordedEvent } from '../../eventstore/port.js';
import type { HttpDeps } from '../../server/deps.js';
import { json, requestContext } from '../respond.js';
import { access, jsonResponse, problems, router } from '../route.js';

const StreamParams = z.object({
  stream: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'stream', in: 'path' }, example: 'need-0194c4a2-7b1e-7c3a-9f00-3c1d2e4f5a6b' }),
});

const EventsQuery = z.object({
  from: z.coerce
    .number({ error: 'from 须为非负整数' })
    .int('from 须为非负整数')
    .min(0, 'from 须为非负整数')
    .default(0),
  limit: z.coerce
    .number({ error: 'limit 须为1到1000的整数' })
    .int('limit 须为1到1000的整数')
    .min(1, 'limit 须为1到1000的整数')
    .max(1000, 'limit 须为1到1000的整数')
    .default(100),
});

const StreamEventsSchema = z
  .object({
    stream: z.string(),
    events: z.array(
      z.object({
        id: z.string(),
        type: z.string(),
        revision: z.number().int(),
        position: z.number().int(),
        time: z.string(),
        data: z.record(z.string(), z.unknown()),
        metadata: z.record(z.string(), z.unknown()),
      }),
    ),
    next: z.number().int().nullable().openapi({ description: '下一页的 from；没有更多时为 null' }),
  })
  .openapi('StreamEvents');

const SECRET_FIELDS = new Set(['passwordHash']);

/** Audit readers see who did what, never a password hash. */
function redacted(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(redacted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, SECRET_FIELDS.has(key) ? '[redacted]' : redacted(v)]),
  );
}

const eventJson = (event: RecordedEvent) => ({
  id: event.id,
  type: event.type,
  revision: event.revision,
  position: event.position,
  time: event.time.toISOString(),
  data: redacted(event.data),
  metadata: redacted(event.metadata),
});

/** `GET /api/v1/streams/{stream}/events` (staff): the audit trail of any stream, page by page. */
export function streamsRouter(deps: HttpDeps) {
  const route = createRoute({
    method: 'get',
    path: '/{stream}/events',
    tags: ['audit'],
    summary: '审计：读取一个事件流（平台），含每个事件的操作人、时间与关联请求',
    ...access(['staff']),
    request: { params: StreamParams, query: EventsQuery },
    responses: { 200: jsonResponse(StreamEventsSchema, '事件，按流内版本升序'), ...problems(401, 403, 422) },
  });
  return router().openapi(route, async (c) => {
    const { stream } = c.req.valid('param');
    const { from, limit } = c.req.valid('query');
    await assertMayReadStream(deps.app, requestContext(c), stream);
    const events = await deps.app.store.readStream(stream, {
      fromRevision: BigInt(from),
      maxCount: limit + 1,
    });
    const page = events.slice(0, limit);
    const next = events.length > limit ? from + limit : null;
    return json(c, { stream, events: page.map(eventJson), next });
  });
}
