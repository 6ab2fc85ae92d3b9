import { zhLabel } from '../../domain/shared/taxonomy.js';
import { type Factor, listZh, reason } from './factor.js';

export const industryFactor: Factor = (input) => {
  const { need, solution } = input;
  if (solution.industries.includes(need.industry)) {
    return reason(input, 'industry', 1, `行业契合：${zhLabel('industry', need.industry)}`);
  }
  const served = listZh(solution.industries.map((c) => zhLabel('industry', c)));
  return reason(
    input,
    'industry',
    0,
    `行业不同：需求属${zhLabel('industry', need.industry)}，方案面向${served}`,
  );
};
