/**
 * `npm run bench`: every benchmark (store, search, matching, HTTP), each in its own process, then one table
 * of every figure: its median over the benchmark's repeated runs, its baseline measured in the same run,
 * their ratio, the target and whether it holds. The search benchmark seeds a store of 100k needs and 100k
 * solutions into a temporary folder that the HTTP benchmark then reuses; the folder is removed at the end.
 * A benchmark that is missing, fails, or reports no figures shows as such, never with made-up numbers.
 *
 * Sizes and repetitions: see each benchmark (BENCH_NEEDS, BENCH_SOLUTIONS, BENCH_RUNS, BENCH_HTTP_*); the
 * match-lists benchmark runs on a store of its own, BENCH_MATCH_LISTS_NEEDS + BENCH_MATCH_LISTS_SOLUTIONS.
 * BENCH_ONLY=store,search limits the run; BENCH_TIMEOUT_MINUTES (40) bounds each benchmark.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type BenchReport,
  describeTarget,
  envCount,
  holds,
  median,
  RESULT_PREFIX,
  ratioOf,
} from './results.js';

const BENCHES: { name: string; script: string; env?: () => Record<string, string> }[] = [
  { name: 'store', script: 'store.bench.ts' },
  { name: 'search', script: 'search.bench.ts' },
  { name: 'match', script: 'match.bench.ts' },
  { name: 'http', script: 'http.bench.ts' },
  { name: 'search-http', script: 'search-http.bench.ts' },
  // Ranks every list from scratch: 2k + 2k by default (a few minutes), in a store of its own.
  { name: 'match-lists', script: 'match-lists.bench.ts', env: matchListsEnv },
];

/** BENCH_MATCH_LISTS_NEEDS / BENCH_MATCH_LISTS_SOLUTIONS (2,000 each) size the match-lists benchmark. */
function matchListsEnv(): Record<string, string> {
  return {
    BENCH_NEEDS: String(envCount('BENCH_MATCH_LISTS_NEEDS', 2000)),
    BENCH_SOLUTIONS: String(envCount('BENCH_MATCH_LISTS_SOLUTIONS', 2000)),
    BENCH_DATA_DIR: join(dataDir, 'match-lists'),
  };
}

const root = fileURLToPath(new URL('..', import.meta.url));
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
const timeoutMs = envCount('BENCH_TIMEOUT_MINUTES', 40) * 60_000;
const dataDir = mkdtempSync(join(tmpdir(), 'yunsupei-bench-all-'));

interface Outcome {
  name: string;
  report: BenchReport | null;
  /** Why there are no figures: not written yet, failed, timed out, or silent. */
  problem?: string;
  seconds: number;
}

function runBench(name: string, script: string, env: Record<string, string> = {}): Promise<Outcome> {
  const path = join(root, 'bench', script);
  if (!existsSync(path))
    return Promise.resolve({ name, report: null, problem: `${script} does not exist yet`, seconds: 0 });
  const started = performance.now();
  process.stderr.write(`\n=== ${name}: ${script} ===\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(root, 'bin', 'run-ts.js'), path], {
      cwd: root,
      env: { ...process.env, BENCH_DATA_DIR: dataDir, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      process.stderr.write(
        chunk
          .split('\n')
          .filter((line) => !line.startsWith(RESULT_PREFIX))
          .join('\n'),
      );
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const seconds = (performance.now() - started) / 1000;
      const line = stdout
        .split('\n')
        .reverse()
        .find((l) => l.startsWith(RESULT_PREFIX));
      const report = line ? (JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchReport) : null;
      const problem = timedOut
        ? `stopped after ${timeoutMs / 60_000} min`
        : code !== 0
          ? `exited with ${code}`
          : report
            ? undefined
            : `ran but printed no ${RESULT_PREFIX.trim()} line`;
      resolve({ name, report, seconds, ...(problem ? { problem } : {}) });
    });
  });
}

const number = (value: number) =>
  !Number.isFinite(value)
    ? '—'
    : Math.abs(value) >= 100
      ? Math.round(value).toLocaleString('en-US')
      : Math.abs(value) >= 1 || value === 0
        ? String(Math.round(value * 100) / 100)
        : value.toPrecision(2);

function table(outcomes: Outcome[]): string {
  const header = ['bench', 'figure', 'median', 'baseline', 'ratio', 'target', 'result'];
  const rows: string[][] = [];
  for (const outcome of outcomes) {
    if (!outcome.report) {
      rows.push([outcome.name, '(no figures)', '—', '—', '—', '—', `pending: ${outcome.problem}`]);
      continue;
    }
    for (const figure of outcome.report.figures) {
      const ratio = ratioOf(figure);
      const results = (figure.targets ?? []).map((t) => holds(t, figure));
      const verdict = results.length === 0 ? '—' : results.every((r) => r === true) ? 'pass' : 'FAIL';
      rows.push([
        outcome.name,
        `${figure.name} (${figure.runs.length} run${figure.runs.length > 1 ? 's' : ''})`,
        `${number(median(figure.runs))} ${figure.unit}`,
        figure.baseline ? `${number(median(figure.baseline.runs))} (${figure.baseline.name})` : '—',
        ratio === null ? '—' : `${number(ratio)}x`,
        (figure.targets ?? []).map((t) => describeTarget(t, figure.unit)).join('; ') || '—',
        verdict,
      ]);
    }
    for (const pending of outcome.report.pending ?? []) {
      rows.push([outcome.name, pending.name, '—', '—', '—', '—', `pending: ${pending.reason}`]);
    }
    if (outcome.problem) rows.push([outcome.name, '(whole benchmark)', '—', '—', '—', '—', outcome.problem]);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

const started = performance.now();
const outcomes: Outcome[] = [];
try {
  for (const bench of BENCHES) {
    if (only && !only.includes(bench.name)) continue;
    outcomes.push(await runBench(bench.name, bench.script, bench.env?.()));
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

const minutes = (performance.now() - started) / 60_000;
console.log(`\nnpm run bench: node ${process.version}, ${minutes.toFixed(1)} min in all`);
for (const outcome of outcomes) {
  console.log(
    `- ${outcome.name} (${outcome.seconds.toFixed(0)} s): ${outcome.report?.setup ?? outcome.problem}`,
  );
}
console.log(`\n${table(outcomes)}`);
