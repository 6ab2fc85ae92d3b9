import type { Context, Env, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/** A form of text fields is a few KB; 1 MiB leaves room for the longest description a listing allows. */
const MAX_FORM_BYTES = 1024 * 1024;

export interface PageBodyLimitOptions<E extends Env> {
  /** The paths it caps; the API limits its own bodies. */
  appliesTo: (path: string) => boolean;
  /** urlencoded (and any other non-multipart) bodies. */
  formBytes?: number;
  /** multipart/form-data: a page that uploads a file gets the upload's own limit. */
  uploadBytes: number;
  /** The answer when a body is over its limit: the status is 413. */
  onTooLarge: (c: Context<E>, limit: number) => Response | Promise<Response>;
}

const MULTIPART = /^multipart\/form-data\s*(;|$)/i;

/**
 * Caps a page's request body before anything parses it (the CSRF check reads the form). A declared
 * Content-Length over the limit is refused at once, without reading; a body without one (chunked) is read
 * only up to the limit. Either way nothing larger than the limit is held in memory.
 */
export function pageBodyLimit<E extends Env>({
  appliesTo,
  formBytes = MAX_FORM_BYTES,
  uploadBytes,
  onTooLarge,
}: PageBodyLimitOptions<E>): MiddlewareHandler<E> {
  const limiter = (maxSize: number) => bodyLimit({ maxSize, onError: (c) => onTooLarge(c, maxSize) });
  const forms = limiter(formBytes);
  const uploads = limiter(uploadBytes);
  return (c, next) => {
    if (!appliesTo(c.req.path)) return next();
    return (MULTIPART.test(c.req.header('content-type') ?? '') ? uploads : forms)(c, next);
  };
}
