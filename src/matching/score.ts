import { budgetFactor } from './factors/budget.js';
import type { Factor, FactorInput } from './factors/factor.js';
import { freshnessFactor } from './factors/freshness.js';
import { industryFactor } from './factors/industry.js';
import { qualificationFactor } from './factors/qualification.js';
import { regionFactor } from './factors/region.js';
import { scenarioFactor } from './factors/scenario.js';
import { technologyFactor } from './factors/technology.js';
import { textFactor } from './factors/text.js';
import { trackRecordFactor } from './factors/track-record.js';
import type { FactorName, Reason } from './types.js';

const factors: readonly Factor[] = [
  textFactor,
  technologyFactor,
  industryFactor,
  scenarioFactor,
  regionFactor,
  budgetFactor,
  trackRecordFactor,
  qualificationFactor,
  freshnessFactor,
];

/**
 * Any score from these says two listings are about the same thing (text only from `minRelated` on); the other
 * factors only order pairs that are.
 */
const fitFactors: ReadonlySet<FactorName> = new Set(['technology', 'industry', 'scenario']);

export interface PairScore {
  /** Weighted mean of the factor scores, 0..1. */
  score: number;
  /** Every factor, the largest contribution (weight × score) first. */
  reasons: Reason[];
  /** False when the listings have nothing in common (tags or enough text): such a pair is not worth proposing. */
  related: boolean;
}

export function scorePair(input: FactorInput): PairScore {
  const reasons = factors.map((factor) => factor(input));
  const totalWeight = reasons.reduce((sum, r) => sum + r.weight, 0);
  const score = totalWeight ? reasons.reduce((sum, r) => sum + r.weight * r.score, 0) / totalWeight : 0;
  const related = reasons.some((r) =>
    r.factor === 'text' ? r.score >= input.config.text.minRelated : fitFactors.has(r.factor) && r.score > 0,
  );
  reasons.sort((a, b) => b.weight * b.score - a.weight * a.score);
  return { score, reasons, related };
}
