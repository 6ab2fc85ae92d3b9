import { describe, expect, it } from 'vitest';
import { Speller, soundsAlike } from '../../../src/search/spelling.js';
import { searchTokens } from '../../../src/search/tokenizer.js';

const titles = [
  '县域医共体远程影像与心电诊断',
  '子午线轮胎X光及外观缺陷自动检测',
  '冷链仓配全程温度监控与追溯',
  '多品种小批量机加车间智能排产',
  '智能穿戴健康监测与慢病管理',
  '工业互联网平台建设',
  '智慧城市平台运营',
];
const speller = new Speller(titles, ['碳足迹', '冷链物流'], (text) => searchTokens(text));

describe('spelling correction of a query that found nothing', () => {
  it('tells characters that sound alike from those that do not, through the pinyin collation', () => {
    expect(soundsAlike('胎', '台')).toBe(true);
    expect(soundsAlike('共', '供')).toBe(true);
    expect(soundsAlike('产', '厂')).toBe(true);
    expect(soundsAlike('胎', '平')).toBe(false);
    expect(soundsAlike('a', '台')).toBe(false);
  });

  it.each([
    ['医供体', '医共体'],
    ['碳足记', '碳足迹'],
    ['冷连', '冷链'],
    ['排厂', '排产'],
    ['穿带设备', '穿戴设备'],
  ])('corrects %s to %s', (typed, meant) => {
    expect(speller.corrections(typed, 3)[0]).toBe(meant);
  });

  it('prefers the word that sounds alike over a commoner one a character away (轮台 → 轮胎, not 平台)', () => {
    expect(speller.corrections('轮台缺陷', 3)).toEqual(['轮胎缺陷']);
  });

  it('keeps the rest of the query as typed, and corrects nothing known or unlike', () => {
    expect(speller.corrections('ＡＩ 冷连', 3)[0]).toBe('ＡＩ 冷链');
    expect(speller.corrections('冷链 追溯', 3)).toEqual([]);
    expect(speller.corrections('不存在的东西xyz', 3)).toEqual([]);
  });
});
