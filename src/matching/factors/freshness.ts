import type { FactorInput } from './factor.js';
import { defineFactor } from './factor.js';

const DAY_MS = 86_400_000;

function ageZh(days: number): string {
  if (days < 1) return '今天';
  if (days < 30) return `${Math.floor(days)}天前`;
  if (days < 365) return `${Math.floor(days / 30)}个月前`;
  return `${Math.floor(days / 365)}年前`;
}

/** Days since the ranked listing was last published or updated. */
function ageInDays(input: FactorInput): number {
  const listing = input.ranked === 'solution' ? input.solution : input.need;
  const times = [listing.updatedAt, listing.publishedAt]
    .filter((t): t is string => Boolean(t))
    .map(Date.parse);
  return Math.max(0, (input.now.getTime() - Math.max(...times)) / DAY_MS);
}

/** Halves every `halfLifeDays` since the ranked listing was last published or updated. */
export const freshnessFactor = defineFactor(
  'freshness',
  (input) => 0.5 ** (ageInDays(input) / input.config.freshness.halfLifeDays),
  (input) => `${input.ranked === 'solution' ? '方案' : '需求'}${ageZh(ageInDays(input))}更新`,
);
