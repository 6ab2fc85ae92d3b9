import type { MatchingConfig } from '../config.js';
import type { FactorName, NeedDoc, Reason, SolutionDoc, VendorDoc } from '../types.js';

/** Text similarity of the pair, scaled to 0..1 within the candidate set, with the words both texts share. */
export interface TextMatch {
  score: number;
  sharedTerms: string[];
}

/** Platform-wide figures the track record is shrunk toward. */
export interface PlatformStats {
  meanRating: number;
}

/** One need–solution pair with what every factor may look at. */
export interface FactorInput {
  need: NeedDoc;
  solution: SolutionDoc;
  vendor: VendorDoc;
  text: TextMatch;
  platform: PlatformStats;
  now: Date;
  config: MatchingConfig;
  /** The listing being ranked: the solution when matching a need, the need in the reverse direction. */
  ranked: 'solution' | 'need';
}

/**
 * One named factor: called, it gives the full reason (score and Chinese explanation); `score` alone skips the
 * explanation, which costs more than the score itself, for the many candidates that are ranked and not shown.
 */
export interface Factor {
  (input: FactorInput): Reason;
  factor: FactorName;
  score(input: FactorInput): number;
}

const clamped = (score: number) => Math.min(1, Math.max(0, score));

/** A factor from its score and its explanation of that score (given clamped to 0..1). */
export function defineFactor(
  name: FactorName,
  score: (input: FactorInput) => number,
  explain: (input: FactorInput, score: number) => string,
): Factor {
  const factor = (input: FactorInput): Reason => {
    const value = clamped(score(input));
    return { factor: name, weight: input.config.weights[name], score: value, detail: explain(input, value) };
  };
  return Object.assign(factor, { factor: name, score: (input: FactorInput) => clamped(score(input)) });
}

/** Chinese enumeration: 机器视觉、人工智能 */
export function listZh(items: readonly string[]): string {
  return items.join('、');
}
