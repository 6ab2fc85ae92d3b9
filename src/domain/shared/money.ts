import { z } from 'zod';

/** Amounts are in 万元 (10,000 CNY), as the platform's forms and lists show them. */
const MAX_WAN = 1_000_000;

export const wanAmountSchema = z
  .number({ error: '金额须为数字（万元）' })
  .min(0, '金额不能为负数')
  .max(MAX_WAN, `金额不能超过${MAX_WAN}万元`);

export const wanRangeSchema = z
  .strictObject({ min: wanAmountSchema, max: wanAmountSchema })
  .refine((range) => range.min <= range.max, { path: ['max'], error: '最高金额不能低于最低金额' });

export type WanRange = z.output<typeof wanRangeSchema>;
