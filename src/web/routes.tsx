import { Hono, type MiddlewareHandler } from 'hono';
import type { EventStore } from '../eventstore/port.js';
import type { ProjectionStatus } from '../projections/status.js';
import type { HttpDeps } from '../server/deps.js';
import { READ_YOUR_WRITES_TIMEOUT_MS } from '../server/read-your-writes.js';
import { cityDirectoryPerRequest } from './city-names.js';
import type { WebDeps } from './deps.js';
import type { WebEnv } from './env.js';
import { errorPage, webErrorHandler } from './errors.js';
import { webMessages } from './messages.js';
import { auditPages } from './pages/admin/audit.js';
import { addedCityPages } from './pages/admin/cities.js';
import { dashboardPage } from './pages/admin/dashboard.js';
import { expertPages } from './pages/admin/experts.js';
import { matchRoundPages } from './pages/admin/match-rounds.js';
import { organizationPages } from './pages/admin/orgs.js';
import { reviewPage } from './pages/admin/review.js';
import { staffPages } from './pages/admin/staff.js';
import { userPages } from './pages/admin/users.js';
import { authPages } from './pages/auth.js';
import { campaignPages } from './pages/campaigns.js';
import { engagementPages } from './pages/engagements.js';
import { exportPages } from './pages/exports.js';
import { historyPages } from './pages/history.js';
import { invitationPages } from './pages/invitations.js';
import { myDataPages } from './pages/my-data.js';
import { needAssessPage } from './pages/need-assess.js';
import { racePages } from './pages/need-race.js';
import { needPages } from './pages/needs.js';
import { notificationSettingsPages } from './pages/notification-settings.js';
import { notificationPages, unreadCount } from './pages/notifications.js';
import { casePages } from './pages/public/cases.js';
import { homePage } from './pages/public/home.js';
import { policyPages } from './pages/public/policies.js';
import { rankingsPage } from './pages/public/rankings.js';
import { searchPages } from './pages/public/search.js';
import { vendorDirectoryPages } from './pages/public/vendor-directory.js';
import { vendorPages } from './pages/public/vendors.js';
import { questionPages } from './pages/questions.js';
import { reviewPages } from './pages/reviews.js';
import { securityLogPages } from './pages/security-log.js';
import { contactPage } from './pages/site/contact.js';
import { displayModePages } from './pages/site/display-mode.js';
import { sitemapPage } from './pages/site/sitemap.js';
import { solutionPages } from './pages/solutions.js';
import { subscriptionPages } from './pages/subscriptions.js';
import { webhookPages } from './pages/webhooks.js';
import { workspacePages } from './pages/workspace.js';
import { csrf } from './session/csrf.js';
import { readFlash } from './session/flash.js';
import { session } from './session/session.js';
import { siteIdentity } from './site.js';
import { registerStatic } from './static.js';

/** Paths served by other parts of the app, which the pages' session and CSRF checks must leave alone. */
const NOT_PAGES = ['/api/', '/healthz', '/readyz', '/metrics', '/docs', '/openapi.json', '/static/'];

function isPagePath(path: string): boolean {
  return !NOT_PAGES.some((prefix) => path.startsWith(prefix));
}

function pagesOnly(middleware: MiddlewareHandler<WebEnv>): MiddlewareHandler<WebEnv> {
  return (c, next) => (isPagePath(c.req.path) ? middleware(c, next) : next());
}

/**
 * Post/redirect/get with read-your-writes: after a form's command succeeded (it redirects), wait until the
 * projections have caught up with the store, up to the API's own 2 s, so that the page the browser lands
 * on lists what was just written.
 */
function settleAfterCommand(projections: ProjectionStatus, store: EventStore): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    await next();
    if (c.req.method !== 'POST' || c.res.status !== 303) return;
    await projections.waitFor(await store.headPosition(), READ_YOUR_WRITES_TIMEOUT_MS);
  };
}

/**
 * The server-rendered site for the three user groups, mounted at `/` by the server next to the API. Pages
 * call the same application services, entity views and queries as the API; sessions are cookies holding
 * the API's own signed token.
 */
export function webRoutes(http: HttpDeps): Hono<WebEnv> {
  const deps: WebDeps = {
    http,
    app: http.app,
    views: http.views,
    matching: http.matching,
    matchRounds: http.matchRounds,
  };
  const web = new Hono<WebEnv>();
  web.onError(webErrorHandler(http.app.logger));
  registerStatic(web);
  web.use(
    '*',
    pagesOnly(session(http)),
    pagesOnly(unreadCount(http.inbox)),
    pagesOnly(csrf({ onFailure: (c) => errorPage(c, 403, webMessages.csrfFailed) })),
    pagesOnly(readFlash()),
    pagesOnly(siteIdentity(http.site)),
    pagesOnly(settleAfterCommand(http.projections, http.app.store)),
    pagesOnly(cityDirectoryPerRequest(http.app.store)),
  );
  for (const pages of [
    homePage,
    authPages,
    workspacePages,
    needPages,
    racePages,
    needAssessPage,
    solutionPages,
    engagementPages,
    searchPages,
    campaignPages,
    casePages,
    vendorPages,
    dashboardPage,
    reviewPage,
    organizationPages,
    userPages,
    staffPages,
    expertPages,
    matchRoundPages,
    auditPages,
    addedCityPages,
    historyPages,
    exportPages,
    securityLogPages,
    vendorDirectoryPages,
    rankingsPage,
    notificationPages,
    notificationSettingsPages,
    myDataPages,
    invitationPages,
    questionPages,
    reviewPages,
    subscriptionPages,
    webhookPages,
    sitemapPage,
    contactPage,
    displayModePages,
    policyPages,
  ]) {
    web.route('/', pages(deps));
  }
  // A page path no page answers: a page in Chinese, with the visitor's own navigation, not problem+json.
  web.all('*', (c, next) => (isPagePath(c.req.path) ? errorPage(c, 404, webMessages.pageNotFound) : next()));
  return web;
}
