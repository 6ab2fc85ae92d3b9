import { describe, expect, it } from 'vitest';
import { defaultMatchingConfig } from '../../../src/matching/config.js';
import { budgetFactor } from '../../../src/matching/factors/budget.js';
import type { Factor } from '../../../src/matching/factors/factor.js';
import { freshnessFactor } from '../../../src/matching/factors/freshness.js';
import { industryFactor } from '../../../src/matching/factors/industry.js';
import { qualificationFactor } from '../../../src/matching/factors/qualification.js';
import { regionFactor } from '../../../src/matching/factors/region.js';
import { scenarioFactor } from '../../../src/matching/factors/scenario.js';
import { technologyFactor } from '../../../src/matching/factors/technology.js';
import { textFactor } from '../../../src/matching/factors/text.js';
import { platformStatsOf, trackRecordFactor } from '../../../src/matching/factors/track-record.js';
import { scorePair } from '../../../src/matching/score.js';
import { aNeed, aSolution, aVendor, factorInput } from './fixtures.js';

const config = defaultMatchingConfig;

describe('every factor', () => {
  const factors: Array<[string, Factor]> = [
    ['text', textFactor],
    ['technology', technologyFactor],
    ['industry', industryFactor],
    ['scenario', scenarioFactor],
    ['region', regionFactor],
    ['budget', budgetFactor],
    ['trackRecord', trackRecordFactor],
    ['qualification', qualificationFactor],
    ['freshness', freshnessFactor],
  ];
  it.each(factors)(
    '%s names itself, carries its configured weight, scores 0..1 and explains in Chinese',
    (name, f) => {
      const r = f(factorInput());
      expect(r.factor).toBe(name);
      expect(r.weight).toBe(config.weights[r.factor]);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(1);
      expect(r.detail).toMatch(/[\u4e00-\u9fff]/);
    },
  );
});

describe('text', () => {
  it('passes the similarity on and lists the shared words', () => {
    expect(textFactor(factorInput())).toMatchObject({ score: 0.8, detail: '内容匹配：疵点、断经' });
  });
  it('says so when the texts share nothing', () => {
    expect(textFactor(factorInput({ text: { score: 0, sharedTerms: [] } }))).toMatchObject({
      score: 0,
      detail: '需求与方案的描述没有共同关键词',
    });
  });
});

describe('technology', () => {
  it('counts every technology the need asks for that the solution is tagged with', () => {
    expect(technologyFactor(factorInput())).toMatchObject({
      score: 1,
      detail: '技术匹配：机器视觉、人工智能',
    });
  });

  it('resolves aliases and gives part credit for a technology named only in the text', () => {
    const need = aNeed({ technologies: ['视觉检测', 'AI'] });
    const solution = aSolution({ technologies: ['ai'], description: '基于图像识别的在线检测' });
    expect(technologyFactor(factorInput({ need, solution }))).toMatchObject({
      score: (1 + config.technology.mentionCredit) / 2,
      detail: '技术匹配：人工智能；方案描述涉及：机器视觉',
    });
  });

  it('lists what is missing', () => {
    const need = aNeed({ technologies: ['beidou', 'ai'] });
    expect(technologyFactor(factorInput({ need }))).toMatchObject({
      score: 0.5,
      detail: '技术匹配：人工智能；未覆盖：北斗',
    });
  });

  it('scores nothing when the need names no technology', () => {
    expect(technologyFactor(factorInput({ need: aNeed({ technologies: [] }) }))).toMatchObject({
      score: 0,
      detail: '需求未指定技术方向',
    });
  });
});

