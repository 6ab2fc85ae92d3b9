import { describe, expect, it } from 'vitest';
import { charBigrams } from '../../../src/matching/bigrams.js';
import { bm25, collectionStatsOf, countTerms } from '../../../src/matching/bm25.js';
import { defaultMatchingConfig } from '../../../src/matching/config.js';
import { termCount } from '../../../src/matching/term-vector.js';
import {
  analyzeListing,
  corpusStatsOf,
  sharedTerms,
  textScores,
} from '../../../src/matching/text-similarity.js';
import { indexTokens } from '../../../src/search/tokenizer.js';

const settings = defaultMatchingConfig.text;
const analyze = (title: string, description: string) =>
  analyzeListing({ title, description }, indexTokens, settings);

describe('charBigrams', () => {
  it('pairs neighbouring characters inside runs of letters and digits, lower-cased', () => {
    expect(charBigrams('冷链监控，AI')).toEqual(['冷链', '链监', '监控', 'ai']);
    expect(charBigrams('鱼')).toEqual(['鱼']);
  });
});

describe('bm25', () => {
  const docs = [countTerms(['冷链', '温度']), countTerms(['冷链', '追溯']), countTerms(['冷链', '排产'])];
  const stats = collectionStatsOf(docs);
  const params = { k1: 1.2, b: 0.75 };

  it('weighs a rare shared term above one every document has', () => {
    expect(bm25(countTerms(['温度']), docs[0]!, stats, params)).toBeGreaterThan(
      bm25(countTerms(['冷链']), docs[0]!, stats, params),
    );
  });

  it('grows with term frequency, with saturation', () => {
    const once = bm25(countTerms(['温度']), countTerms(['温度', '冷链']), stats, params);
    const twice = bm25(countTerms(['温度']), countTerms(['温度', '温度', '冷链', '冷链']), stats, params);
    expect(twice).toBeGreaterThan(once);
    expect(twice).toBeLessThan(2 * once);
  });
});

describe('text similarity', () => {
  const query = analyze('冷链仓配全程温度监控', '冷库和冷藏车需要全程温度监控与报警，数据可追溯。');
  const docs = [
    analyze('冷链全程温湿度监控平台', '冷库、冷藏车温湿度实时监测，超温报警，全程数据可追溯。'),
    analyze('多品种小批量智能排产', '高级计划排程，插单模拟与甘特图调整。'),
    analyze('冷藏车车载温控终端', '冷藏车车载温度记录与北斗定位。'),
  ];
  const stats = corpusStatsOf(docs);
  const scores = textScores(query, docs, stats, settings);

  it('scales scores within the candidates: the closest text gets 1, an unrelated one 0', () => {
    expect(scores[0]).toBe(1);
    expect(scores[1]).toBe(0);
    expect(scores[2]).toBeGreaterThan(0);
    expect(scores[2]).toBeLessThan(1);
  });

  it('names the shared words, without the pieces of a longer shared word', () => {
    const shared = sharedTerms(query, docs[0]!, stats, settings);
    expect(shared.length).toBeGreaterThan(0);
    expect(shared.length).toBeLessThanOrEqual(settings.sharedTermsShown);
    expect(shared).toContain('冷库');
    for (const term of shared)
      expect(shared.filter((other) => other !== term && other.includes(term))).toEqual([]);
    expect(sharedTerms(query, docs[1]!, stats, settings)).toEqual([]);
  });

  it('counts the title words titleBoost times', () => {
    const analyzed = analyze('冷链', '冷链');
    expect(termCount(analyzed.words, '冷链')).toBe(settings.titleBoost + 1);
  });
});

describe('analyzeListing', () => {
  it('analyzes a listing again when its text changed in place', () => {
    const listing = { title: '冷链监控', description: '温度' };
    expect(termCount(analyzeListing(listing, indexTokens, settings).words, '排产')).toBe(0);
    listing.description = '生产排产';
    expect(termCount(analyzeListing(listing, indexTokens, settings).words, '排产')).toBe(1);
  });
});

describe('a need brief in the text 云速配 matches on', () => {
  const need = {
    title: '车间质量管理提升',
    description: '希望提升车间的质量管理水平，减少返工。',
  };
  const brief = {
    problem: '冲压件表面划痕靠人工目检，漏检率约3%。',
    goals: '实现表面缺陷在线检测。',
    requirements: '采用机器视觉，单件检测不超过2秒，对接MES。',
    acceptanceCriteria: ['缺陷检出率不低于99%'],
  };
  const vision = analyze(
    '表面缺陷机器视觉检测系统',
    '基于机器视觉的冲压件表面缺陷在线检测，单件检测2秒内，支持对接MES。',
  );
  const energy = analyze('园区能耗监测平台', '采集水电气数据，分析园区能耗，给出节能建议。');
  const stats = corpusStatsOf([vision, energy]);

  it('reads the brief parts after the description', () => {
    expect(analyzeListing({ ...need, ...brief }, indexTokens, settings)).not.toEqual(
      analyzeListing({ ...need }, indexTokens, settings),
    );
    expect(
      termCount(analyzeListing({ ...need, ...brief }, indexTokens, settings).words, '视觉'),
    ).toBeGreaterThan(0);
  });

  it('ranks the solution the brief asks for far higher once the brief is filled', () => {
    const [without] = textScores(
      analyzeListing({ ...need }, indexTokens, settings),
      [vision, energy],
      stats,
      settings,
    );
    const [withBrief, other] = textScores(
      analyzeListing({ ...need, ...brief }, indexTokens, settings),
      [vision, energy],
      stats,
      settings,
    );
    expect(withBrief).toBeGreaterThan(without! * 2);
    expect(withBrief).toBeGreaterThan(other!);
  });
});
