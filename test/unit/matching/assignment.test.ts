import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Assignment,
  type AssignmentLimits,
  assignGreedy,
  assignOptimal,
  type ScoredPair,
} from '../../../src/matching/assignment.js';

/** A score matrix: needs × vendors, a score in hundredths or no pair at all. */
const instance = (maxNeeds: number, maxVendors: number) =>
  fc
    .record({
      needs: fc.integer({ min: 1, max: maxNeeds }),
      vendors: fc.integer({ min: 1, max: maxVendors }),
      topK: fc.integer({ min: 1, max: 3 }),
      capacityPerVendor: fc.integer({ min: 1, max: 3 }),
    })
    .chain((shape) =>
      fc
        .array(fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined, freq: 3 }), {
          minLength: shape.needs * shape.vendors,
          maxLength: shape.needs * shape.vendors,
        })
        .map((cells) => {
          const needIds = Array.from({ length: shape.needs }, (_, i) => `n${i}`);
          const pairs: ScoredPair[] = [];
          cells.forEach((cell, i) => {
            if (cell === undefined) return;
            const need = Math.floor(i / shape.vendors);
            const vendor = i % shape.vendors;
            pairs.push({
              needId: `n${need}`,
              vendorId: `v${vendor}`,
              solutionId: `s${need}-${vendor}`,
              score: cell / 100,
            });
          });
          const limits: AssignmentLimits = { topK: shape.topK, capacityPerVendor: shape.capacityPerVendor };
          return { needIds, pairs, limits };
        }),
    );

const keyOf = (p: ScoredPair) => `${p.needId}/${p.vendorId}/${p.solutionId}/${p.score}`;

/** What breaks the limits in an assignment, in words; empty when it keeps them. */
function violations(assignment: Assignment, pairs: ScoredPair[], limits: AssignmentLimits): string[] {
  const given = new Set(pairs.map(keyOf));
  const perVendor = new Map<string, number>();
  const found: string[] = [];
  for (const [needId, chosen] of assignment.byNeed) {
    if (chosen.length > limits.topK) found.push(`${needId} has ${chosen.length} vendors`);
    if (new Set(chosen.map((p) => p.vendorId)).size !== chosen.length)
      found.push(`${needId} repeats a vendor`);
    for (const pair of chosen) {
      if (!given.has(keyOf(pair))) found.push(`${keyOf(pair)} was never scored`);
      perVendor.set(pair.vendorId, (perVendor.get(pair.vendorId) ?? 0) + 1);
    }
  }
  for (const [vendorId, count] of perVendor) {
    if (count > limits.capacityPerVendor) found.push(`${vendorId} recommended ${count} times`);
  }
  return found;
}

/** Every subset of the pairs that keeps the limits; the best total. */
function bruteForceBest(needIds: string[], pairs: ScoredPair[], limits: AssignmentLimits): number {
  let best = 0;
  for (let mask = 0; mask < 1 << pairs.length; mask++) {
    const perNeed = new Map<string, number>();
    const perVendor = new Map<string, number>();
    let total = 0;
    let feasible = true;
    for (let p = 0; p < pairs.length && feasible; p++) {
      if (!(mask & (1 << p))) continue;
      const { needId, vendorId, score } = pairs[p]!;
      perNeed.set(needId, (perNeed.get(needId) ?? 0) + 1);
      perVendor.set(vendorId, (perVendor.get(vendorId) ?? 0) + 1);
      feasible = perNeed.get(needId)! <= limits.topK && perVendor.get(vendorId)! <= limits.capacityPerVendor;
      total += score;
    }
    if (feasible && needIds.length > 0) best = Math.max(best, total);
  }
  return best;
}

const cents = (score: number) => Math.round(score * 100);

describe('match round assignment', () => {
  it('never gives a need more than topK vendors, a vendor twice to one need, or a vendor more than its capacity', () => {
    fc.assert(
      fc.property(instance(12, 8), ({ needIds, pairs, limits }) => {
        expect(violations(assignOptimal(needIds, pairs, limits), pairs, limits)).toEqual([]);
        expect(violations(assignGreedy(needIds, pairs, limits), pairs, limits)).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the best total a brute force finds on tiny instances', () => {
    fc.assert(
      fc.property(instance(3, 4), ({ needIds, pairs, limits }) => {
        fc.pre(pairs.length <= 12);
        const optimal = assignOptimal(needIds, pairs, limits);
        expect(cents(optimal.totalScore)).toBe(cents(bruteForceBest(needIds, pairs, limits)));
      }),
      { numRuns: 300 },
    );
  });

  it('never does worse than greedy', () => {
    fc.assert(
      fc.property(instance(12, 8), ({ needIds, pairs, limits }) => {
        const optimal = assignOptimal(needIds, pairs, limits);
        const greedy = assignGreedy(needIds, pairs, limits);
        expect(cents(optimal.totalScore)).toBeGreaterThanOrEqual(cents(greedy.totalScore));
      }),
      { numRuns: 300 },
    );
  });

  it('moves a popular vendor to where it matters most, where greedy hands it to the first best score', () => {
    // v0 is best for both needs but may take one; n1 has a good alternative, n0 has none.
    const pairs: ScoredPair[] = [
      { needId: 'n0', vendorId: 'v0', solutionId: 's00', score: 0.8 },
      { needId: 'n1', vendorId: 'v0', solutionId: 's10', score: 0.9 },
      { needId: 'n1', vendorId: 'v1', solutionId: 's11', score: 0.85 },
    ];
    const limits = { topK: 1, capacityPerVendor: 1 };
    const greedy = assignGreedy(['n0', 'n1'], pairs, limits);
    const optimal = assignOptimal(['n0', 'n1'], pairs, limits);
    expect(greedy.byNeed.get('n0')).toEqual([]);
    expect(greedy.totalScore).toBeCloseTo(0.9);
    expect(optimal.byNeed.get('n0')!.map((p) => p.vendorId)).toEqual(['v0']);
    expect(optimal.byNeed.get('n1')!.map((p) => p.vendorId)).toEqual(['v1']);
    expect(optimal.totalScore).toBeCloseTo(1.65);
  });

  it('keeps one pair per need and vendor (its best solution) and lists every need, best pair first', () => {
    const pairs: ScoredPair[] = [
      { needId: 'n0', vendorId: 'v0', solutionId: 'a', score: 0.5 },
      { needId: 'n0', vendorId: 'v0', solutionId: 'b', score: 0.7 },
      { needId: 'n0', vendorId: 'v1', solutionId: 'c', score: 0.9 },
    ];
    const optimal = assignOptimal(['n0', 'n-empty'], pairs, { topK: 3, capacityPerVendor: 5 });
    expect(optimal.byNeed.get('n0')!.map((p) => p.solutionId)).toEqual(['c', 'b']);
    expect(optimal.byNeed.get('n-empty')).toEqual([]);
    expect(optimal.recommendations).toBe(2);
  });

  it('gives the same assignment whatever order the pairs come in', () => {
    const shuffled = instance(8, 6).chain((problem) =>
      fc
        .shuffledSubarray(problem.pairs, { minLength: problem.pairs.length, maxLength: problem.pairs.length })
        .map((order) => ({ ...problem, order })),
    );
    fc.assert(
      fc.property(shuffled, ({ needIds, pairs, limits, order }) => {
        expect(assignOptimal(needIds, order, limits)).toEqual(assignOptimal(needIds, pairs, limits));
      }),
      { numRuns: 100 },
    );
  });
});
