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

export type Factor = (input: FactorInput) => Reason;

export function reason(input: FactorInput, factor: FactorName, score: number, detail: string): Reason {
  return { factor, weight: input.config.weights[factor], score: Math.min(1, Math.max(0, score)), detail };
}

/** Chinese enumeration: 机器视觉、人工智能 */
export function listZh(items: readonly string[]): string {
  return items.join('、');
}
