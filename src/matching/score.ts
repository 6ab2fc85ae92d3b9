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

export type PairRank = Omit<PairScore, 'reasons'>;

function weightedMean(input: FactorInput, scores: readonly (readonly [FactorName, number])[]): PairRank {
  const { weights, text } = input.config;
  let total = 0;
  let sum = 0;
  let related = false;
  for (const [name, score] of scores) {
    total += weights[name];
    sum += weights[name] * score;
    if (name === 'text' ? score >= text.minRelated : fitFactors.has(name) && score > 0) related = true;
  }
  return { score: total ? sum / total : 0, related };
}

/** The score of a pair without the explanations: what ranking many candidates needs. */
export function rankPair(input: FactorInput): PairRank {
  return weightedMean(
    input,
    factors.map((f) => [f.factor, f.score(input)] as const),
  );
}

/** The score of a pair with every factor explained. */
export function scorePair(input: FactorInput): PairScore {
  const reasons = factors.map((factor) => factor(input));
  const { score, related } = weightedMean(
    input,
    reasons.map((r) => [r.factor, r.score] as const),
  );
  reasons.sort((a, b) => b.weight * b.score - a.weight * a.score);
  return { score, reasons, related };
}
