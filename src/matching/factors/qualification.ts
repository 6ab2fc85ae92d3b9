import { isCode, zhLabel } from '../../domain/shared/taxonomy.js';
import type { FactorInput } from './factor.js';
import { defineFactor, listZh } from './factor.js';

const held = (input: FactorInput) => input.vendor.qualifications.filter((q) => isCode('qualification', q));

export const qualificationFactor = defineFactor(
  'qualification',
  (input) => held(input).length / input.config.qualification.saturation,
  (input) => {
    const codes = held(input);
    if (codes.length === 0) return '服务商未登记资质';
    return `具备资质：${listZh(codes.map((q) => zhLabel('qualification', q)))}`;
  },
);
