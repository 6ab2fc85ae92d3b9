/**
 * Where the time of one keyword search goes, at the size of bench/search.bench.ts: on the needs index that
 * bench left in BENCH_DATA_DIR (run it first with the same folder), the slowest of BENCH_PROFILE_CANDIDATES
 * (100) of its keyword requests is found, then asked BENCH_PROFILE_REPEATS (50) times under the CPU profiler,
 * each after a write to a need as in the bench, so that no answer comes from a cache. Prints the time by
 * function (self and inclusive) and writes the profile to BENCH_PROFILE_OUT (/tmp/search-profile.cpuprofile)
 * for a flame graph.
 *
 *   BENCH_DATA_DIR=/tmp/bs100k node bin/run-ts.js bench/search-profile.ts
 */
import { existsSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadDefinitions } from '../src/search/definitions.js';
import type { SearchDocument, SearchIndex } from '../src/search/port.js';
import { openSqliteSearchIndex } from '../src/search/sqlite/sqlite-search-index.js';
import { envCount, percentile } from './results.js';
import { adapterSearch, keywordRequests, type NeedRequest } from './search-workload.js';

const dir = process.env.BENCH_DATA_DIR;
if (!dir || !existsSync(join(dir, 'search.db')))
  throw new Error('BENCH_DATA_DIR must hold the search.db that bench/search.bench.ts projected');
const candidates = envCount('BENCH_PROFILE_CANDIDATES', 100);
const repeats = envCount('BENCH_PROFILE_REPEATS', 50);
const out = process.env.BENCH_PROFILE_OUT ?? '/tmp/search-profile.cpuprofile';
const seed = envCount('BENCH_SEED', 20250301);
const log = (line: string) => process.stderr.write(`${line}\n`);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const search = openSqliteSearchIndex({ path: join(dir, 'search.db'), logger: pino({ level: 'warn' }) });
const adapter = adapterSearch(search);

/** A need of the index with its updatedAt moved, as the projector's writes move it in a running server. */
const touch = (() => {
  const documents: SearchDocument[] = [];
  return async (search: SearchIndex, i: number) => {
    if (documents.length === 0) {
      const page = await search.search('needs', { pageSize: 100 });
      documents.push(...page.hits);
    }
    const touched = documents[i % documents.length]!;
    await search.upsert('needs', [{ ...touched, updatedAt: new Date().toISOString() }]);
  };
})();

/**
 * Wall and CPU milliseconds of one search. On a shared machine the CPU time is the steadier figure: the
 * search is synchronous SQLite and JavaScript on this one thread, so it is the work the search itself did.
 */
async function timed(request: NeedRequest, i: number): Promise<{ wall: number; cpu: number }> {
  await touch(search, i);
  const cpu = process.cpuUsage();
  const started = performance.now();
  await adapter(request);
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

const spread = (values: number[]) =>
  `p50 ${percentile(values, 50).toFixed(1)} ms, p95 ${percentile(values, 95).toFixed(1)} ms`;

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  const file = url.replace(/^file:\/\/.*?\/(src|bench|node_modules)\//, '$1/');
  return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}:${columnNumber + 1}` : ''}`.trim();
}

/** Milliseconds by function: its own samples, and every sample it is on the stack of (each counted once). */
function summarize(profile: Profile): {
  total: number;
  self: Map<string, number>;
  inclusive: Map<string, number>;
} {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let total = 0;
  for (const [i, id] of profile.samples.entries()) {
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    total += ms;
    const leaf = frameName(byId.get(id)!);
    self.set(leaf, (self.get(leaf) ?? 0) + ms);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = frameName(byId.get(at)!);
      if (seen.has(name)) continue;
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
    }
  }
  return { total, self, inclusive };
}

function printTop(title: string, times: Map<string, number>, total: number, count: number) {
  console.log(`\n${title}`);
  for (const [name, ms] of [...times].sort((a, b) => b[1] - a[1]).slice(0, count)) {
    console.log(`${ms.toFixed(0).padStart(7)} ms ${((100 * ms) / total).toFixed(1).padStart(5)}%  ${name}`);
  }
}

try {
  loadDefinitions();
  const requests = keywordRequests(candidates, seed);
  for (const [i, request] of keywordRequests(20, seed + 1).entries()) await timed(request, i);
  const times = [];
  for (const [i, request] of requests.entries()) times.push({ request, ...(await timed(request, i)) });
  const slowest = times.reduce((a, b) => (b.cpu > a.cpu ? b : a));
  log(
    `search profile: ${candidates} keyword requests, wall ${spread(times.map((t) => t.wall))}, ` +
      `CPU ${spread(times.map((t) => t.cpu))}; ` +
      `the most CPU: q="${slowest.request.q}" city=${slowest.request.city} ${slowest.cpu.toFixed(1)} ms`,
  );
  for (const { request, wall, cpu } of [...times].sort((a, b) => b.cpu - a.cpu).slice(0, 10))
    log(`  q="${request.q}" city=${request.city}: CPU ${cpu.toFixed(1)} ms, wall ${wall.toFixed(1)} ms`);

  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  const repeated = [];
  for (let i = 0; i < repeats; i++) repeated.push(await timed(slowest.request, i));
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
  session.disconnect();
  writeFileSync(out, JSON.stringify(profile));

  const { total, self, inclusive } = summarize(profile);
  console.log(
    `q="${slowest.request.q}" city=${slowest.request.city}, ${repeats} times under the profiler: ` +
      `wall ${spread(repeated.map((t) => t.wall))}, CPU ${spread(repeated.map((t) => t.cpu))}; ` +
      `${total.toFixed(0)} ms sampled (writes before each search included), profile in ${out}`,
  );
  printTop('self time', self, total, 25);
  printTop('inclusive time', inclusive, total, 40);
} finally {
  await search.close();
}
