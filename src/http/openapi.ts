import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';
import type { HttpEnv } from '../server/env.js';

export const BEARER_SCHEME = 'bearerAuth';

/** What each problem status means, as every route's responses describe it. */
export const problemDescriptions: Record<number, string> = {
  400: '请求格式错误（如 JSON 不合法）',
  401: '未登录或令牌无效',
  403: '无权执行此操作',
  404: '实体不存在',
  409: '与当前状态冲突（code 为领域错误码）',
  412: 'If-Match 与当前版本不符',
  413: '请求体超过 1 MiB',
  415: '请求体不是 application/json',
  422: '数据校验未通过（errors 列出每一项）',
  429: '请求过于频繁',
};

const documentConfig = {
  openapi: '3.1.0',
  info: {
    title: '云速配 API',
    version: '1.0.0',
    description:
      '数字化应用场景需求与解决方案撮合平台。错误均为 RFC 9457 application/problem+json；实体响应带 `ETag: W/"<revision>"`（revision 为实体版本号，' +
      '如 `W/"3"`），修改类请求可带 If-Match；创建类 POST 可带 Idempotency-Key；命令响应带 X-Position，列表类读取可带 ?after= 实现读己之写。',
  },
  servers: [{ url: '/' }],
};

/** `GET /openapi.json` is generated from the very zod schemas the routes validate with. */
export function registerOpenApiDocument(app: OpenAPIHono<HttpEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', BEARER_SCHEME, {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: 'POST /api/v1/auth/token 取得的令牌',
  });
  registerOpsPaths(app);
  let document: unknown;
  app.get('/openapi.json', (c) => {
    document ??= withBodyProblems(app.getOpenAPI31Document(documentConfig));
    return c.json(document);
  });
}

type Operation = { requestBody?: { content?: Record<string, unknown> }; responses?: Record<string, unknown> };

/**
 * The body guard and the JSON parser answer every route that takes a JSON body before the route itself
 * runs (malformed JSON 400, too large 413, not JSON 415): documented once here rather than on each route.
 */
function withBodyProblems<Document extends { paths?: object }>(document: Document): Document {
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(item as object) as (Operation | undefined)[]) {
      if (!operation?.requestBody?.content?.['application/json'] || !operation.responses) continue;
      for (const status of [400, 413, 415]) {
        operation.responses[status] ??= {
          description: problemDescriptions[status],
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        };
      }
    }
  }
  return document;
}

/** The plain (non-API) routes, so that the document lists every route the server answers. */
function registerOpsPaths(app: OpenAPIHono<HttpEnv>): void {
  const ops: [path: string, summary: string, type: string][] = [
    ['/healthz', '进程存活检查', 'application/json'],
    ['/readyz', '就绪检查：事件存储等后端均可达时 200，否则 503', 'application/json'],
    ['/metrics', 'Prometheus 指标', 'text/plain'],
    ['/openapi.json', '本 OpenAPI 3.1 文档', 'application/json'],
    ['/docs', '交互式 API 文档（Swagger UI，本地提供）', 'text/html'],
  ];
  for (const [path, summary, type] of ops) {
    app.openAPIRegistry.registerPath({
      method: 'get',
      path,
      tags: ['ops'],
      summary,
      responses: {
        200: {
          description: summary,
          content: { [type]: { schema: { type: type === 'application/json' ? 'object' : 'string' } } },
        },
        ...(path === '/readyz' ? { 503: { description: '有后端不可达' } } : {}),
      },
    });
  }
}

const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

const assets: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
};

const page = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>云速配 API 文档</title>
<link rel="stylesheet" href="/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/swagger-ui-bundle.js"></script>
<script src="/docs/swagger-ui-standalone-preset.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>`;

// No online validator badge: it would send the document's address to validator.swagger.io, and the
// docs' Content-Security-Policy refuses images from other sites.
const init = `window.ui = SwaggerUIBundle({
  url: '/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  persistAuthorization: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
  layout: 'StandaloneLayout',
  validatorUrl: null,
});`;

/** `GET /docs`: Swagger UI served from node_modules (no CDN), pointed at our own document. */
export function docsRoutes(): Hono<HttpEnv> {
  const app = new Hono<HttpEnv>();
  const cache = new Map<string, Promise<Buffer>>();
  app.get('/docs', (c) => c.html(page));
  app.get('/docs/init.js', (c) => c.body(init, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/docs/:asset', async (c) => {
    const name = c.req.param('asset');
    const type = assets[name];
    if (!type) return c.notFound();
    let file = cache.get(name);
    if (!file) {
      file = readFile(join(swaggerUiDir, name)).catch((error: unknown) => {
        cache.delete(name);
        throw error;
      });
      cache.set(name, file);
    }
    return c.body(new Uint8Array(await file), 200, {
      'Content-Type': type,
      'Cache-Control': 'public, max-age=86400',
    });
  });
  return app;
}
