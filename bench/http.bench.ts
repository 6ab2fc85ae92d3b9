/**
 * Proof under load: autocannon against the real server (bench/http-server.ts, a child process on
 * 127.0.0.1) on a store of BENCH_NEEDS needs and BENCH_SOLUTIONS solutions (100k + 100k), projected.
 * Endpoints: keyword search with a city as the public sends it (a different query each request, from the
 * search benchmark's set), need detail and need matches as staff ask for them (a different need each
 * request; both need a signed-in user); next to
 * `GET /bench/ping` on the same server, the ceiling. Each endpoint runs BENCH_HTTP_RUNS times (3) for
 * BENCH_HTTP_SECONDS (8) with BENCH_HTTP_CONNECTIONS (10) and at most BENCH_HTTP_MAX_REQUESTS (50,000)
 * requests; figures are the medians of req/s and latency p50/p99.
 *
 * Run: npm run bench:http (BENCH_DATA_DIR to reuse a store seeded and projected by the search benchmark).
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type RawRequest } from 'autocannon';
import { pino } from 'pino';
import { PUBLIC_NEED_STATUSES } from '../src/application/queries/documents.js';
import { createProgress } from '../src/cli/progress.js';
import { openSqliteSearchIndex } from '../src/search/sqlite/sqlite-search-index.js';
import { projectToHead } from './project-store.js';
import { envCount, type Figure, median, report } from './results.js';
import { keywordRequests } from './search-workload.js';
import { benchDataDir, seededBefore, seedMarketplace, sizeFromEnv } from './seeded-marketplace.js';

const size = sizeFromEnv();
const runs = envCount('BENCH_HTTP_RUNS', 3);
const seconds = envCount('BENCH_HTTP_SECONDS', 8);
const connections = envCount('BENCH_HTTP_CONNECTIONS', 10);
const maxRequests = envCount('BENCH_HTTP_MAX_REQUESTS', 50_000);
const { dir, done } = benchDataDir();
const progress = createProgress();
const log = (line: string) => process.stderr.write(`${line}\n`);

async function prepareStore() {
  let seed = seededBefore(dir, size);
  if (!seed) {
    const task = progress.task(
      `写入 ${size.needs} 条需求与 ${size.solutions} 个方案`,
      size.needs + size.solutions,
    );
    seed = await seedMarketplace(dir, size, (n) => task.update(n));
    task.finish();
  }
  const task = progress.task('投影到最新位置', seed.events);
  const projected = await projectToHead(dir, (n, total) => task.update(n, `/${total}`));
  task.finish(
    projected.events ? `${projected.events} 个事件，用时 ${projected.seconds.toFixed(0)} 秒` : '已是最新',
  );
  return seed;
}

async function publishedNeedIds(count: number): Promise<string[]> {
  const search = openSqliteSearchIndex({ path: join(dir, 'search.db'), logger: pino({ level: 'warn' }) });
  const result = await search.search('needs', {
    filter: { field: 'status', op: 'in', value: [...PUBLIC_NEED_STATUSES] },
    pageSize: count,
  });
  await search.close();
  return result.hits.map((h) => h.id);
}

/** A staff account the server creates at start, as YUNSUPEI_ADMIN_USER does in production. */
// Upper and lower case, digits and a symbol: the password rules of the staff account.
const STAFF = { username: 'bench-staff', password: `Bench-${randomBytes(12).toString('hex')}` };

function startServer(): Promise<{ child: ChildProcess; port: number; warmUpMs: number }> {
  const runTs = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
  const script = fileURLToPath(new URL('./http-server.ts', import.meta.url));
  const child = fork(runTs, [script], {
    env: {
      ...process.env,
      BENCH_DATA_DIR: dir,
      YUNSUPEI_ADMIN_USER: STAFF.username,
      YUNSUPEI_ADMIN_PASSWORD: STAFF.password,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) =>
      resolve({ child, ...(message as { port: number; warmUpMs: number }) }),
    );
    child.once('exit', (code) => reject(new Error(`benchmark server exited with ${code} before listening`)));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.send('stop');
  });
}

