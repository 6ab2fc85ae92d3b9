import { describe, expect, it } from 'vitest';
import { tallyReviews } from '../../../src/application/review-summary.js';
import type { ReviewSubmitted } from '../../../src/domain/review/events.js';

const criteria = [
  { name: '技术方案', weight: 40 },
  { name: '实施经验', weight: 30 },
  { name: '报价', weight: 20 },
  { name: '服务保障', weight: 10 },
];

function review(expertId: string, scores: number[] | null): ReviewSubmitted['data'] {
  return {
    engagementId: 'e1',
    needId: 'n1',
    expertId,
    conflict: scores === null,
    scores: (scores ?? []).map((score, i) => ({ criterion: criteria[i]!.name, score })),
    comment: null,
    at: '2025-03-01T00:00:00.000Z',
  };
}

describe('tallying an application’s reviews', () => {
  it('takes the weighted mean and each criterion’s mean over scored reviews, counting conflicts apart', () => {
    const tally = tallyReviews(criteria, [
      review('a', [90, 80, 70, 60]), // 36 + 24 + 14 + 6 = 80
      review('b', [70, 60, 50, 41]), // 28 + 18 + 10 + 4.1 = 60.1
      review('c', null),
    ]);
    expect(tally).toEqual({
      reviews: 2,
      conflicts: 1,
      weightedMean: 70.05,
      criterionMeans: [
        { criterion: '技术方案', weight: 40, mean: 80 },
        { criterion: '实施经验', weight: 30, mean: 70 },
        { criterion: '报价', weight: 20, mean: 60 },
        { criterion: '服务保障', weight: 10, mean: 50.5 },
      ],
    });
  });
  it('has no means before a scored review', () => {
    const tally = tallyReviews(criteria, [review('c', null)]);
    expect(tally.weightedMean).toBeNull();
    expect(tally.criterionMeans.map((c) => c.mean)).toEqual([null, null, null, null]);
    expect([tally.reviews, tally.conflicts]).toEqual([0, 1]);
  });
});
