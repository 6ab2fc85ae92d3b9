import { type Factor, listZh, reason } from './factor.js';

export const textFactor: Factor = (input) => {
  const { score, sharedTerms } = input.text;
  const detail = sharedTerms.length ? `内容匹配：${listZh(sharedTerms)}` : '需求与方案的描述没有共同关键词';
  return reason(input, 'text', score, detail);
};
