import { z } from '@hono/zod-openapi';
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { classifyError } from '../application/errors/classify.js';
import type { FieldError } from '../domain/shared/errors.js';
import type { Logger } from '../logger.js';
import type { HttpEnv } from '../server/env.js';
import { httpMessages, statusTitles } from '../server/messages.js';

/** RFC 9457 problem details, with our stable `code` and the request id as extension members. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    instance: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');

export type Problem = z.infer<typeof ProblemSchema>;

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemInput {
  status: ContentfulStatusCode;
  code: string;
  detail: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

/** Takes any context: some callers (hono's bodyLimit) hand over one without our variables' types. */
export function problemResponse(c: Context, input: ProblemInput): Response {
  const requestId: string = c.get('requestId') ?? '';
  const body: Problem = {
    type: `urn:yunsupei:problem:${input.code}`,
    title: statusTitles[input.status] ?? String(input.status),
    status: input.status,
    detail: input.detail,
    code: input.code,
    instance: c.req.path,
    requestId,
    ...(input.errors ? { errors: input.errors } : {}),
  };
  return c.body(JSON.stringify(body), input.status, {
    ...input.headers,
    'Content-Type': PROBLEM_CONTENT_TYPE,
    'X-Request-Id': requestId,
  });
}

function httpExceptionProblem(error: HTTPException): ProblemInput {
  switch (error.status) {
    case 400:
      return error.message.includes('JSON')
        ? { status: 400, code: 'malformed_json', detail: httpMessages.malformedJson }
        : { status: 400, code: 'bad_request', detail: httpMessages.badRequest };
    case 415:
      return { status: 415, code: 'unsupported_media_type', detail: httpMessages.unsupportedMediaType };
    default:
      return {
        status: error.status,
        code: `http_${error.status}`,
        detail: statusTitles[error.status] ?? error.message,
      };
  }
}

/**
 * The one place where any thrown error becomes problem+json, as classifyError says; the server's own
 * failures are logged, never echoed.
 */
export function onError(logger: Logger): ErrorHandler<HttpEnv> {
  return (error, c) => {
    if (error instanceof HTTPException) return problemResponse(c, httpExceptionProblem(error));
    const requestId = c.get('requestId') ?? '';
    const classified = classifyError(error, {
      requestId,
      namedRevision: c.get('expectedRevision') !== undefined,
    });
    if (classified.ours) {
      const failure = { err: error, requestId, method: c.req.method, path: c.req.path };
      if (classified.status === 500) logger.error(failure, 'unhandled error');
      else logger.warn(failure, 'back end failed');
    }
    return problemResponse(c, {
      status: classified.status,
      code: classified.code,
      detail: classified.message,
      ...(classified.errors ? { errors: classified.errors } : {}),
    });
  };
}

export const notFound: NotFoundHandler<HttpEnv> = (c) =>
  problemResponse(c, {
    status: 404,
    code: 'route.not_found',
    detail: httpMessages.routeNotFound(c.req.method, c.req.path),
  });
