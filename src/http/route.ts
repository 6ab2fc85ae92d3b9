import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../domain/shared/actor.js';
import type { HttpEnv } from '../server/env.js';
import { requireRole } from './auth/authenticate.js';
import { BEARER_SCHEME, problemDescriptions } from './openapi.js';
import { PROBLEM_CONTENT_TYPE, ProblemSchema } from './problem.js';
import { validationHook } from './validation-hook.js';

/**
 * Who may call a route, declared with the route: `public`, any signed-in user, or the roles named.
 * It becomes the route's guard middleware, its `security` in the OpenAPI document and `x-roles`.
 * Finer rules (the owner org only) are the domain's, which answers 403 itself.
 */
export type Access = 'public' | 'signed-in' | readonly Role[];

export function access(who: Access, ...then: MiddlewareHandler<HttpEnv>[]) {
  if (who === 'public') return { 'x-roles': ['public'], middleware: then };
  const roles = who === 'signed-in' ? [] : [...who];
  return {
    security: [{ [BEARER_SCHEME]: [] }],
    'x-roles': roles.length > 0 ? roles : ['signed-in'],
    middleware: [requireRole(...roles), ...then],
  };
}

export function problems(...statuses: number[]) {
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      {
        description: problemDescriptions[status] ?? String(status),
        content: { [PROBLEM_CONTENT_TYPE]: { schema: ProblemSchema } },
      },
    ]),
  );
}

/** A JSON request body; an optional one (`required: false`) reads as `{}` when absent. */
export function jsonBody<Schema extends z.ZodType>(schema: Schema, required = true) {
  return { required, content: { 'application/json': { schema } } } as const;
}

export function jsonResponse<Schema extends z.ZodType>(schema: Schema, description: string) {
  return { description, content: { 'application/json': { schema } } };
}

export const IdParams = z.object({
  id: z
    .string()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, example: '0194c4a2-7b1e-7c3a-9f00-3c1d2e4f5a6b' }),
});

export const IfMatchHeaders = z.object({
  'If-Match': z
    .string()
    .optional()
    .openapi({ param: { in: 'header' }, description: '实体的 ETag，如 W/"3"；不符则 412', example: 'W/"3"' }),
});

export const IdempotencyHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .optional()
    .openapi({
      param: { in: 'header' },
      description: '同一键与同一请求体重放首个成功响应；同一键配另一请求体则 422',
    }),
});

/** Every entity response: the state's own fields plus these. */
export function entitySchema<Shape extends z.ZodRawShape>(name: string, shape: Shape) {
  return z
    .object({ id: z.string(), status: z.string(), revision: z.number().int(), ...shape })
    .loose()
    .openapi(name);
}

/** A router for one entity; its validation failures answer 422 like every other route's. */
export function router(): OpenAPIHono<HttpEnv> {
  return new OpenAPIHono<HttpEnv>({ defaultHook: validationHook });
}

/** `POST /{id}/<verb>` without a body: a state transition of one entity, honouring If-Match. */
export function actionRoute<Schema extends z.ZodType>(options: {
  tag: string;
  verb: string;
  summary: string;
  who: Access;
  response: Schema;
  /** Where the router sits below its mount point, e.g. `/engagements`. */
  prefix?: string;
}) {
  return createRoute({
    method: 'post',
    path: `${options.prefix ?? ''}/{id}/${options.verb}`,
    tags: [options.tag],
    summary: options.summary,
    ...access(options.who),
    request: { params: IdParams, headers: IfMatchHeaders },
    responses: {
      200: jsonResponse(options.response, '操作后的实体'),
      ...problems(401, 403, 404, 409, 412, 429),
    },
  });
}

/** `POST /{id}/<verb>` with a JSON body: a state transition with its arguments, honouring If-Match. */
export function bodyActionRoute<Body extends z.ZodType, Schema extends z.ZodType>(options: {
  tag: string;
  verb: string;
  summary: string;
  who: Access;
  body: Body;
  /** False when every field is optional and the body may be left out. */
  required?: boolean;
  response: Schema;
  prefix?: string;
}) {
  return createRoute({
    method: 'post',
    path: `${options.prefix ?? ''}/{id}/${options.verb}`,
    tags: [options.tag],
    summary: options.summary,
    ...access(options.who),
    request: {
      params: IdParams,
      headers: IfMatchHeaders,
      body: jsonBody(options.body, options.required ?? true),
    },
    responses: {
      200: jsonResponse(options.response, '操作后的实体'),
      ...problems(400, 401, 403, 404, 409, 412, 413, 415, 422, 429),
    },
  });
}
