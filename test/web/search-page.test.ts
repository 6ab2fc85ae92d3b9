import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemContext } from '../../src/runtime.js';
import { datasetSlice, demoDataset } from '../../src/seed/demo-dataset.js';
import { seedDemo } from '../../src/seed/demo-seed.js';
import { openSite, type Site, visitor } from './support.js';

/** The needs search page on the demo data, as a new visitor tries what the home page suggests. */
describe('the needs search page', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
    await seedDemo(site.deps, systemContext('test'), {
      password: 'demo-pass-2025',
      dataset: datasetSlice(demoDataset, 30),
    });
    // The API waits for the read models to pass a position (up to 2 s a request, then says X-Stale).
    const head = await site.deps.store.headPosition();
    for (let tries = 0; tries < 20; tries++) {
      const answer = await site.app.request(`/api/v1/needs?after=${head}`);
      if (!answer.headers.get('x-stale')) break;
    }
  }, 120_000);
  afterAll(() => site.close());

  // Matched words come back wrapped in <em>: the titles are read without them.
  const searchFor = async (q: string) => {
    const answer = await visitor(site).get(`/needs?q=${encodeURIComponent(q)}`);
    return { ...answer, html: answer.html.replace(/<\/?em>/g, '') };
  };

  it('finds the needs the home page suggests searching for', async () => {
    const vision = await searchFor('视觉检测');
    expect(vision.status).toBe(200);
    expect(vision.html).toContain('子午线轮胎X光及外观缺陷自动检测');
    const care = await searchFor('智慧养老');
    expect(care.html).toContain('独居高龄老人居家安全智能看护');
  });

  it('offers nothing made only of common words for nonsense, with no empty filter box beside no results', async () => {
    const answer = await searchFor('不存在的东西xyz');
    expect(answer.html).toContain('共找到 <strong>0</strong> 条场景需求');
    // 不 存在 东西 would find the needs that happen to say 存在.
    const offered = [...answer.html.matchAll(/href="\/needs\?q=([^"&]*)/g)].map((m) =>
      decodeURIComponent(m[1]!.replaceAll('+', ' ')),
    );
    expect(offered).not.toContain('不 存在 东西');
    expect(offered.filter((q) => /^[不存在东西 ]+$/.test(q))).toEqual([]);
    expect(answer.html).not.toContain('class="facets card"');
  });

  it('keeps a chosen filter that nothing matches in the filter box, as the link that takes it off', async () => {
    const answer = await visitor(site).get(`/needs?q=${encodeURIComponent('不存在的东西xyz')}&city=heze`);
    expect(answer.html).toContain('共找到 <strong>0</strong> 条场景需求');
    const box = answer.html.slice(answer.html.indexOf('class="facets card"'));
    expect(box).toMatch(
      /<a href="\/needs\?q=[^"]*" aria-current="true"><span>菏泽<\/span><span class="count">0<\/span>/,
    );
  });

  it('shows the results of the corrected spelling of a misspelling, and says which it searched', async () => {
    const answer = await searchFor('碳足记');
    expect(answer.status).toBe(200);
    expect(answer.html).toContain('没有找到“碳足记”的结果，以下为「碳足迹」的搜索结果');
    expect(answer.html).toContain('（关键词“碳足迹”）');
    expect(answer.html).toContain('出口轴承产品碳足迹核算');
    expect(answer.html).not.toContain('共找到 <strong>0</strong>');
  });

  it('shows the needs of the related words when only solutions hold the keywords, and says so', async () => {
    // 离散制造 is in solutions of the demo data, in no need.
    const answer = await searchFor('离散制造');
    expect(answer.html).toContain(
      '没有找到含“离散制造”的场景需求。有解决方案含这个词，以下为这些内容的相关词「',
    );
    expect(answer.html).toContain('多品种小批量机加车间智能排产');
    expect(answer.html).not.toContain('共找到 <strong>0</strong>');
  });

  it('says in Chinese that a query is too long, on the page', async () => {
    const answer = await searchFor('养'.repeat(201));
    expect(answer.status).toBe(422);
    expect(answer.html).toContain('关键词不能超过 200 个字符');
  });
});
