import { z } from 'zod';
import type { Criterion } from '../need/criteria.js';
import type { Command } from '../shared/decider.js';
import { multilineText, text } from '../shared/fields.js';

/** POST /api/v1/engagements/:id/reviews and the expert's 评审 form. */
export const reviewInput = z.strictObject({
  conflict: z.boolean({ error: '请说明是否回避' }),
  scores: z
    .array(
      z.strictObject({
        criterion: text('评审标准', { min: 1, max: 20 }),
        score: z
          .number({ error: '分数须为数字' })
          .int('分数须为整数')
          .min(0, '分数须为0到100')
          .max(100, '分数须为0到100'),
      }),
      { error: '分数须为列表' },
    )
    .max(10, '分数最多10项')
    .optional(),
  comment: multilineText('评审意见', { min: 1, max: 1000 }).optional(),
});
export type ReviewInput = z.output<typeof reviewInput>;

/** The application as the service found it: which need, which vendor, where it stands. */
export interface ReviewedApplicationFact {
  id: string;
  needId: string;
  vendorId: string;
  status: string;
}

export type SubmitReview = Command<
  'SubmitReview',
  {
    review: ReviewInput;
    application: ReviewedApplicationFact;
    /** The need's criteria and its panel now. */
    criteria: Criterion[];
    panel: string[];
    /** The organization the expert belongs to, from their account; null for an independent expert. */
    affiliation: string | null;
  }
>;

export type ReviewCommand = SubmitReview;
