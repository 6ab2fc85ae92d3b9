/**
 * Where the time of bench/search-http.bench.ts goes, without sockets: the same store (2,000 published needs),
 * the same keyword requests with a city filter, sent to the product's Hono app in-process (`app.fetch`) and
 * to the bare FTS5 endpoint, in turn. Run it under the CPU profiler:
 *
 *   BENCH_DATA_DIR=/tmp/search-profile node --cpu-prof --cpu-prof-dir=/tmp/prof bin/run-ts.js bench/search-http-profile.ts
 *
 * BENCH_DATA_DIR is kept (seeded once, reused by the next run); BENCH_SEARCH_PROFILE_SECONDS (10) per side.
 * With BENCH_SEARCH_PROFILE_OUT, the measured rounds of the product alone are profiled into that file
 * (seeding, projection and start-up left out).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { openRuntime } from '../src/runtime.js';
import { createApp } from '../src/server/app.js';
import { BARE_PATH, withBareEndpoint } from './bare-endpoint.js';
import { projectToHead } from './project-store.js';
import { envCount } from './results.js';
import { keywordRequests, rawSearch } from './search-workload.js';
import { benchDataDir, seededBefore, seedMarketplace } from './seeded-marketplace.js';

const size = {
  needs: envCount('BENCH_SEARCH_HTTP_NEEDS', 2000),
  solutions: envCount('BENCH_SEARCH_HTTP_SOLUTIONS', 200),
  seed: envCount('BENCH_SEED', 20250301),
};
const seconds = envCount('BENCH_SEARCH_PROFILE_SECONDS', 10);
const log = (line: string) => process.stderr.write(`${line}\n`);

const { dir, done } = benchDataDir();
if (!seededBefore(dir, size)) {
  log(`search-http profile: seeding ${size.needs} needs in ${dir}`);
  await seedMarketplace(dir, size);
  await projectToHead(dir);
}
const config = loadConfig({
  ...process.env,
  YUNSUPEI_DATA_DIR: dir,
  YUNSUPEI_SQLITE_SYNCHRONOUS: 'NORMAL',
  YUNSUPEI_RATE_LIMIT: '1000000000',
  YUNSUPEI_AUTH_RATE_LIMIT: '1000000000',
  LOG_LEVEL: 'warn',
});
const runtime = await openRuntime(config, createLogger(config.LOG_LEVEL), { project: true });
const db = new Database(join(dir, 'search.db'), { readonly: true });
const raw = rawSearch(db);
const fetch = withBareEndpoint(createApp(runtime.http).fetch, (request) => raw.prepare(request)());
const queries = keywordRequests(5000, size.seed + 7).map(
  ({ q, city }) => `q=${encodeURIComponent(q)}&city=${city}`,
);

/** Requests per second of CPU time: what a saturated server would answer, whatever else the machine runs. */
async function drive(path: string): Promise<number> {
  const until = performance.now() + seconds * 1000;
  const cpu = process.cpuUsage();
  let n = 0;
  while (performance.now() < until) {
    const response = await fetch(new Request(`http://127.0.0.1${path}?${queries[n % queries.length]}`), {});
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    await response.text();
    n++;
  }
  const { user, system } = process.cpuUsage(cpu);
  return Math.round(n / ((user + system) / 1e6));
}

try {
  // Warm-up, then the measured rounds.
  log(`warm-up ${new Date().toISOString()}`);
  await drive('/api/v1/needs');
  await drive(BARE_PATH);
  log(`measure ${new Date().toISOString()}`);
  const out = process.env.BENCH_SEARCH_PROFILE_OUT;
  const session = new Session();
  if (out) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
  }
  const product = await drive('/api/v1/needs');
  if (out) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(out, JSON.stringify(profile));
    session.disconnect();
  }
  const bare = await drive(BARE_PATH);
  log(
    `search-http profile: product ${product} req/cpu-s, bare ${bare} req/cpu-s, ratio ${(product / bare).toFixed(2)}`,
  );
} finally {
  db.close();
  await runtime.close();
  done();
}
