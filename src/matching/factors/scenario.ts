import { zhLabel } from '../../domain/shared/taxonomy.js';
import { defineFactor, listZh } from './factor.js';

export const scenarioFactor = defineFactor(
  'scenario',
  ({ need, solution }) => (solution.scenarioTypes.includes(need.scenarioType) ? 1 : 0),
  ({ need, solution }, score) => {
    const wanted = zhLabel('scenarioType', need.scenarioType);
    if (score === 1) return `场景类型契合：${wanted}`;
    const offered = listZh(solution.scenarioTypes.map((c) => zhLabel('scenarioType', c)));
    return `场景类型不同：需求为${wanted}，方案面向${offered}`;
  },
);
