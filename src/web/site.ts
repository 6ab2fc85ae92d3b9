import type { Context, MiddlewareHandler } from 'hono';
import { DEMO_SITE_IDENTITY, type SiteIdentity } from '../server/site-identity.js';
import type { WebEnv } from './env.js';

/** Puts who runs the site on every page request, for the footer and 联系我们. */
export function siteIdentity(site: SiteIdentity | undefined): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    c.set('site', site ?? DEMO_SITE_IDENTITY);
    await next();
  };
}

/** The site's identity; the demonstration texts on a page rendered outside the pages' middleware. */
export function siteOf(c: Context<WebEnv>): SiteIdentity {
  return c.get('site') ?? DEMO_SITE_IDENTITY;
}
