import { describe, expect, it } from 'vitest';
import { criteriaSchema } from '../../../src/domain/need/criteria.js';
import { ValidationError } from '../../../src/domain/shared/errors.js';
import { parseInput } from '../../../src/domain/shared/validation.js';

function refusal(input: unknown): string[] {
  try {
    parseInput(criteriaSchema, input);
  } catch (error) {
    if (error instanceof ValidationError) return error.errors.map((e) => `${e.path}: ${e.message}`);
    throw error;
  }
  throw new Error('expected the criteria to be refused');
}

const criteria = [
  { name: '技术方案', weight: 40 },
  { name: '实施经验', weight: 30 },
  { name: '报价', weight: 20 },
  { name: '服务保障', weight: 10 },
];

describe('evaluation criteria (评审标准)', () => {
  it('takes named criteria whose weights add up to 100, or none', () => {
    expect(parseInput(criteriaSchema, criteria)).toEqual(criteria);
    expect(parseInput(criteriaSchema, [])).toEqual([]);
  });
  it('refuses weights that do not add up to 100', () =>
    expect(refusal(criteria.slice(1))).toEqual([': 评审标准的权重合计须为100，现为60']));
  it('refuses a name given twice, an empty name and a weight that is no whole percent', () => {
    expect(refusal([...criteria.slice(0, 3), { name: '报价', weight: 10 }])).toEqual([
      '3.name: 评审标准“报价”重复',
    ]);
    expect(refusal([{ name: ' ', weight: 100 }])).toHaveLength(1);
    expect(
      refusal([
        { name: '技术方案', weight: 99.5 },
        { name: '报价', weight: 0.5 },
      ]),
    ).toContain('0.weight: 权重须为整数');
  });
});
