import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { clientIp } from '../server/client-ip.js';
import type { HttpDeps } from '../server/deps.js';
import type { HttpEnv } from '../server/env.js';
import { httpMessages } from '../server/messages.js';
import { rateLimit } from '../server/rate-limit.js';
import { authenticate } from './auth/authenticate.js';
import { importsRouter } from './imports-router.js';
import { bodyGuard } from './middleware/body-guard.js';
import { ifMatch } from './middleware/if-match.js';
import { docsRoutes, registerOpenApiDocument } from './openapi.js';
import { problemResponse } from './problem.js';
import { ATTACHMENT_UPLOADS, attachmentsRouter } from './routes/attachments.js';
import { authRouter } from './routes/auth.js';
import { campaignsRouter } from './routes/campaigns.js';
import { casesRouter } from './routes/cases.js';
import { withCaseQueries } from './routes/cases-queries.js';
import { cityRankingsRouter } from './routes/city-rankings.js';
import { engagementsRouter } from './routes/engagements.js';
import { withEngagementQueries } from './routes/engagements-queries.js';
import { expertsRouter } from './routes/experts.js';
import { historyRouter } from './routes/history.js';
import { invitationsRouter } from './routes/invitations.js';
import { matchRoundsRouter } from './routes/match-rounds.js';
import { matchesRouter } from './routes/matches.js';
import { meRouter } from './routes/me.js';
import { myDataRouter } from './routes/my-data.js';
import { needsRouter } from './routes/needs.js';
import { withNeedQueries } from './routes/needs-queries.js';
import { notificationSettingsRouter } from './routes/notification-settings.js';
import { notificationsRouter } from './routes/notifications.js';
import { orgsRouter } from './routes/orgs.js';
import { policiesRouter } from './routes/policies.js';
import { questionsRouter } from './routes/questions.js';
import { raceRouter } from './routes/race.js';
import { reviewsRouter } from './routes/reviews.js';
import { securityLogRouter } from './routes/security-log.js';
import { solutionsRouter } from './routes/solutions.js';
import { withSolutionQueries } from './routes/solutions-queries.js';
import { staffRouter } from './routes/staff.js';
import { statsRouter } from './routes/stats.js';
import { streamsRouter } from './routes/streams.js';
import { subscriptionsRouter } from './routes/subscriptions.js';
import { suggestRouter } from './routes/suggest.js';
import { taxonomyRouter } from './routes/taxonomy.js';
import { usersRouter } from './routes/users.js';
import { vendorsRouter } from './routes/vendors.js';
import { webhooksRouter } from './routes/webhooks.js';
import { validationHook } from './validation-hook.js';

const AUTH_ROUTES: ReadonlyArray<readonly [method: string, path: string]> = [
  ['POST', '/api/v1/auth/token'],
  ['POST', '/api/v1/auth/password'],
  ['POST', '/api/v1/auth/password/due'],
  ['POST', '/api/v1/auth/totp/enrollment'],
  ['POST', '/api/v1/auth/totp'],
  ['POST', '/api/v1/orgs'],
  ['POST', '/api/v1/me/cancel'],
];

/** Routes that take a multipart upload and limit its size themselves. */
const OWN_BODIES = ['/api/v1/unsubscribe', '/api/v1/imports', ATTACHMENT_UPLOADS];

const isAuthRoute = (c: Context<HttpEnv>) =>
  AUTH_ROUTES.some(([method, path]) => c.req.method === method && c.req.path === path);

function when(
  test: (c: Context<HttpEnv>) => boolean,
  middleware: MiddlewareHandler<HttpEnv>,
): MiddlewareHandler<HttpEnv> {
  return (c, next) => (test(c) ? middleware(c, next) : next());
}

const tooManyRequests = (c: Context<HttpEnv>, retryAfter: number) =>
  problemResponse(c, {
    status: 429,
    code: 'rate_limited',
    detail: httpMessages.rateLimited(retryAfter),
    headers: { 'Retry-After': String(retryAfter) },
  });

/**
 * The API: its docs, its own middleware on `/api/*` (body limits, rate limits, bearer tokens, If-Match)
 * and its routers. The server (src/server/app.ts) mounts it next to the pages.
 */
export function apiRoutes(deps: HttpDeps): OpenAPIHono<HttpEnv> {
  const app = new OpenAPIHono<HttpEnv>({ defaultHook: validationHook });
  app.route('/', docsRoutes());

  const perIp = (c: Context<HttpEnv>) => `ip:${clientIp(c)}`;
  const limit = (perMinute: number, key: (c: Context<HttpEnv>) => string) =>
    rateLimit({ perMinute, key, refuse: tooManyRequests, now: deps.now });
  app.use(
    '/api/*',
    bodyGuard({ ownBodies: OWN_BODIES }),
    when(isAuthRoute, limit(deps.rateLimits.authPerMinute, perIp)),
    authenticate(deps.tokens, deps.actors),
    when(
      (c) => !isAuthRoute(c),
      limit(deps.rateLimits.perMinute, (c) => c.get('actor').userId ?? perIp(c)),
    ),
    ifMatch(),
  );

  const read = { search: deps.search, projections: deps.projections };
  app.route('/api/v1/auth', authRouter(deps));
  app.route('/api/v1/orgs', orgsRouter(deps));
  app.route('/api/v1/users', usersRouter(deps));
  app.route('/api/v1/staff', staffRouter(deps));
  app.route('/api/v1/me', meRouter(deps));
  app.route('/api/v1/me/notifications', notificationsRouter(deps));
  app.route('/api/v1', notificationSettingsRouter(deps));
  app.route('/api/v1', myDataRouter(deps));
  app.route('/api/v1', webhooksRouter(deps));
  app.route('/api/v1/me/subscriptions', subscriptionsRouter(deps));
  app.route(
    '/api/v1/needs',
    withNeedQueries(needsRouter(deps), { ...read, views: deps.views, titles: deps.titles }),
  );
  app.route(
    '/api/v1/solutions',
    withSolutionQueries(solutionsRouter(deps), { ...read, titles: deps.titles }),
  );
  app.route('/api/v1', withEngagementQueries(engagementsRouter(deps), read));
  app.route('/api/v1', invitationsRouter(deps));
  app.route('/api/v1', questionsRouter(deps));
  app.route('/api/v1', raceRouter(deps));
  app.route('/api/v1', reviewsRouter(deps));
  app.route('/api/v1/experts', expertsRouter(deps));
  app.route('/api/v1/campaigns', campaignsRouter(deps));
  app.route('/api/v1', withCaseQueries(casesRouter(deps), read));
  app.route('/api/v1/vendors', vendorsRouter(read));
  app.route('/api/v1/stats', statsRouter(read));
  app.route('/api/v1/stats', cityRankingsRouter({ ...read, store: deps.app.store }));
  app.route('/api/v1/taxonomy', taxonomyRouter(deps));
  app.route('/api/v1/policies', policiesRouter());
  app.route('/api/v1/suggest', suggestRouter(deps));
  app.route('/api/v1/imports', importsRouter(deps));
  app.route('/api/v1', attachmentsRouter(deps));
  app.route('/api/v1/streams', streamsRouter(deps));
  app.route('/api/v1', historyRouter(deps));
  app.route('/api/v1', securityLogRouter(deps));
  app.route('/api/v1', matchesRouter({ ...read, matching: deps.matching }));
  app.route(
    '/api/v1',
    matchRoundsRouter({ app: deps.app, rounds: deps.matchRounds, projections: deps.projections }),
  );

  registerOpenApiDocument(app);
  return app;
}
