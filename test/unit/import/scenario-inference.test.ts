import { describe, expect, it } from 'vitest';
import { inferScenarioType } from '../../../src/import/scenario-inference.js';
import dataset from '../../../src/seed/match-dev.json' with { type: 'json' };

describe('inferScenarioType', () => {
  it('names the labelled scenario type of most development-set needs from their texts alone', () => {
    const right = dataset.needs.filter(
      (n) => inferScenarioType(n.title, n.description) === n.scenarioType,
    ).length;
    expect(right).toBeGreaterThanOrEqual(22);
  });

  it('says nothing rather than guess when no cue occurs', () => {
    expect(inferScenarioType('某某项目', '详见附件。')).toBeUndefined();
  });
});
