import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppDeps } from '../application/deps.js';
import type { MatchRoundService } from '../application/match-round-service.js';
import type { MatchingService } from '../application/matching-service.js';
import { zhErrorMap } from '../domain/shared/validation.js';
import type { Metrics } from '../metrics/metrics.js';
import type { ProjectionStatus } from '../projections/status.js';
import type { SearchIndex } from '../search/port.js';
import type { WebContext } from '../web/render.js';
import { isPagePath, pageNotFound, webRoutes } from '../web/routes.js';
import { type ActorLookup, authenticate } from './auth/authenticate.js';
import type { TokenSigner } from './auth/token.js';
import { clientIp } from './client-ip.js';
import type { HttpEnv } from './env.js';
import { healthRoutes, type ReadinessCheck } from './health.js';
import { importsRouter } from './imports-router.js';
import { httpMetrics, metricsRoutes } from './metrics.js';
import { bodyGuard } from './middleware/body-guard.js';
import { ifMatch } from './middleware/if-match.js';
import { rateLimit } from './middleware/rate-limit.js';
import { requestId } from './middleware/request-id.js';
import { docsRoutes, registerOpenApiDocument } from './openapi.js';
import { notFound, onError } from './problem.js';
import { authRouter } from './routes/auth.js';
import { campaignsRouter } from './routes/campaigns.js';
import { casesRouter } from './routes/cases.js';
import { withCaseQueries } from './routes/cases-queries.js';
import { engagementsRouter } from './routes/engagements.js';
import { withEngagementQueries } from './routes/engagements-queries.js';
import { matchRoundsRouter } from './routes/match-rounds.js';
import { matchesRouter } from './routes/matches.js';
import { needsRouter } from './routes/needs.js';
import { withNeedQueries } from './routes/needs-queries.js';
import { orgsRouter } from './routes/orgs.js';
import { solutionsRouter } from './routes/solutions.js';
import { withSolutionQueries } from './routes/solutions-queries.js';
import { statsRouter } from './routes/stats.js';
import { streamsRouter } from './routes/streams.js';
import { vendorsRouter } from './routes/vendors.js';
import { validationHook } from './validation-hook.js';

export interface RateLimits {
  /** Per client IP on the routes that take passwords (token, registration). */
  authPerMinute: number;
  /** Per signed-in user, or per IP for anonymous callers, on every other API route. */
  perMinute: number;
}

/** Everything the HTTP layer works with; the runtime builds it, tests build their own. */
export interface HttpDeps {
  app: AppDeps;
  tokens: TokenSigner;
  /** Who a token's user is now (role, org), or null when unknown or disabled; cache it. */
  actors: ActorLookup;
  projections: ProjectionStatus;
  /** The read models behind lists, search, facets, stats and matches. */
  search: SearchIndex;
  /** 云速配: one per process, it keeps corpus statistics of the published listings. */
  matching: MatchingService;
  matchRounds: MatchRoundService;
  metrics: Metrics;
  readiness: ReadinessCheck[];
  rateLimits: RateLimits;
  /** The rate limiter's time source (monotonic enough; tests pass their own). */
  now?: () => number;
}

const AUTH_ROUTES: ReadonlyArray<readonly [method: string, path: string]> = [
  ['POST', '/api/v1/auth/token'],
  ['POST', '/api/v1/orgs'],
];

/** Routes that take a multipart upload and limit its size themselves. */
const OWN_BODIES = ['/api/v1/imports'];

const isAuthRoute = (c: Context<HttpEnv>) =>
  AUTH_ROUTES.some(([method, path]) => c.req.method === method && c.req.path === path);

function when(
  test: (c: Context<HttpEnv>) => boolean,
  middleware: MiddlewareHandler<HttpEnv>,
): MiddlewareHandler<HttpEnv> {
  return (c, next) => (test(c) ? middleware(c, next) : next());
}

export function createApp(deps: HttpDeps): OpenAPIHono<HttpEnv> {
  // Zod's own wording for the issues our schemas do not word themselves (missing field, wrong type): Chinese.
  z.config({ customError: zhErrorMap });
  const { logger } = deps.app;
  const app = new OpenAPIHono<HttpEnv>({ defaultHook: validationHook });
  app.onError(onError(logger));
  app.notFound((c) => (isPagePath(c.req.path) ? pageNotFound(c as unknown as WebContext) : notFound(c)));

  app.use('*', requestId(), httpMetrics(deps.metrics));
  app.route('/', healthRoutes(deps.readiness));
  app.route('/', metricsRoutes(deps.metrics));
  app.route('/', docsRoutes());

  const perIp = (c: Context<HttpEnv>) => `ip:${clientIp(c)}`;
  app.use(
    '/api/*',
    bodyGuard({ ownBodies: OWN_BODIES }),
    when(isAuthRoute, rateLimit({ perMinute: deps.rateLimits.authPerMinute, key: perIp, now: deps.now })),
    authenticate(deps.tokens, deps.actors),
    when(
      (c) => !isAuthRoute(c),
      rateLimit({
        perMinute: deps.rateLimits.perMinute,
        key: (c) => c.get('actor').userId ?? perIp(c),
        now: deps.now,
      }),
    ),
    ifMatch(),
  );

  const read = { search: deps.search, projections: deps.projections };
  app.route('/api/v1/auth', authRouter(deps));
  app.route('/api/v1/orgs', orgsRouter(deps));
  app.route('/api/v1/needs', withNeedQueries(needsRouter(deps), { ...read, app: deps.app }));
  app.route('/api/v1/solutions', withSolutionQueries(solutionsRouter(deps), read));
  app.route('/api/v1', withEngagementQueries(engagementsRouter(deps), read));
  app.route('/api/v1/campaigns', campaignsRouter(deps));
  app.route('/api/v1', withCaseQueries(casesRouter(deps), read));
  app.route('/api/v1/vendors', vendorsRouter(read));
  app.route('/api/v1/stats', statsRouter(read));
  app.route('/api/v1/imports', importsRouter(deps));
  app.route('/api/v1/streams', streamsRouter(deps));
  app.route('/api/v1', matchesRouter({ ...read, matching: deps.matching }));
  app.route(
    '/api/v1',
    matchRoundsRouter({ app: deps.app, rounds: deps.matchRounds, projections: deps.projections }),
  );

  registerOpenApiDocument(app);
  app.route('/', webRoutes({ http: deps, matching: deps.matching, matchRounds: deps.matchRounds }));
  return app;
}
