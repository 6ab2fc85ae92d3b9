/**
 * The server bench/search-http.bench.ts loads: the product as bench/http-server.ts starts it, plus
 * `GET /bench/fts?q=&city=`, a bare endpoint that runs the same FTS5 search (match, city and status filter,
 * facet counts, bm25 page of 20) as hand-written SQL on its own read-only connection to the same search.db
 * (rawSearch in bench/search-workload.ts) and answers its JSON: what the product's search costs without its
 * layers. The route exists only in this process.
 *
 * Started with an IPC channel: sends `{ port }` when listening, stops on `stop`.
 */
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openRuntime } from '../src/runtime.js';
import { createApp } from '../src/server/app.js';
import { withBareEndpoint } from './bare-endpoint.js';
import { rawSearch } from './search-workload.js';

const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir || !process.send)
  throw new Error('run by bench/search-http.bench.ts with BENCH_DATA_DIR and an IPC channel');

const config = loadConfig({
  ...process.env,
  YUNSUPEI_DATA_DIR: dataDir,
  HOST: '127.0.0.1',
  PORT: '0',
  YUNSUPEI_SQLITE_SYNCHRONOUS: 'NORMAL',
  // One client hammering the API: the per-client limits would answer 429s and nothing else.
  YUNSUPEI_RATE_LIMIT: '1000000000',
  YUNSUPEI_AUTH_RATE_LIMIT: '1000000000',
  LOG_LEVEL: 'warn',
});
const logger = createLogger(config.LOG_LEVEL);
const runtime = await openRuntime(config, logger, { project: true });
const app = createApp(runtime.http);

const db = new Database(join(dataDir, 'search.db'), { readonly: true });
const raw = rawSearch(db);
const server = serve(
  {
    fetch: withBareEndpoint(app.fetch, (request) => raw.prepare(request)()),
    hostname: config.HOST,
    port: 0,
  },
  (info) => {
    process.send!({ port: info.port });
  },
);

process.on('message', async (message) => {
  if (message !== 'stop') return;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  db.close();
  await runtime.close();
  process.exit(0);
});
