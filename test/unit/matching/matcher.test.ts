import { describe, expect, it } from 'vitest';
import { defaultMatchingConfig, parseMatchingConfig } from '../../../src/matching/config.js';
import {
  corpusStatsFor,
  rankNeedsForSolution,
  rankNeedsForVendor,
  rankSolutionsForNeed,
} from '../../../src/matching/matcher.js';
import { aNeed, aSolution, aVendor, NOW } from './fixtures.js';

const need = aNeed();
const near = aVendor({ id: 'org-near', city: 'dezhou' });
const far = aVendor({ id: 'org-far', city: 'qingdao', qualifications: [] });
const vendors = new Map([near, far].map((v) => [v.id, v]));

const fabric = aSolution({ id: 's-fabric', vendorId: far.id });
const generic = aSolution({
  id: 's-generic',
  vendorId: near.id,
  title: '工业AI视觉表面缺陷检测平台',
  description: '面向金属、塑料、纺织等行业的表面缺陷视觉检测平台，支持小样本训练。',
  industries: ['high-end-equipment'],
});
const finance = aSolution({
  id: 's-finance',
  vendorId: near.id,
  title: '供应链金融服务平台',
  description: '应收账款债权凭证的签发、拆分与融资。',
  industries: ['modern-finance'],
  scenarioTypes: ['supply-chain'],
  technologies: ['blockchain'],
});
const solutions = [finance, generic, fabric];

describe('rankSolutionsForNeed', () => {
  const results = rankSolutionsForNeed(need, solutions, vendors, { now: NOW });

  it('ranks the closest solution first and leaves out one with nothing in common', () => {
    expect(results.map((r) => r.solutionId)).toEqual(['s-fabric', 's-generic']);
    expect(results[0]!.score).toBeGreaterThan(results[1]!.score);
  });

  it('returns {solutionId, vendorId, score, reasons} with every factor explained in Chinese', () => {
    const [best] = results;
    expect(best).toMatchObject({ solutionId: 's-fabric', vendorId: 'org-far' });
    expect(best!.score).toBeGreaterThan(0);
    expect(best!.score).toBeLessThanOrEqual(1);
    expect(best!.reasons.map((r) => r.factor).sort()).toEqual(
      Object.keys(defaultMatchingConfig.weights).sort(),
    );
    expect(best!.reasons.find((r) => r.factor === 'technology')!.detail).toBe('技术匹配：机器视觉、人工智能');
    for (const r of best!.reasons) expect(r.detail).toMatch(/[\u4e00-\u9fff]/);
  });

  it('takes its weights from the configuration', () => {
    const weights = Object.fromEntries(Object.keys(defaultMatchingConfig.weights).map((k) => [k, 0]));
    const regionOnly = parseMatchingConfig({ ...defaultMatchingConfig, weights: { ...weights, region: 1 } });
    const ranked = rankSolutionsForNeed(need, solutions, vendors, { now: NOW, config: regionOnly });
    expect(ranked[0]).toMatchObject({ solutionId: 's-generic', score: 1 });
  });

  it('rejects a configuration with a negative weight', () => {
    const weights = { ...defaultMatchingConfig.weights, text: -1 };
    expect(() => parseMatchingConfig({ ...defaultMatchingConfig, weights })).toThrow();
  });

  it('honours the limit and gives the same result with corpus statistics passed in', () => {
    expect(rankSolutionsForNeed(need, solutions, vendors, { now: NOW, limit: 1 })).toEqual(
      results.slice(0, 1),
    );
    const corpus = corpusStatsFor(solutions);
    expect(rankSolutionsForNeed(need, solutions, vendors, { now: NOW, corpus })).toEqual(results);
  });
});

describe('the reverse direction', () => {
  const textile = aNeed({ id: 'n-textile' });
  const steel = aNeed({
    id: 'n-steel',
    title: '冷轧钢板表面缺陷检测',
    description: '冷轧产线需要在线检测钢板表面划伤、辊印等缺陷。',
    industry: 'high-end-equipment',
  });
  const loans = aNeed({
    id: 'n-loans',
    title: '商户信用贷款审批',
    description: '银行希望对批发市场商户做纯信用贷款的智能审批。',
    industry: 'modern-finance',
    scenarioType: 'operations',
    technologies: ['big-data'],
  });
  const needs = [loans, steel, textile];

  it('ranks needs for a solution with the same factors', () => {
    const results = rankNeedsForSolution(fabric, far, needs, { now: NOW });
    expect(results[0]).toMatchObject({ needId: 'n-textile', solutionId: 's-fabric' });
    expect(results.map((r) => r.needId)).not.toContain('n-loans');
    expect(results[0]!.reasons.find((r) => r.factor === 'freshness')!.detail).toMatch(/^需求/);
  });

  it('recommends each need to a vendor once, through its best-fitting solution', () => {
    const vendorSolutions = [generic, finance, aSolution({ id: 's-other-vendor', vendorId: far.id })];
    const results = rankNeedsForVendor(near, vendorSolutions, needs, { now: NOW });
    expect(new Set(results.map((r) => r.needId)).size).toBe(results.length);
    expect(results.find((r) => r.needId === 'n-loans')).toMatchObject({ solutionId: 's-finance' });
    expect(results.find((r) => r.needId === 'n-steel')).toMatchObject({ solutionId: 's-generic' });
    expect(results.map((r) => r.solutionId)).not.toContain('s-other-vendor');
  });
});
