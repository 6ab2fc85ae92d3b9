import type { WanRange } from '../../domain/shared/money.js';
import { defineFactor } from './factor.js';

function wan(range: WanRange): string {
  return range.min === range.max ? `${range.min}万元` : `${range.min}–${range.max}万元`;
}

/**
 * Full marks when the price range meets the budget range. A price above the budget scores the share of it the
 * budget covers; a price under it loses less, down to a floor, since the offer may only be smaller in scope.
 */
export const budgetFactor = defineFactor(
  'budget',
  ({ need, solution, config }) => {
    const budget = need.budgetWan;
    const price = solution.priceWan;
    if (price.min > budget.max) return price.min > 0 ? budget.max / price.min : 0;
    if (price.max < budget.min) {
      const floor = config.budget.underBudgetFloor;
      return floor + (1 - floor) * (budget.min > 0 ? price.max / budget.min : 1);
    }
    return 1;
  },
  ({ need, solution }) => {
    const budget = need.budgetWan;
    const price = solution.priceWan;
    if (price.min > budget.max) return `报价${wan(price)}，起价高于预算上限${budget.max}万元`;
    if (price.max < budget.min) return `报价${wan(price)}，低于预算${wan(budget)}，方案规模可能偏小`;
    return `报价${wan(price)}，与预算${wan(budget)}相符`;
  },
);
