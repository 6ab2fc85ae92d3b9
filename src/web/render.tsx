import type { Context } from 'hono';
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RequestContext } from '../application/deps.js';
import { requestClient } from '../server/client-ip.js';
import { Layout } from './components/layout.js';
import { isElderMode } from './display-mode.js';
import type { Flash, SessionUser, WebEnv } from './env.js';
import { setFlash } from './session/flash.js';
import { siteOf } from './site.js';

export type WebContext = Context<WebEnv>;

/** A whole page in the site layout; every text in `body` is escaped by hono/jsx unless wrapped in raw(). */
export function page(
  c: WebContext,
  title: string,
  body: Child,
  status: ContentfulStatusCode = 200,
  options: { refreshSeconds?: number } = {},
) {
  return c.html(
    html`<!doctype html>${(
      <Layout
        title={title}
        user={c.get('user')}
        csrfToken={c.get('csrfToken')}
        flash={c.get('flash')}
        path={c.req.path}
        returnTo={c.req.path + new URL(c.req.url).search}
        elder={isElderMode(c)}
        site={siteOf(c)}
        unread={c.get('unread') ?? 0}
        {...(options.refreshSeconds ? { refreshSeconds: options.refreshSeconds } : {})}
      >
        {body}
      </Layout>
    )}`,
    status,
    { 'Cache-Control': 'no-store' },
  );
}

/** Post/redirect/get: a command's outcome is shown on the page it lands on. */
export function redirectWith(c: WebContext, to: string, flash?: Flash): Response {
  if (flash) setFlash(c, flash);
  return c.redirect(to, 303);
}

/** Who acts, for the application services: the page's session, under the request's id. */
export function requestContext(c: WebContext): RequestContext {
  return { actor: c.get('actor'), correlationId: c.get('requestId'), client: requestClient(c) };
}

const REVISION = /^\d{1,12}$/;

/**
 * With the revision an edit form was rendered from (its hidden `revision` field), so that saving over
 * someone else's change is refused rather than silently overwriting it.
 */
export function requestContextAt(c: WebContext, revision: unknown): RequestContext {
  const ctx = requestContext(c);
  return typeof revision === 'string' && REVISION.test(revision)
    ? { ...ctx, expectedRevision: BigInt(revision) }
    : ctx;
}

export function currentUser(c: WebContext): SessionUser {
  const user = c.get('user');
  if (!user) throw new Error('page reached without a signed-in user: guard it with requireUser');
  return user;
}
