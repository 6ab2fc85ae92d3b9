import { isCode, zhLabel } from '../../domain/shared/taxonomy.js';
import { type Factor, listZh, reason } from './factor.js';

export const qualificationFactor: Factor = (input) => {
  const held = input.vendor.qualifications.filter((q) => isCode('qualification', q));
  if (held.length === 0) return reason(input, 'qualification', 0, '服务商未登记资质');
  const score = held.length / input.config.qualification.saturation;
  return reason(
    input,
    'qualification',
    score,
    `具备资质：${listZh(held.map((q) => zhLabel('qualification', q)))}`,
  );
};
