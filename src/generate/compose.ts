import { zhLabel } from '../domain/shared/taxonomy.js';
import type { Random } from './random.js';
import { constraintTemplates, solutionClaims, type Theme, wishTemplates } from './themes.js';

/** Fills `{subject}`, `{system}`, `{features}` and `{n:lo-hi}` in a template. */
export function fill(template: string, random: Random, words: Record<string, string>): string {
  return template.replace(/\{(\w+)(?::(\d+)-(\d+))?\}/g, (_, name: string, lo?: string, hi?: string) => {
    if (name === 'n' && lo !== undefined && hi !== undefined)
      return String(random.int(Number(lo), Number(hi)));
    return words[name] ?? '';
  });
}

/** 甲、乙和丙 */
export function enumerate(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join('、')}和${items.at(-1)}`;
}

/** Amounts as people budget them: whole 万 below 20, then steps of 5 and 10. */
export function roundWan(value: number): number {
  if (value < 20) return Math.max(1, Math.round(value));
  if (value < 100) return Math.round(value / 5) * 5;
  return Math.round(value / 10) * 10;
}

export function wanRange(random: Random, [lo, hi]: readonly [number, number]): { min: number; max: number } {
  const min = roundWan(lo + random.next() * (hi - lo) * 0.6);
  const max = Math.max(min, roundWan(min * (1.3 + random.next() * 1.2)));
  return { min, max };
}

/** The theme's own technologies, the first (its core) most often. */
export function pickTechnologies(random: Random, theme: Theme): string[] {
  const [core, ...rest] = theme.technologies;
  const picked = random.chance(0.85) && core ? [core] : [];
  picked.push(...random.sample(rest, random.int(picked.length ? 0 : 1, 2)));
  return picked;
}

const TITLE_SUFFIXES = ['项目', '建设项目', '试点', '应用示范', '（一期）', '升级改造', '能力提升'];

/** Lists repeat their themes: a qualifier or a project-style ending tells one poster's title from another's. */
function varyTitle(random: Random, title: string, technologies: readonly string[]): string {
  let varied = title;
  const [technology] = technologies;
  if (technology && random.chance(0.3) && !/^(基于|面向)/.test(varied)) {
    varied = `基于${zhLabel('technology', technology)}的${varied}`;
  }
  if (random.chance(0.45)) {
    const suffix = random.pick(TITLE_SUFFIXES);
    // 建设 + 建设项目 would stutter.
    varied += varied.endsWith('建设') && suffix.startsWith('建设') ? '项目' : suffix;
  }
  return varied.length <= 60 ? varied : title;
}

export interface NeedText {
  title: string;
  description: string;
}

export function needText(random: Random, theme: Theme, technologies: readonly string[]): NeedText {
  const words = {
    subject: random.pick(theme.subjects),
    system: random.pick(theme.systems),
    features: enumerate(random.sample(theme.features, random.int(2, 4))),
  };
  const title = varyTitle(random, fill(random.pick(theme.titles), random, words), technologies);
  const description = [
    `${fill(random.pick(theme.situations), random, words)}，${fill(random.pick(theme.pains), random, words)}。`,
    `${fill(random.pick(wishTemplates), random, words)}。`,
    fill(random.pick(constraintTemplates), random, words),
  ].join('');
  return { title, description };
}

const deploymentPhrases: Record<string, string> = {
  saas: '以SaaS方式提供，按年订阅，开通即用。',
  'on-premise': '支持本地化部署和二次开发，数据留存在客户内网。',
  hybrid: '支持公有云和本地混合部署，可按需扩展。',
};

export function solutionText(
  random: Random,
  theme: Theme,
  tags: { industries: string[]; technologies: string[]; deployment: string },
): NeedText {
  const subject = random.pick(theme.subjects);
  const system = random.pick(theme.systems);
  const industryLabel = zhLabel('industry', tags.industries[0]!);
  const title = random.pick([
    system,
    `${subject}${system}`,
    `面向${industryLabel}的${system}`,
    `${system}解决方案`,
  ]);
  const industries = tags.industries.map((code) => zhLabel('industry', code)).join('、');
  const technologies = tags.technologies.map((code) => zhLabel('technology', code)).join('、');
  const features = enumerate(random.sample(theme.features, random.int(3, 5)));
  const description = [
    `面向${industries}领域${subject}等场景的${system}，提供${features}等功能。`,
    `针对客户${fill(random.pick(theme.pains), random, { subject, system })}等痛点，融合${technologies}技术提供一体化解决方案。`,
    deploymentPhrases[tags.deployment] ?? '',
    fill(random.pick(solutionClaims), random, {}),
  ].join('');
  return { title, description };
}
