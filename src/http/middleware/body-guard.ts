import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { HttpEnv } from '../../server/env.js';
import { httpMessages } from '../../server/messages.js';
import { problemResponse } from '../problem.js';

export const MAX_BODY_BYTES = 1024 * 1024;

const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

export interface BodyGuardOptions {
  maxBytes?: number;
  /**
   * Paths (a prefix, or a pattern for paths with ids) whose routes take another body (a multipart upload)
   * and check its type and size themselves.
   */
  ownBodies?: (string | RegExp)[];
}

function declaresBody(headers: Headers): boolean {
  const length = headers.get('content-length');
  return headers.has('transfer-encoding') || (length !== null && length !== '0');
}

/** Bodies are JSON (415 otherwise) and at most 1 MiB (413); malformed JSON is the validators' 400. */
export function bodyGuard({
  maxBytes = MAX_BODY_BYTES,
  ownBodies = [],
}: BodyGuardOptions = {}): MiddlewareHandler<HttpEnv> {
  const size = bodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      problemResponse(c, {
        status: 413,
        code: 'payload_too_large',
        detail: httpMessages.payloadTooLarge(maxBytes),
      }),
  });
  return async (c, next) => {
    const own = (path: string | RegExp) =>
      typeof path === 'string'
        ? c.req.path === path || c.req.path.startsWith(`${path}/`)
        : path.test(c.req.path);
    if (ownBodies.some(own)) return next();
    if (declaresBody(c.req.raw.headers)) {
      const essence = (c.req.header('content-type') ?? '').split(';')[0]!.trim();
      if (!JSON_MEDIA_TYPE.test(essence)) {
        return problemResponse(c, {
          status: 415,
          code: 'unsupported_media_type',
          detail: httpMessages.unsupportedMediaType,
        });
      }
    }
    return size(c, next);
  };
}
