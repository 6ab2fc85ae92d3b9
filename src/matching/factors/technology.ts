import { zhLabel } from '../../domain/shared/taxonomy.js';
import { resolvedTechnologies, technologiesMentionedIn } from '../technology-terms.js';
import type { FactorInput } from './factor.js';
import { defineFactor, listZh } from './factor.js';

/** The technologies the need asks for, split by how the solution offers them. */
function coverage({ need, solution }: FactorInput) {
  const wanted = [...resolvedTechnologies(need.technologies)];
  const tagged = resolvedTechnologies(solution.technologies);
  const named = technologiesMentionedIn(solution);
  return {
    wanted,
    matched: wanted.filter((t) => tagged.has(t)),
    mentioned: wanted.filter((t) => !tagged.has(t) && named.has(t)),
    missing: wanted.filter((t) => !tagged.has(t) && !named.has(t)),
  };
}

const label = (codes: string[]) => listZh(codes.map((c) => zhLabel('technology', c)));

/**
 * How much of what the need asks for the solution offers: each technology the need is tagged with counts fully
 * when the solution is tagged with it too, partly when the solution only names it in its text.
 */
export const technologyFactor = defineFactor(
  'technology',
  (input) => {
    const { wanted, matched, mentioned } = coverage(input);
    if (wanted.length === 0) return 0;
    return (matched.length + input.config.technology.mentionCredit * mentioned.length) / wanted.length;
  },
  (input) => {
    const { wanted, matched, mentioned, missing } = coverage(input);
    if (wanted.length === 0) return '需求未指定技术方向';
    return [
      matched.length ? `技术匹配：${label(matched)}` : '',
      mentioned.length ? `方案描述涉及：${label(mentioned)}` : '',
      missing.length ? `未覆盖：${label(missing)}` : '',
    ]
      .filter(Boolean)
      .join('；');
  },
);
