import { describe, expect, it } from 'vitest';
import { loadMatchDataset } from '../../../bench/match-dataset.js';
import { evaluate, matcherRanker } from '../../../bench/match-systems.js';
import { bigramBm25Baseline } from '../../../src/matching/baselines.js';

describe('matching quality on the labeled dev set', () => {
  it('reaches nDCG@10 ≥ 0.95 and never falls below bigram BM25', () => {
    const dataset = loadMatchDataset('src/seed/match-dev.json');
    const matcher = evaluate(dataset, matcherRanker(dataset));
    const bigram = evaluate(dataset, bigramBm25Baseline(dataset.solutions));
    expect(matcher.ndcg10).toBeGreaterThanOrEqual(0.95);
    expect(matcher.ndcg10).toBeGreaterThanOrEqual(bigram.ndcg10);
  }, 5_000);
});
