import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { zhErrorMap } from '../domain/shared/validation.js';
import { apiRoutes } from '../http/app.js';
import { MAX_IMPORT_BODY_BYTES } from '../http/imports-router.js';
import { httpMetrics, metricsRoutes } from '../http/metrics.js';
import { notFound, onError } from '../http/problem.js';
import { MAX_ATTACHMENT_BODY_BYTES } from '../http/routes/attachments.js';
import type { WebEnv } from '../web/env.js';
import { errorPage } from '../web/errors.js';
import { webRoutes } from '../web/routes.js';
import type { HttpDeps } from './deps.js';
import type { HttpEnv } from './env.js';
import { healthRoutes } from './health.js';
import { httpMessages } from './messages.js';
import { pageBodyLimit } from './middleware/body-limit.js';
import { securityHeaders } from './middleware/security-headers.js';
import { requestId } from './request-id.js';

/**
 * The one place that knows both the API and the pages: what every request goes through (request id,
 * metrics), the probes, then the API and the pages side by side. The pages answer a page path no page
 * serves with a page of their own; any other path nobody answers gets problem+json.
 */
export function createApp(deps: HttpDeps): OpenAPIHono<HttpEnv> {
  // Zod's own wording for the issues our schemas do not word themselves (missing field, wrong type): Chinese.
  z.config({ customError: zhErrorMap });
  const app = new OpenAPIHono<HttpEnv>();
  app.onError(onError(deps.app.logger));
  app.notFound(notFound);

  app.use('*', requestId(), httpMetrics(deps.metrics), securityHeaders());
  // Every body outside the API (which limits its own) is capped before the pages' CSRF check reads it.
  app.use(
    '*',
    pageBodyLimit<WebEnv>({
      appliesTo: (path) => !path.startsWith('/api/'),
      uploadBytes: Math.max(MAX_IMPORT_BODY_BYTES, MAX_ATTACHMENT_BODY_BYTES),
      onTooLarge: (c, limit) => errorPage(c, 413, httpMessages.formTooLarge(limit)),
    }),
  );
  app.route('/', healthRoutes(deps.readiness));
  app.route('/', metricsRoutes(deps.metrics, { token: deps.metricsToken }));
  app.route('/', apiRoutes(deps));
  app.route('/', webRoutes(deps));
  return app;
}
