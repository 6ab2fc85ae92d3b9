import { defineFactor, listZh } from './factor.js';

export const textFactor = defineFactor(
  'text',
  (input) => input.text.score,
  ({ text }) =>
    text.sharedTerms.length ? `内容匹配：${listZh(text.sharedTerms)}` : '需求与方案的描述没有共同关键词',
);
