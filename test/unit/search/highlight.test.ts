import { describe, expect, it } from 'vitest';
import { escapeHtml, highlight } from '../../../src/search/highlight.js';

describe('highlight', () => {
  it('wraps every occurrence, the longer needle winning where they overlap', () => {
    expect(highlight('冷链物流与冷链仓储', ['冷链', '冷链物流'])).toBe(
      '<em>冷链物流</em>与<em>冷链</em>仓储',
    );
  });

  it('merges adjacent matches into one mark', () => {
    expect(highlight('预测性维护系统', ['预测性', '维护'])).toBe('<em>预测性维护</em>系统');
  });

  it('matches ASCII case-insensitively and keeps the original case', () => {
    expect(highlight('基于AI的APS排产', ['ai', 'aps'])).toBe('基于<em>AI</em>的<em>APS</em>排产');
  });

  it('escapes the text, so markup in it is shown and a needle never matches inside an entity', () => {
    expect(highlight('<script>alert("x")</script> & amp', ['amp', 'script'])).toBe(
      '&lt;<em>script</em>&gt;alert(&quot;x&quot;)&lt;/<em>script</em>&gt; &amp; <em>amp</em>',
    );
    expect(highlight("it's <b>", [])).toBe(escapeHtml("it's <b>"));
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
