import { zhLabel } from '../../domain/shared/taxonomy.js';
import { defineFactor, listZh } from './factor.js';

export const industryFactor = defineFactor(
  'industry',
  ({ need, solution }) => (solution.industries.includes(need.industry) ? 1 : 0),
  ({ need, solution }, score) => {
    if (score === 1) return `行业契合：${zhLabel('industry', need.industry)}`;
    const served = listZh(solution.industries.map((c) => zhLabel('industry', c)));
    return `行业不同：需求属${zhLabel('industry', need.industry)}，方案面向${served}`;
  },
);
