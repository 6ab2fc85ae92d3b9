/**
 * The server the HTTP benchmark loads, in its own process so that autocannon does not share its event loop:
 * the product as `startServer` builds it (runtime with the inline projector, createApp), on 127.0.0.1 with
 * an ephemeral port, plus one trivial route, `GET /bench/ping`, behind the same middleware, as the ceiling
 * of what Hono and Node serve on this machine. The route exists only in this process.
 *
 * Started by bench/http.bench.ts with an IPC channel: sends `{ port, warmUpMs }` when listening (after building
 * the matching statistics, in warmUpMs), stops on `stop`.
 */
import { serve } from '@hono/node-server';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openRuntime } from '../src/runtime.js';
import { createApp } from '../src/server/app.js';

const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir || !process.send)
  throw new Error('run by bench/http.bench.ts with BENCH_DATA_DIR and an IPC channel');

const config = loadConfig({
  ...process.env,
  YUNSUPEI_DATA_DIR: dataDir,
  HOST: '127.0.0.1',
  PORT: '0',
  YUNSUPEI_SQLITE_SYNCHRONOUS: 'NORMAL',
  // The benchmark is one client hammering the API: the per-client limits would answer 429s and nothing else.
  YUNSUPEI_RATE_LIMIT: '1000000000',
  YUNSUPEI_AUTH_RATE_LIMIT: '1000000000',
  // The bench signs its staff account in by password alone: an authenticator would have it enroll first.
  YUNSUPEI_STAFF_MFA: 'off',
  LOG_LEVEL: 'warn',
});
const logger = createLogger(config.LOG_LEVEL);
const runtime = await openRuntime(config, logger, { project: true });
const app = createApp(runtime.http);
app.get('/bench/ping', (c) => c.text('pong'));

// As `yunsupei serve` does in the background after it listens; awaited here so that the matches figures
// measure requests, not the one-off build of the corpus statistics.
const warmUpStarted = performance.now();
await runtime.http.matching.warmUp();
const warmUpMs = Math.round(performance.now() - warmUpStarted);

const server = serve({ fetch: app.fetch, hostname: config.HOST, port: 0 }, (info) => {
  process.send!({ port: info.port, warmUpMs });
});

process.on('message', async (message) => {
  if (message !== 'stop') return;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await runtime.close();
  process.exit(0);
});
