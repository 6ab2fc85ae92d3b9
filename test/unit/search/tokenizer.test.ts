import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DICTIONARY_PATH,
  extractKeywords,
  indexTokens,
  MAX_QUERY_TERMS,
  queryTerms,
  searchTokens,
  segment,
} from '../../../src/search/tokenizer.js';

const fixtures = JSON.parse(
  readFileSync(new URL('../../../src/seed/match-dev.json', import.meta.url), 'utf8'),
) as {
  needs: { key: string; title: string; description: string }[];
};

describe('Chinese tokenizer', () => {
  it('keeps domain terms whole where the default dictionary would split them', () => {
    expect(segment('多品种小批量机加车间智能排产')).toContain('智能排产');
    expect(segment('化工园区能耗与碳排放在线监测平台')).toEqual([
      '化工园区',
      '能耗',
      '碳排放',
      '在线监测',
      '平台',
    ]);
    expect(segment('采用视觉检测和5G专网')).toEqual(['采用', '视觉检测', '5g专网']);
  });

  it('indexes a compound with its parts, so other segmentations of it still match', () => {
    expect(indexTokens('冷链物流')).toEqual(expect.arrayContaining(['冷链物流', '冷链', '物流']));
    expect(indexTokens('港口设备预测性维护')).toEqual(
      expect.arrayContaining(['预测性维护', '预测性', '预测', '维护', '港口', '设备']),
    );
    expect(indexTokens('高级计划排程系统')).toEqual(expect.arrayContaining(['高级计划排程', '排程', '计划']));
  });

  it('keeps term frequency: a word written twice is indexed twice', () => {
    expect(indexTokens('冷库 冷库').filter((t) => t === '冷库')).toHaveLength(2);
  });

  it('lower-cases, folds full-width forms and drops punctuation and stop words', () => {
    expect(indexTokens('ＡＩ和SaaS平台，ERP、MES的“集成”')).toEqual([
      'ai',
      'saas',
      '平台',
      'erp',
      'mes',
      '集成',
    ]);
    expect(segment('的了和与及。！？')).toEqual([]);
  });

  it('turns a query into distinct terms, with the parts that can stand in for a domain term', () => {
    expect(queryTerms('冷链物流 冷链物流')).toEqual([
      { term: '冷链物流', parts: ['冷链', '物流'], indexed: true },
    ]);
    expect(queryTerms('预测 维护')).toEqual([
      { term: '预测', parts: [], indexed: true },
      { term: '维护', parts: [], indexed: true },
    ]);
    expect(queryTerms('无人机与低空经济')).toEqual([
      { term: '无人机与低空经济', parts: ['无人机', '低空', '经济'], indexed: true },
    ]);
  });

  it('matches a word the dictionary does not know by the pieces the index holds', () => {
    // 排单 is a word only jieba's HMM finds (排产 was, until the related terms put it in the dictionary).
    const [term] = queryTerms('排单');
    expect(term).toMatchObject({ indexed: false, parts: ['排', '单'] });
    expect(searchTokens('急单排单优化引擎')).toEqual(expect.arrayContaining(['排', '单']));
  });

  it('folds case, width and traditional characters alike on both sides', () => {
    for (const q of ['AI', 'ai', 'ＡＩ']) expect(queryTerms(q).map((t) => t.term)).toEqual(['ai']);
    expect(segment('視覺檢測')).toEqual(segment('视觉检测'));
    expect(searchTokens('獨居老人居家看護')).toEqual(searchTokens('独居老人居家看护'));
  });

  it('finds a query word wherever the text holds it, whatever the words around it', () => {
    const compounds = readFileSync(DICTIONARY_PATH, 'utf8')
      .split('\n')
      .map((line) => line.split(' ')[0]!)
      .filter((term) => /^\p{Script=Han}{3,}$/u.test(term));
    const neighbours = ['智能', '人工', '检测', '排产', '老人', '平台', '系统', '监测', '数字', '养老'];
    const term = fc.constantFrom(...compounds);
    fc.assert(
      fc.property(
        term,
        fc.constantFrom(...neighbours, ...compounds),
        fc.constantFrom(...neighbours),
        (word, before, after) => {
          const tokens = new Set(searchTokens(`${before}${word}${after}`));
          for (const query of [word, ...queryTerms(word).map((t) => t.term)]) {
            for (const t of queryTerms(query)) {
              const held = t.indexed
                ? tokens.has(t.term) || (t.parts.length > 1 && t.parts.every((p) => tokens.has(p)))
                : t.parts.every((p) => tokens.has(p));
              expect(held, `${query} in ${before}${word}${after}`).toBe(true);
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('keeps a run of letters and digits whole, even where it begins with an acronym of the dictionary', () => {
    // HIS and AR are dictionary acronyms; a user name or a product code must not be cut at them.
    for (const word of ['histdemander', 'arcgis2024', 'his']) {
      expect(segment(word)).toEqual([word]);
      expect(searchTokens(word)).toContain(word);
      expect(queryTerms(word).map((t) => t.term)).toEqual([word]);
    }
    expect(segment('5G基站')).toEqual(['5g', '基站']);
  });

  it('reads at most the first 10 terms of a query, as Meilisearch does', () => {
    const long = '冷链 物流 港口 设备 维护 预测 温度 监控 园区 能耗 碳排放 追溯';
    expect(queryTerms(long).map((t) => t.term)).toEqual(long.split(' ').slice(0, MAX_QUERY_TERMS));
  });

  it('extracts the keywords that say what a need is about, best first, without bare numbers', () => {
    const coldChain = fixtures.needs.find((n) => n.key === 'D-N06')!;
    const keywords = extractKeywords(`${coldChain.title}。${coldChain.description}`, 8);
    expect(keywords).toHaveLength(8);
    expect(keywords.map((k) => k.keyword)).toEqual(expect.arrayContaining(['冷藏车', '冷库', '温湿度']));
    for (let i = 1; i < keywords.length; i++)
      expect(keywords[i]!.weight).toBeLessThanOrEqual(keywords[i - 1]!.weight);
    expect(keywords.every((k) => /\p{L}/u.test(k.keyword))).toBe(true);
  });
});
