import type { VendorDoc } from '../types.js';
import { defineFactor, type PlatformStats } from './factor.js';

/** The platform's mean rating, weighted by how often each vendor was rated; `fallback` before any rating. */
export function platformStatsOf(vendors: Iterable<VendorDoc>, fallback: number): PlatformStats {
  let sum = 0;
  let count = 0;
  for (const v of vendors) {
    if (!v.ratingCount || !v.ratingAvg) continue;
    sum += v.ratingAvg * v.ratingCount;
    count += v.ratingCount;
  }
  return { meanRating: count ? sum / count : fallback };
}

/**
 * Delivered engagements (saturating) and the rating, shrunk toward the platform mean in proportion to how few
 * ratings the vendor has (Bayesian average), so one 5-star review does not outrank a long good record.
 */
export const trackRecordFactor = defineFactor(
  'trackRecord',
  ({ vendor, platform, config }) => {
    const { priorRatings, deliveredHalfScore, ratingShare } = config.trackRecord;
    const ratings = vendor.ratingAvg ? vendor.ratingCount : 0;
    const rating =
      (priorRatings * platform.meanRating + ratings * (vendor.ratingAvg ?? 0)) /
      (priorRatings + ratings || 1);
    const delivered = vendor.deliveredCount / (vendor.deliveredCount + deliveredHalfScore);
    return ratingShare * ((rating - 1) / 4) + (1 - ratingShare) * delivered;
  },
  ({ vendor }) => {
    const ratings = vendor.ratingAvg ? vendor.ratingCount : 0;
    if (vendor.deliveredCount === 0 && ratings === 0) return '暂无交付和评价记录，评分按平台平均水平计';
    const rated = ratings ? `评分${vendor.ratingAvg!.toFixed(1)}（${ratings}次评价）` : '暂无评价';
    return `已交付${vendor.deliveredCount}个项目，${rated}`;
  },
);
