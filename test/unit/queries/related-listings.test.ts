import { afterEach, describe, expect, it } from 'vitest';
import { relatedWords } from '../../../src/application/queries/related-listings.js';
import { loadDefinitions } from '../../../src/search/definitions.js';
import type { SearchIndex, SearchParams } from '../../../src/search/port.js';
import { openSqliteSearchIndex } from '../../../src/search/sqlite/sqlite-search-index.js';

const opened: SearchIndex[] = [];
afterEach(async () => {
  for (const index of opened.splice(0)) await index.close();
});

/** Solutions that say 疲劳驾驶, and a search index that counts the searches asked of it. */
async function solutionsSaying(): Promise<{ search: SearchIndex; searches: () => number }> {
  const index = openSqliteSearchIndex({ path: ':memory:' });
  opened.push(index);
  await index.applySettings(loadDefinitions().get('solutions')!);
  const solution = (id: string, title: string, description: string, status = 'published') => ({
    id,
    revision: 1,
    title,
    description,
    status,
  });
  await index.upsert('solutions', [
    solution(
      's1',
      '营运车辆主动安全防控',
      'ADAS 与 DSM 识别驾驶员疲劳驾驶、闭眼、打哈欠，语音提醒并上报监控中心。',
    ),
    solution('s2', '驾驶员状态监测终端', 'DSM 疲劳驾驶与分心驾驶实时预警，闭眼打哈欠识别，车载视频终端。'),
    solution('s3', '草稿方案', '疲劳驾驶 草稿专用词甲乙丙', 'draft'),
  ]);
  let count = 0;
  const counted: SearchIndex = Object.assign(Object.create(index) as SearchIndex, {
    search(name: string, params: SearchParams) {
      count += 1;
      return index.search(name, params);
    },
  });
  return { search: counted, searches: () => count };
}

describe('related words from the other side', () => {
  it("are what the other side's public listings holding the keywords are about, less the keywords", async () => {
    const { search } = await solutionsSaying();
    const words = await relatedWords(search, 'solutions', '疲劳驾驶');
    expect(words.length).toBeGreaterThan(0);
    expect(words).toEqual(expect.arrayContaining(['闭眼']));
    expect(words.some((w) => w.includes('疲劳'))).toBe(false);
    // An acronym as people write it, though the index reads it lower-cased.
    expect(words).toContain('DSM');
    expect(words.join(' ')).not.toMatch(/[a-z]/);
    // A draft is nobody's to read: its words never leak into a public search.
    expect(words).not.toContain('草稿专用词甲乙丙');
    expect(await relatedWords(search, 'solutions', '量子纠缠')).toEqual([]);
  });

  it('are read once for a query asked again soon', async () => {
    const { search, searches } = await solutionsSaying();
    const first = await relatedWords(search, 'solutions', '疲劳驾驶');
    const asked = searches();
    expect(await relatedWords(search, 'solutions', '疲劳驾驶')).toEqual(first);
    expect(searches()).toBe(asked);
  });
});