describe('industry and scenario type', () => {
  it('fit when the solution serves the need’s industry and scenario type', () => {
    expect(industryFactor(factorInput())).toMatchObject({ score: 1, detail: '行业契合：现代轻工纺织' });
    expect(scenarioFactor(factorInput())).toMatchObject({ score: 1, detail: '场景类型契合：质量检测与追溯' });
  });

  it('do not fit otherwise, and say what each side is', () => {
    const solution = aSolution({ industries: ['high-end-equipment'], scenarioTypes: ['production'] });
    expect(industryFactor(factorInput({ solution }))).toMatchObject({
      score: 0,
      detail: '行业不同：需求属现代轻工纺织，方案面向高端装备',
    });
    expect(scenarioFactor(factorInput({ solution }))).toMatchObject({
      score: 0,
      detail: '场景类型不同：需求为质量检测与追溯，方案面向生产制造',
    });
  });
});

describe('region', () => {
  const region = (solution = aSolution(), vendor = aVendor()) =>
    regionFactor(factorInput({ solution, vendor }));

  it('prefers a vendor in the same city, then a listed city, then province-wide service', () => {
    const sameCity = region(aSolution(), aVendor({ city: 'dezhou' }));
    const listed = region(aSolution({ regionsServed: ['dezhou', 'liaocheng'] }));
    const provinceWide = region(aSolution({ regionsServed: ['*'] }));
    const elsewhere = region(aSolution({ regionsServed: ['qingdao'] }));
    expect(sameCity).toMatchObject({ score: config.region.vendorInCity, detail: '服务商位于德州，同城服务' });
    expect(listed).toMatchObject({ score: config.region.listed, detail: '服务区域覆盖德州' });
    expect(provinceWide).toMatchObject({
      score: config.region.provinceWide,
      detail: '服务范围为全省，含德州',
    });
    expect(elsewhere).toMatchObject({ score: config.region.elsewhere, detail: '服务区域未覆盖德州' });
    expect(sameCity.score).toBeGreaterThan(listed.score);
    expect(listed.score).toBeGreaterThan(provinceWide.score);
    expect(provinceWide.score).toBeGreaterThan(elsewhere.score);
  });
});

describe('budget', () => {
  const budget = (priceWan: { min: number; max: number }) =>
    budgetFactor(factorInput({ solution: aSolution({ priceWan }) }));

  it('fits when the price range meets the budget range', () => {
    expect(budget({ min: 30, max: 150 })).toMatchObject({
      score: 1,
      detail: '报价30–150万元，与预算60–150万元相符',
    });
  });

  it('scores the share of the starting price the budget covers when the price is above it', () => {
    expect(budget({ min: 200, max: 300 })).toMatchObject({
      score: 0.75,
      detail: '报价200–300万元，起价高于预算上限150万元',
    });
  });

  it('loses less, down to a floor, when the price is under the budget', () => {
    const floor = config.budget.underBudgetFloor;
    expect(budget({ min: 10, max: 30 })).toMatchObject({
      score: floor + (1 - floor) * 0.5,
      detail: '报价10–30万元，低于预算60–150万元，方案规模可能偏小',
    });
    expect(budget({ min: 1, max: 1 }).score).toBeGreaterThanOrEqual(floor);
  });
});

describe('track record', () => {
  const record = (vendor = aVendor(), meanRating = 4) =>
    trackRecordFactor(factorInput({ vendor, platform: { meanRating } }));

  it('rates a vendor without history at the platform mean', () => {
    const { ratingShare } = config.trackRecord;
    expect(record(aVendor(), 4.2)).toMatchObject({
      score: ratingShare * ((4.2 - 1) / 4),
      detail: '暂无交付和评价记录，评分按平台平均水平计',
    });
  });

  it('shrinks a few ratings toward the mean, so one 5-star review does not beat a long good record', () => {
    const once = record(aVendor({ ratingAvg: 5, ratingCount: 1 }));
    const long = record(aVendor({ ratingAvg: 4.8, ratingCount: 40 }));
    expect(long.score).toBeGreaterThan(once.score);
    expect(once.score).toBeGreaterThan(record().score);
  });

  it('grows with delivered engagements and says how many', () => {
    const some = record(aVendor({ deliveredCount: 3, ratingAvg: 4.6, ratingCount: 8 }));
    const many = record(aVendor({ deliveredCount: 12, ratingAvg: 4.6, ratingCount: 8 }));
    expect(many.score).toBeGreaterThan(some.score);
    expect(many.detail).toBe('已交付12个项目，评分4.6（8次评价）');
  });

  it('takes the platform mean over all ratings given, or the configured default before any', () => {
    const vendors = [
      aVendor({ ratingAvg: 5, ratingCount: 3 }),
      aVendor({ ratingAvg: 3, ratingCount: 1 }),
      aVendor(),
    ];
    expect(platformStatsOf(vendors, 4).meanRating).toBe(4.5);
    expect(platformStatsOf([aVendor()], 4).meanRating).toBe(4);
  });
});

