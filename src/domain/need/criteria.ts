import { z } from 'zod';
import { text } from '../shared/fields.js';

/** One evaluation criterion (评审标准) and its weight in percent. */
export interface Criterion {
  name: string;
  weight: number;
}

export const CRITERIA_MAX = 10;

/**
 * 评审标准: named criteria whose integer weights add up to 100, so a weighted mean of 0–100 scores is itself
 * a score of 0–100. Names are unique: an expert's score is given per name.
 */
export const criteriaSchema = z
  .array(
    z.strictObject({
      name: text('评审标准名称', { min: 1, max: 20 }),
      weight: z
        .number({ error: '权重须为数字' })
        .int('权重须为整数')
        .min(1, '权重须为1到100')
        .max(100, '权重须为1到100'),
    }),
    { error: '评审标准须为列表' },
  )
  .max(CRITERIA_MAX, `评审标准最多${CRITERIA_MAX}项`)
  .superRefine((criteria, ctx) => {
    const seen = new Set<string>();
    criteria.forEach((criterion, index) => {
      if (seen.has(criterion.name))
        ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `评审标准“${criterion.name}”重复` });
      seen.add(criterion.name);
    });
    const total = criteria.reduce((sum, criterion) => sum + criterion.weight, 0);
    if (criteria.length > 0 && total !== 100)
      ctx.addIssue({ code: 'custom', path: [], message: `评审标准的权重合计须为100，现为${total}` });
  });
