import type { ErrorHandler, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { classifyError } from '../application/errors/classify.js';
import type { Role } from '../domain/shared/actor.js';
import type { Logger } from '../logger.js';
import type { WebEnv } from './env.js';
import { webMessages } from './messages.js';
import { page, type WebContext } from './render.js';

export function errorPage(c: WebContext, status: ContentfulStatusCode, message: string) {
  const title = status === 404 ? '未找到' : status === 403 ? '无权访问' : '出错了';
  return page(
    c,
    title,
    <section class="card">
      <h1>{title}</h1>
      <p role="alert">{message}</p>
      <p>
        <a href="/">返回首页</a>
      </p>
    </section>,
    status,
  );
}

/** Sign-in first, then the role: an anonymous visitor is sent to the login page and brought back. */
export function requireUser(...roles: Role[]): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (!user) {
      const next = encodeURIComponent(
        c.req.method === 'GET' ? c.req.path + new URL(c.req.url).search : c.req.path,
      );
      return c.redirect(`/login?next=${next}`, 303);
    }
    if (roles.length > 0 && !roles.includes(user.role)) return errorPage(c, 403, webMessages.forbidden);
    return next();
  };
}

/**
 * The pages' own error handler: an error is classified as for the API's problem+json and becomes a page
 * in Chinese. Validation errors seldom get here: form handlers re-render the form with them.
 */
export function webErrorHandler(logger: Logger): ErrorHandler<WebEnv> {
  return (error, c) => {
    const requestId = c.get('requestId') ?? '';
    const classified = classifyError(error, { requestId });
    if (classified.status === 401) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
    if (classified.ours) {
      const failure = { err: error, requestId, method: c.req.method, path: c.req.path };
      if (classified.status === 500) logger.error(failure, 'page failed');
      else logger.warn(failure, 'back end failed');
    }
    return errorPage(c, classified.status, classified.message);
  };
}
