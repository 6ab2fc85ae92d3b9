import { zhLabel } from '../../domain/shared/taxonomy.js';
import { type Factor, listZh, reason } from './factor.js';

export const scenarioFactor: Factor = (input) => {
  const { need, solution } = input;
  const wanted = zhLabel('scenarioType', need.scenarioType);
  if (solution.scenarioTypes.includes(need.scenarioType)) {
    return reason(input, 'scenario', 1, `场景类型契合：${wanted}`);
  }
  const offered = listZh(solution.scenarioTypes.map((c) => zhLabel('scenarioType', c)));
  return reason(input, 'scenario', 0, `场景类型不同：需求为${wanted}，方案面向${offered}`);
};
