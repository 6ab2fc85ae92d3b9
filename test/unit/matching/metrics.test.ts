import { describe, expect, it } from 'vitest';
import { meanQuality, ndcgAt, precisionAt, reciprocalRank } from '../../../src/matching/metrics.js';

const grades = new Map([
  ['a', 3],
  ['b', 2],
  ['c', 1],
  ['z', 0],
]);

describe('nDCG@10 with exponential gains', () => {
  it('matches the hand computation', () => {
    // DCG = (2²−1)/log2 2 + 0 + (2³−1)/log2 4 = 3 + 3.5; ideal = 7/1 + 3/log2 3 + 1/2
    const expected = 6.5 / (7 + 3 / Math.log2(3) + 0.5);
    expect(ndcgAt(10, ['b', 'x', 'a'], grades)).toBeCloseTo(expected, 12);
    expect(expected).toBeCloseTo(0.69202, 5);
  });

  it('is 1 for the ideal order and ignores what comes after k', () => {
    expect(ndcgAt(10, ['a', 'b', 'c', 'z'], grades)).toBe(1);
    expect(ndcgAt(2, ['a', 'b', 'x', 'c'], grades)).toBe(1);
    expect(ndcgAt(1, ['b', 'a'], grades)).toBeCloseTo(3 / 7, 12);
  });

  it('is 0 when nothing is relevant', () => {
    expect(ndcgAt(10, ['x', 'z'], grades)).toBe(0);
    expect(ndcgAt(10, ['a'], new Map([['z', 0]]))).toBe(0);
  });
});

describe('P@5 and MRR count grade ≥ 1 as relevant', () => {
  it('P@5 divides by 5 even when fewer are returned', () => {
    expect(precisionAt(5, ['x', 'b', 'z', 'c', 'y', 'a'], grades)).toBe(0.4);
    expect(precisionAt(5, ['c'], grades)).toBe(0.2);
  });

  it('MRR is the inverse rank of the first relevant result', () => {
    expect(reciprocalRank(['x', 'z', 'c', 'a'], grades)).toBeCloseTo(1 / 3, 12);
    expect(reciprocalRank(['x', 'z'], grades)).toBe(0);
  });
});

describe('meanQuality', () => {
  it('averages over the judged queries, a missing run scoring 0', () => {
    const judgments = new Map([
      ['q1', grades],
      ['q2', new Map([['d', 1]])],
    ]);
    const quality = meanQuality(new Map([['q1', ['a', 'b', 'c']]]), judgments);
    expect(quality).toEqual({ ndcg10: 0.5, p5: 3 / 5 / 2, mrr: 0.5 });
  });
});
