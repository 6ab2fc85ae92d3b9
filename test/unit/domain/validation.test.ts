import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { needFieldsSchema } from '../../../src/domain/need/commands.js';
import { ValidationError } from '../../../src/domain/shared/errors.js';
import { parseInput, toValidationError, zhErrorMap } from '../../../src/domain/shared/validation.js';
import { needFields } from './listing-fixtures.js';

function errorsOf(input: unknown) {
  try {
    parseInput(needFieldsSchema, input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).errors;
  }
  throw new Error('expected a ValidationError');
}

describe('parseInput', () => {
  it('returns the parsed value', () => {
    expect(parseInput(needFieldsSchema, needFields)).toEqual(needFields);
  });

  it('reports every problem with a dotted path and a Chinese message', () => {
    const errors = errorsOf({
      ...needFields,
      title: '短',
      budgetWan: { min: 9, max: 1 },
      technologies: ['ai', 'x'],
    });
    expect(errors).toEqual([
      { path: 'title', message: '标题须为4到60个字' },
      { path: 'technologies.1', message: expect.stringMatching(/^未知的技术代码，可用的代码如 \S+（/) },
      { path: 'budgetWan.max', message: '最高金额不能低于最低金额' },
    ]);
    expect(new ValidationError(errors).status).toBe(422);
  });

  it('words missing fields, wrong types and unknown keys in Chinese', () => {
    const { industry: _, ...withoutIndustry } = needFields;
    expect(errorsOf({ ...withoutIndustry, extra: 1, budgetWan: { min: '1', max: 2 } })).toEqual([
      { path: 'industry', message: '请选择行业' },
      { path: 'budgetWan.min', message: '金额须为数字（万元）' },
      { path: 'extra', message: '不支持的字段' },
    ]);
    const untyped = z.object({ a: z.string(), b: z.number() }).safeParse({ b: 'x' }, { error: zhErrorMap });
    expect(untyped.error && toValidationError(untyped.error).errors).toEqual([
      { path: 'a', message: '此项为必填项' },
      { path: 'b', message: '数据类型不正确' },
    ]);
  });

  it('falls back to the Chinese locale for rules a schema did not word', () => {
    const result = z.object({ n: z.number().int() }).safeParse({ n: 1.5 }, { error: zhErrorMap });
    expect(result.error && toValidationError(result.error).errors[0]?.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