describe('qualification', () => {
  it('counts the known qualifications up to the saturation', () => {
    const vendor = aVendor({ qualifications: ['high-tech', 'cmmi-3', 'not-a-code'] });
    expect(qualificationFactor(factorInput({ vendor }))).toMatchObject({
      score: 2 / config.qualification.saturation,
      detail: '具备资质：高新技术企业、CMMI三级及以上',
    });
  });

  it('scores nothing without qualifications', () => {
    expect(qualificationFactor(factorInput({ vendor: aVendor({ qualifications: [] }) }))).toMatchObject({
      score: 0,
      detail: '服务商未登记资质',
    });
  });
});

describe('freshness', () => {
  it('halves every half-life since the ranked listing was last updated', () => {
    const days = 31;
    expect(freshnessFactor(factorInput())).toMatchObject({
      score: 0.5 ** (days / config.freshness.halfLifeDays),
      detail: '方案1个月前更新',
    });
    const recent = aSolution({ updatedAt: '2025-05-22T00:00:00.000Z' });
    expect(freshnessFactor(factorInput({ solution: recent })).detail).toBe('方案10天前更新');
  });

  it('looks at the need in the reverse direction', () => {
    const need = aNeed({ updatedAt: '2024-04-01T00:00:00.000Z', publishedAt: '2024-03-01T00:00:00.000Z' });
    const r = freshnessFactor(factorInput({ need, ranked: 'need' }));
    expect(r.detail).toBe('需求1年前更新');
    expect(r.score).toBeLessThan(0.5);
  });
});

describe('scorePair', () => {
  it('is the weighted mean of the factor scores, largest contribution first', () => {
    const { score, reasons, related } = scorePair(factorInput());
    const total = reasons.reduce((sum, r) => sum + r.weight, 0);
    expect(score).toBeCloseTo(reasons.reduce((sum, r) => sum + r.weight * r.score, 0) / total, 10);
    expect(reasons.map((r) => r.factor).sort()).toEqual(Object.keys(config.weights).sort());
    const contributions = reasons.map((r) => r.weight * r.score);
    expect(contributions).toEqual([...contributions].sort((a, b) => b - a));
    expect(related).toBe(true);
  });

  it('marks a pair with nothing in common as unrelated, however close and cheap', () => {
    const solution = aSolution({
      industries: ['modern-finance'],
      scenarioTypes: ['operations'],
      technologies: ['blockchain'],
    });
    const input = factorInput({ solution, text: { score: 0, sharedTerms: [] } });
    expect(scorePair(input).related).toBe(false);
  });

  it('needs a text score of at least minRelated for text alone to make a pair related', () => {
    const solution = aSolution({
      industries: ['modern-finance'],
      scenarioTypes: ['operations'],
      technologies: [],
    });
    const { minRelated } = config.text;
    const related = (score: number) =>
      scorePair(factorInput({ solution, text: { score, sharedTerms: ['智能'] } })).related;
    expect(related(minRelated / 2)).toBe(false);
    expect(related(minRelated)).toBe(true);
  });
});
