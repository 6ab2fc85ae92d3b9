/**
 * The periods the 打榜 rankings are counted over: a year (`2026`) or a quarter (`2026Q3`) in Beijing time,
 * or all time. The `ranking_facts` read model stores, for each moment it counts, every period that moment
 * falls in, so a period is a value to filter on and never a date range to compute on a request.
 */
import { z } from 'zod';
import { queryMessages } from './messages.js';

/** The period holding every moment: what the rankings count when no period is asked for. */
export const ALL_TIME = 'all';

const PERIOD = /^(\d{4})(?:Q([1-4]))?$/;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

export const periodParam = z.string().trim().regex(PERIOD, queryMessages.period).optional().meta({
  description: '统计期：年份（如 2026）或季度（如 2026Q3），按北京时间；不填为全部时间',
  example: '2026Q3',
});

/** The year and quarter (Beijing time) an instant falls in, and all time; none for a moment not yet come. */
export function periodsOf(iso: string | null | undefined): string[] {
  if (!iso) return [];
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return [];
  const beijing = new Date(at + BEIJING_OFFSET_MS);
  const year = String(beijing.getUTCFullYear());
  const quarter = Math.floor(beijing.getUTCMonth() / 3) + 1;
  return [ALL_TIME, year, `${year}Q${quarter}`];
}

/** A year's or a quarter's first instant and the first instant after it, in Beijing time, as ISO strings. */
export function periodBounds(period: string): { start: string; end: string } {
  const [, year = '', quarter] = PERIOD.exec(period) ?? [];
  const y = Number(year);
  const [fromMonth, toMonth] = quarter ? [(Number(quarter) - 1) * 3, Number(quarter) * 3] : [0, 12];
  const at = (month: number) => new Date(Date.UTC(y, month, 1) - BEIJING_OFFSET_MS).toISOString();
  return { start: at(fromMonth), end: at(toMonth) };
}

/** The year and the quarter of an instant, for a period selector: `['2026', '2026Q3']`. */
export function currentPeriods(now: Date): string[] {
  return periodsOf(now.toISOString()).filter((p) => p !== ALL_TIME);
}

/**
 * Periods newest first: a year before its quarters (2026, 2026Q4 … 2026Q1, 2025, …), all time first of all.
 */
export function byRecency(a: string, b: string): number {
  if (a === ALL_TIME || b === ALL_TIME) return a === b ? 0 : a === ALL_TIME ? -1 : 1;
  const [, yearA = '', quarterA = '9'] = PERIOD.exec(a) ?? [];
  const [, yearB = '', quarterB = '9'] = PERIOD.exec(b) ?? [];
  return yearB.localeCompare(yearA) || quarterB.localeCompare(quarterA);
}

/** The label of a period in Chinese: 2026年, 2026年第3季度, 全部时间. */
export function periodLabel(period: string): string {
  if (period === ALL_TIME) return '全部时间';
  const [, year, quarter] = PERIOD.exec(period) ?? [];
  if (!year) return period;
  return quarter ? `${year}年第${quarter}季度` : `${year}年`;
}
