/**
 * The search throughput targets of issue 16, in one run on one server (bench/search-http-server.ts) with
 * BENCH_SEARCH_HTTP_NEEDS (2,000) published needs: keyword search with a city filter as the public sends it
 * (`GET /api/v1/needs?q=&city=`, a different query each request) against
 * - a bare Hono endpoint running the same FTS5 search on the same search.db (`GET /bench/fts`): at least
 *   0.75 of its req/s;
 * - a need's detail (`GET /api/v1/needs/{id}` as staff, a different need each request): at least 0.4 of its
 *   req/s.
 * autocannon with BENCH_SEARCH_HTTP_CONNECTIONS (16) connections, BENCH_SEARCH_HTTP_RUNS (3) runs of
 * BENCH_SEARCH_HTTP_SECONDS (8) s per endpoint, in alternating order; figures are medians. Its own store in a
 * temporary folder, removed at the end.
 *
 * Run: npm run bench:search-http, or as part of npm run bench.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type RawRequest } from 'autocannon';
import { pino } from 'pino';
import { PUBLIC_NEED_STATUSES } from '../src/application/queries/documents.js';
import { openSqliteSearchIndex } from '../src/search/sqlite/sqlite-search-index.js';
import { projectToHead } from './project-store.js';
import { envCount, type Figure, median, report } from './results.js';
import { keywordRequests } from './search-workload.js';
import { seedMarketplace } from './seeded-marketplace.js';

const size = {
  needs: envCount('BENCH_SEARCH_HTTP_NEEDS', 2000),
  solutions: envCount('BENCH_SEARCH_HTTP_SOLUTIONS', 200),
  seed: envCount('BENCH_SEED', 20250301),
};
const runs = envCount('BENCH_SEARCH_HTTP_RUNS', 3);
const seconds = envCount('BENCH_SEARCH_HTTP_SECONDS', 8);
const connections = envCount('BENCH_SEARCH_HTTP_CONNECTIONS', 16);
const dir = mkdtempSync(join(tmpdir(), 'yunsupei-bench-search-http-'));
const log = (line: string) => process.stderr.write(`${line}\n`);
// Upper and lower case, digits and a symbol: the password rules of the staff account.
const STAFF = { username: 'bench-staff', password: `Bench-${randomBytes(12).toString('hex')}` };

function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const runTs = fileURLToPath(new URL('../bin/run-ts.js', import.meta.url));
  const script = fileURLToPath(new URL('./search-http-server.ts', import.meta.url));
  const child = fork(runTs, [script], {
    env: {
      ...process.env,
      BENCH_DATA_DIR: dir,
      YUNSUPEI_ADMIN_USER: STAFF.username,
      YUNSUPEI_ADMIN_PASSWORD: STAFF.password,
      // Staff sign in with an authenticator code by default; the detail endpoint needs a token, not that step.
      YUNSUPEI_STAFF_MFA: 'off',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve({ child, ...(message as { port: number }) }));
    child.once('exit', (code) => reject(new Error(`benchmark server exited with ${code} before listening`)));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.send('stop');
  });
}

/** A staff token; when the account set from the environment must first change its password, it does. */
async function staffToken(port: number): Promise<string> {
  const post = (path: string, body: object) =>
    fetch(`http://127.0.0.1:${port}/api/v1/auth${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  let response = await post('/token', STAFF);
  if (
    response.status === 403 &&
    ((await response.clone().json()) as { code?: string }).code === 'auth.initial_password'
  ) {
    const password = `${STAFF.password}-2`;
    const changed = await post('/password/due', {
      username: STAFF.username,
      currentPassword: STAFF.password,
      newPassword: password,
    });
    if (!changed.ok) throw new Error(`staff password: ${changed.status} ${await changed.text()}`);
    response = await post('/token', { username: STAFF.username, password });
  }
  if (!response.ok) throw new Error(`staff token: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
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

interface Endpoint {
  name: string;
  paths: string[];
  headers?: Record<string, string>;
}

interface Sample {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
}

async function load(port: number, endpoint: Endpoint): Promise<Sample> {
  let next = 0;
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'GET',
        setupRequest: (request: RawRequest) => ({
          ...request,
          headers: { ...request.headers, ...endpoint.headers },
          path: endpoint.paths[next++ % endpoint.paths.length]!,
        }),
      },
    ],
  });
  return {
    rps: Math.round(result.requests.total / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

try {
  log(`search-http bench: seeding ${size.needs} needs and ${size.solutions} solutions`);
  const seed = await seedMarketplace(dir, size);
  const projected = await projectToHead(dir);
  log(`search-http bench: ${seed.events} events written and projected in ${projected.seconds.toFixed(0)} s`);
  // The port pages at most 1,000 documents: a thousand different needs are plenty to rotate through.
  const ids = await publishedNeedIds(Math.min(size.needs, 1000));
  const requests = keywordRequests(5000, size.seed + 7).map(
    ({ q, city }) => `q=${encodeURIComponent(q)}&city=${city}`,
  );
  const { child, port } = await startServer();
  try {
    const staff = { authorization: `Bearer ${await staffToken(port)}` };
    const SEARCH = 'GET /api/v1/needs?q=&city=';
    const BARE = 'GET /bench/fts?q=&city= (bare Hono, same FTS5 query)';
    const DETAIL = 'GET /api/v1/needs/{id}';
    const endpoints: Endpoint[] = [
      { name: SEARCH, paths: requests.map((r) => `/api/v1/needs?${r}`) },
      { name: BARE, paths: requests.map((r) => `/bench/fts?${r}`) },
      { name: DETAIL, paths: ids.map((id) => `/api/v1/needs/${id}`), headers: staff },
    ];
    const samples = new Map<string, Sample[]>(endpoints.map((e) => [e.name, []]));
    // Warm-up: statements prepared, the tokenizer loaded, the JIT settled.
    for (const endpoint of endpoints) await load(port, endpoint);
    for (let run = 0; run < runs; run++) {
      for (const endpoint of run % 2 ? [...endpoints].reverse() : endpoints) {
        const sample = await load(port, endpoint);
        samples.get(endpoint.name)!.push(sample);
        log(
          `search-http bench: run ${run + 1}/${runs} ${endpoint.name}: ${sample.rps} req/s, p50 ${sample.p50} ms, ` +
            `p99 ${sample.p99} ms${sample.failures ? `, ${sample.failures} failed` : ''}`,
        );
      }
    }
    const rps = (name: string) => samples.get(name)!.map((s) => s.rps);
    const figures: Figure[] = [
      {
        name: `${SEARCH} throughput vs the bare FTS5 endpoint`,
        unit: 'req/s',
        runs: rps(SEARCH),
        baseline: { name: BARE, runs: rps(BARE) },
        targets: [{ on: 'ratio', op: '>=', value: 0.75 }],
      },
      {
        name: `${SEARCH} throughput vs ${DETAIL}`,
        unit: 'req/s',
        runs: rps(SEARCH),
        baseline: { name: DETAIL, runs: rps(DETAIL) },
        targets: [{ on: 'ratio', op: '>=', value: 0.4 }],
      },
      ...endpoints.map((e) => ({
        name: `${e.name} latency p50`,
        unit: 'ms',
        runs: samples.get(e.name)!.map((s) => s.p50),
      })),
      {
        name: 'failed requests (errors, timeouts, non-2xx), all endpoints',
        unit: 'requests',
        runs: [[...samples.values()].flat().reduce((sum, s) => sum + s.failures, 0)],
        targets: [{ on: 'median', op: '<', value: 1 }],
      },
    ];
    report({
      bench: 'search-http',
      setup:
        `${size.needs} published needs + ${size.solutions} solutions (${seed.events} events) on 127.0.0.1, ` +
        `${connections} connections, ${runs} runs of ${seconds} s per endpoint`,
      figures,
    });
    for (const figure of figures)
      log(
        `  ${figure.name}: ${median(figure.runs)} ${figure.unit}${figure.baseline ? ` (baseline ${median(figure.baseline.runs)})` : ''}`,
      );
  } finally {
    await stopServer(child);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
