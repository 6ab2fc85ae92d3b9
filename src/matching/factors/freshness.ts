import { type Factor, reason } from './factor.js';

const DAY_MS = 86_400_000;

function ageZh(days: number): string {
  if (days < 1) return '今天';
  if (days < 30) return `${Math.floor(days)}天前`;
  if (days < 365) return `${Math.floor(days / 30)}个月前`;
  return `${Math.floor(days / 365)}年前`;
}

/** Halves every `halfLifeDays` since the ranked listing was last published or updated. */
export const freshnessFactor: Factor = (input) => {
  const listing = input.ranked === 'solution' ? input.solution : input.need;
  const noun = input.ranked === 'solution' ? '方案' : '需求';
  const times = [listing.updatedAt, listing.publishedAt]
    .filter((t): t is string => Boolean(t))
    .map(Date.parse);
  const days = Math.max(0, (input.now.getTime() - Math.max(...times)) / DAY_MS);
  const score = 0.5 ** (days / input.config.freshness.halfLifeDays);
  return reason(input, 'freshness', score, `${noun}${ageZh(days)}更新`);
};
