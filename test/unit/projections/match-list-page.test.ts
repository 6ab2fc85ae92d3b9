import { describe, expect, it } from 'vitest';
import type { SolutionMatch } from '../../../src/matching/types.js';
import {
  allResults,
  firstResults,
  MATCH_PAGE,
  type PagedResults,
  paged,
} from '../../../src/projections/match-list-page.js';

const TECHNOLOGIES = ['机器视觉', '人工智能', '工业互联网', '数字孪生', '边缘计算', '大数据分析', '物联网'];
const INDUSTRIES = ['装备制造', '化工', '纺织服装', '食品加工', '汽车零部件'];
const REGIONS = ['济南', '青岛', '潍坊', '烟台', '淄博', '临沂'];

/** A list of 50 as the ranking leaves it, best first, each match explained in Chinese as the stored ones are. */
function rankedList(): SolutionMatch[] {
  return Array.from({ length: 50 }, (_, i) => ({
    solutionId: `0194c4a2-7b1e-7c3a-9f00-${String(i).padStart(12, '0')}`,
    vendorId: `0194c4a2-7b1e-7c3a-8e00-${String(i % 17).padStart(12, '0')}`,
    score: Math.round((0.95 - i * 0.013) * 1e4) / 1e4,
    reasons: [
      {
        factor: 'text' as const,
        weight: 0.35,
        score: (50 - i) / 50,
        detail: `文本相似：${TECHNOLOGIES[i % 7]}、${INDUSTRIES[i % 5]}场景下的质量检测与${TECHNOLOGIES[(i * 3) % 7]}`,
      },
      {
        factor: 'technology' as const,
        weight: 0.2,
        score: ((i * 7) % 10) / 10,
        detail: `技术匹配：${TECHNOLOGIES[(i + 1) % 7]}、${TECHNOLOGIES[(i + 4) % 7]}`,
      },
      {
        factor: 'region' as const,
        weight: 0.1,
        score: i % 2,
        detail: `服务地区：${REGIONS[i % 6]}、${REGIONS[(i + 2) % 6]}`,
      },
      {
        factor: 'trackRecord' as const,
        weight: 0.15,
        score: 0.5,
        detail: `已交付 ${i % 9} 个项目，平均评分 4.${i % 10}`,
      },
    ],
  }));
}

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('a stored match list, paged', () => {
  it('gives back the whole list in order: a request past the page gets results 11 to 50 after the page', () => {
    const all = rankedList();
    const list = paged(all);
    expect(list.results).toEqual(all.slice(0, MATCH_PAGE));
    expect(firstResults(list, 10)).toEqual(all.slice(0, 10));
    expect(firstResults(list, 50).slice(10)).toEqual(all.slice(10, 50));
    expect(firstResults(list, 15)).toEqual(all.slice(0, 15));
    expect(allResults(list)).toEqual(all);
  });

  it('keeps past the page only what the page does not hold, as few bytes and no Chinese', () => {
    const all = rankedList();
    const list = paged(all);
    // A document is read back whole, and what costs is decoding its UTF-8: the rest must weigh little.
    const { results, ...outsidePage } = list;
    expect(outsidePage.rest).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(bytes(outsidePage)).toBeLessThan(bytes(all.slice(MATCH_PAGE)) / 3);
    expect(bytes(list)).toBeLessThan(bytes(results) * 1.5);
  });

  it('reads a page without touching the rest of the list', () => {
    const list: PagedResults<SolutionMatch> = { ...paged(rankedList()), rest: 'not a deflated list' };
    expect(firstResults(list, MATCH_PAGE)).toEqual(list.results);
    expect(() => firstResults(list, MATCH_PAGE + 1)).toThrow();
  });

  it('reads on past the page when results are left out', () => {
    const all = rankedList();
    const keep = (match: SolutionMatch) => !match.vendorId.endsWith('3');
    expect(firstResults(paged(all), MATCH_PAGE, keep)).toEqual(all.filter(keep).slice(0, MATCH_PAGE));
  });

  it('stores a list that fits the page as it is', () => {
    const few = rankedList().slice(0, 4);
    expect(paged(few)).toEqual({ results: few });
    expect(firstResults(paged(few), 10)).toEqual(few);
  });

  it('reads lists stored in the shapes before, until they are ranked again', () => {
    const all = rankedList();
    const asPlainJson = { results: all.slice(0, MATCH_PAGE), more: JSON.stringify(all.slice(MATCH_PAGE)) };
    expect(firstResults(asPlainJson, 50)).toEqual(all);
    expect(firstResults({ results: all }, 20)).toEqual(all.slice(0, 20));
  });
});