async function staffToken(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(STAFF),
  });
  if (!response.ok) throw new Error(`staff token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}

interface Endpoint {
  name: string;
  paths: string[];
  /** Sent with every request, e.g. a bearer token. */
  headers?: Record<string, string>;
}

/** A request whose path moves on to the next of `paths` each time, so no response is served from a cache. */
function rotating(endpoint: Endpoint) {
  let next = 0;
  return {
    method: 'GET',
    setupRequest: (request: RawRequest) => ({
      ...request,
      headers: { ...request.headers, ...endpoint.headers },
      path: endpoint.paths[next++ % endpoint.paths.length]!,
    }),
  };
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
}

async function load(port: number, endpoint: Endpoint): Promise<Sample> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    maxOverallRequests: maxRequests,
    requests: [rotating(endpoint)],
  });
  return {
    rps: Math.round(result.requests.total / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

try {
  const seed = await prepareStore();
  const ids = await publishedNeedIds(1000);
  const searches = keywordRequests(5000, size.seed + 7).map(
    ({ q, city }) => `/api/v1/needs?q=${encodeURIComponent(q)}&city=${city}`,
  );
  const { child, port, warmUpMs } = await startServer();
  log(
    `http bench: server on 127.0.0.1:${port}, matching statistics built in ${(warmUpMs / 1000).toFixed(1)} s; ` +
      `${connections} connections, ${seconds} s per run, ${runs} runs`,
  );
  try {
    // The public searches; a need's detail and its matches as staff see them (both need a signed-in user).
    const staff = { authorization: `Bearer ${await staffToken(port)}` };
    const endpoints: Endpoint[] = [
      { name: 'GET /bench/ping', paths: ['/bench/ping'] },
      { name: 'GET /api/v1/needs?q=&city=', paths: searches },
      { name: 'GET /api/v1/needs/:id', paths: ids.map((id) => `/api/v1/needs/${id}`), headers: staff },
      {
        name: 'GET /api/v1/needs/:id/matches',
        paths: ids.map((id) => `/api/v1/needs/${id}/matches`),
        headers: staff,
      },
    ];

    const samples = new Map<string, Sample[]>(endpoints.map((e) => [e.name, []]));
    // Warm-up: statements prepared, the tokenizer loaded, the JIT settled.
    for (const endpoint of endpoints)
      await load(port, { ...endpoint, name: 'warm-up' }).catch(() => undefined);
    for (let run = 0; run < runs; run++) {
      const order = run % 2 ? [...endpoints].reverse() : endpoints;
      for (const endpoint of order) {
        const sample = await load(port, endpoint);
        samples.get(endpoint.name)!.push(sample);
        log(
          `http bench: run ${run + 1}/${runs} ${endpoint.name}: ${sample.rps} req/s, p50 ${sample.p50} ms, ` +
            `p99 ${sample.p99} ms${sample.failures ? `, ${sample.failures} failed` : ''}`,
        );
      }
    }

    const ping = samples.get('GET /bench/ping')!;
    const figures: Figure[] = [];
    for (const endpoint of endpoints) {
      const of = samples.get(endpoint.name)!;
      figures.push(
        {
          name: `${endpoint.name} throughput`,
          unit: 'req/s',
          runs: of.map((s) => s.rps),
          ...withBaseline(endpoint, ping, (s) => s.rps),
        },
        {
          name: `${endpoint.name} latency p50`,
          unit: 'ms',
          runs: of.map((s) => s.p50),
          ...withBaseline(endpoint, ping, (s) => s.p50),
        },
        {
          name: `${endpoint.name} latency p99`,
          unit: 'ms',
          runs: of.map((s) => s.p99),
          ...withBaseline(endpoint, ping, (s) => s.p99),
        },
      );
    }
    figures.push({
      name: 'matching statistics built at start (every published solution and open need)',
      unit: 's',
      runs: [Math.round(warmUpMs / 100) / 10],
    });
    figures.push({
      name: 'failed requests (errors, timeouts, non-2xx), all endpoints',
      unit: 'requests',
      runs: [[...samples.values()].flat().reduce((sum, s) => sum + s.failures, 0)],
      targets: [{ on: 'median', op: '<', value: 1 }],
    });
    report({
      bench: 'http',
      setup:
        `${size.needs} needs + ${size.solutions} solutions (${seed.events} events) on 127.0.0.1, ${connections} connections, ` +
        `${runs} runs of ${seconds} s (at most ${maxRequests} requests) per endpoint`,
      figures,
    });
    for (const figure of figures) log(`  ${figure.name}: ${median(figure.runs)} ${figure.unit}`);
  } finally {
    await stopServer(child);
  }
} finally {
  done();
}

function withBaseline(endpoint: Endpoint, ping: Sample[], pick: (s: Sample) => number) {
  return endpoint.name === 'GET /bench/ping'
    ? {}
    : { baseline: { name: 'GET /bench/ping', runs: ping.map(pick) } };
}
