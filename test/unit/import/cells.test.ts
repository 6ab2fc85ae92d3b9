import { describe, expect, it } from 'vitest';
import {
  parseCity,
  parseDate,
  parseDeployment,
  parseIndustry,
  parseRegions,
  parseTechnologies,
  parseWanRange,
} from '../../../src/import/cells.js';

const value = <T>(parsed: { ok: true; value: T } | { ok: false; reason: string }) =>
  parsed.ok ? parsed.value : parsed.reason;

describe('cells', () => {
  it('reads budgets in 万元 as a range, and refuses words', () => {
    expect(value(parseWanRange('50-120'))).toEqual({ min: 50, max: 120 });
    expect(value(parseWanRange('50~120'))).toEqual({ min: 50, max: 120 });
    expect(value(parseWanRange('５０～１２０万元'))).toEqual({ min: 50, max: 120 });
    expect(value(parseWanRange('50至120'))).toEqual({ min: 50, max: 120 });
    expect(value(parseWanRange('100'))).toEqual({ min: 100, max: 100 });
    expect(value(parseWanRange('1,200'))).toEqual({ min: 1200, max: 1200 });
    expect(value(parseWanRange('五十万'))).toContain('不是数字金额');
    expect(value(parseWanRange('面议'))).toContain('不是数字金额');
    expect(value(parseWanRange('120-50'))).toContain('最低金额高于最高金额');
  });

  it('resolves taxonomy labels, aliases and codes', () => {
    expect(value(parseIndustry('高端装备'))).toBe('high-end-equipment');
    expect(value(parseIndustry('高端装备产业'))).toBe('high-end-equipment');
    expect(value(parseIndustry('high-end-equipment'))).toBe('high-end-equipment');
    expect(value(parseTechnologies('机器视觉、人工智能，AI; 5G专网'))).toEqual([
      'machine-vision',
      'ai',
      '5g',
    ]);
    expect(value(parseTechnologies('机器视觉、量子计算'))).toContain('“量子计算”不是平台的技术领域');
    expect(value(parseIndustry('房地产'))).toContain('不是平台的行业分类');
  });

  it('takes the 16 cities of Shandong in any common spelling, and nothing else', () => {
    for (const cell of ['淄博', '淄博市', '山东省淄博市', 'zibo'])
      expect(value(parseCity(cell))).toBe('zibo');
    expect(value(parseCity('北京市'))).toContain('“北京市”不是山东省的地市');
    expect(value(parseRegions('全省'))).toEqual(['*']);
    expect(value(parseRegions('青岛市、潍坊'))).toEqual(['qingdao', 'weifang']);
  });

  it('reads deployments and dates as people write them', () => {
    expect(value(parseDeployment('SaaS'))).toBe('saas');
    expect(value(parseDeployment('私有化部署'))).toBe('on-premise');
    expect(value(parseDate('2025年6月30日'))).toBe('2025-06-30');
    expect(value(parseDate('2025/6/3'))).toBe('2025-06-03');
    expect(value(parseDate('下月底'))).toContain('不是日期');
  });
});
