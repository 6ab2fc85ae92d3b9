import { zhLabel } from '../../domain/shared/taxonomy.js';
import { resolvedTechnologies, technologiesMentionedIn } from '../technology-terms.js';
import { type Factor, listZh, reason } from './factor.js';

/**
 * How much of what the need asks for the solution offers: each technology the need is tagged with counts fully
 * when the solution is tagged with it too, partly when the solution only names it in its text.
 */
export const technologyFactor: Factor = (input) => {
  const { need, solution, config } = input;
  const wanted = resolvedTechnologies(need.technologies);
  const label = (codes: string[]) => listZh(codes.map((c) => zhLabel('technology', c)));
  if (wanted.size === 0) return reason(input, 'technology', 0, '需求未指定技术方向');
  const tagged = resolvedTechnologies(solution.technologies);
  const named = technologiesMentionedIn(solution);
  const matched = [...wanted].filter((t) => tagged.has(t));
  const mentioned = [...wanted].filter((t) => !tagged.has(t) && named.has(t));
  const missing = [...wanted].filter((t) => !tagged.has(t) && !named.has(t));
  const score = (matched.length + config.technology.mentionCredit * mentioned.length) / wanted.size;
  const parts = [
    matched.length ? `技术匹配：${label(matched)}` : '',
    mentioned.length ? `方案描述涉及：${label(mentioned)}` : '',
    missing.length ? `未覆盖：${label(missing)}` : '',
  ].filter(Boolean);
  return reason(input, 'technology', score, parts.join('；'));
};
