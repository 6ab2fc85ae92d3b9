/**
 * How a benchmark reports to `npm run bench` (bench/run-all.ts): it prints, as its last line of stdout,
 * `BENCH_RESULT ` followed by the JSON of a BenchReport. Every figure carries the value of each repeated
 * run and, where it has one, the value of its baseline measured in the same runs; the table shows the
 * medians, their ratio and whether the targets hold.
 */

export const RESULT_PREFIX = 'BENCH_RESULT ';

export interface Target {
  /** `median`: the figure itself; `ratio`: median / baseline median. */
  on: 'median' | 'ratio';
  op: '<' | '<=' | '>=' | '>';
  value: number;
}

export interface Figure {
  name: string;
  unit: string;
  runs: number[];
  baseline?: { name: string; runs: number[] };
  targets?: Target[];
}

export interface BenchReport {
  bench: string;
  /** One line on the conditions: sizes, runs, machine. */
  setup: string;
  figures: Figure[];
  /** Figures that could not be measured, with the reason (e.g. an endpoint that does not exist yet). */
  pending?: { name: string; reason: string }[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The nearest-rank percentile (p in 0..100) of samples. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function ratioOf(figure: Figure): number | null {
  if (!figure.baseline) return null;
  return median(figure.runs) / median(figure.baseline.runs);
}

export function holds(target: Target, figure: Figure): boolean | null {
  const value = target.on === 'median' ? median(figure.runs) : ratioOf(figure);
  if (value === null || !Number.isFinite(value)) return null;
  switch (target.op) {
    case '<':
      return value < target.value;
    case '<=':
      return value <= target.value;
    case '>=':
      return value >= target.value;
    case '>':
      return value > target.value;
  }
}

export function describeTarget(target: Target, unit: string): string {
  return target.on === 'ratio'
    ? `ratio ${target.op} ${target.value}x`
    : `${target.op} ${target.value} ${unit}`;
}

export function report(result: BenchReport): void {
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
}

/** A positive integer from the environment, or the fallback. */
export function envCount(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1)
    throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}
