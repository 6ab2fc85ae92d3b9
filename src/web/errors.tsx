import type { ErrorHandler, MiddlewareHandler } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Role } from '../domain/shared/actor.js';
import { DomainError } from '../domain/shared/errors.js';
import { EventStoreUnavailableError, WrongExpectedVersionError } from '../eventstore/port.js';
import { httpMessages } from '../http/messages.js';
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
 * The pages' own error handler: the same errors the API turns into problem+json become a page in
 * Chinese. Validation errors never get here: form handlers re-render the form with them.
 */
export function webErrorHandler(logger: Logger): ErrorHandler<WebEnv> {
  return (error, c) => {
    if (error instanceof DomainError) {
      if (error.status === 401) return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
      return errorPage(c, error.status === 422 ? 422 : error.status, error.message);
    }
    if (error instanceof WrongExpectedVersionError) return errorPage(c, 409, httpMessages.concurrentUpdate);
    if (error instanceof EventStoreUnavailableError) return errorPage(c, 503, httpMessages.unavailable);
    const requestId = c.get('requestId') ?? '';
    logger.error({ err: error, requestId, method: c.req.method, path: c.req.path }, 'page failed');
    return errorPage(c, 500, webMessages.serverError(requestId));
  };
}
