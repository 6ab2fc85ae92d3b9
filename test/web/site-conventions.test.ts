import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { DEMO_SITE_IDENTITY, siteIdentityFrom } from '../../src/server/site-identity.js';
import { SITE_MAP } from '../../src/web/site-map.js';
import { openSite, type Site, visitor } from './support.js';

/**
 * Issue 21 items 6 and 7 in the pages: the government-site footer from the configuration, 网站地图 and
 * 联系我们, and the 长辈版 switch that works without script and is remembered.
 */
const CONFIGURED = siteIdentityFrom(
  loadConfig({
    YUNSUPEI_SITE_SPONSOR: '山东省大数据局',
    YUNSUPEI_SITE_OPERATOR: '山东省大数据中心',
    YUNSUPEI_SITE_CODE: '3700000099',
    YUNSUPEI_SITE_ICP: '鲁ICP备12345678号-2',
    YUNSUPEI_SITE_PSB: '鲁公网安备37010202000001号',
    YUNSUPEI_SITE_CONTACT_PHONE: '0531-12345678',
    YUNSUPEI_SITE_CONTACT_EMAIL: 'ysp@sd.example.cn',
  }),
);

function footerOf(html: string): string {
  const footer = /<footer class="site-footer"[\s\S]*?<\/footer>/.exec(html)?.[0];
  if (!footer) throw new Error('page without the site footer');
  return footer;
}

function hrefsOf(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
}

describe('the government-site footer', () => {
  let site: Site;
  let demo: Site;
  beforeAll(async () => {
    [site, demo] = await Promise.all([openSite({ site: CONFIGURED }), openSite()]);
  });
  afterAll(() => Promise.all([site.close(), demo.close()]));

  it('states the configured 主办单位, 承办单位, 网站标识码 and filing numbers on every page, the ICP number linked to MIIT', async () => {
    for (const path of ['/', '/needs', '/login', '/sitemap', '/no-such-page']) {
      const footer = footerOf((await visitor(site).get(path)).html);
      expect(footer, path).toContain('主办单位：山东省大数据局');
      expect(footer).toContain('承办单位：山东省大数据中心');
      expect(footer).toContain('网站标识码：3700000099');
      expect(footer).toMatch(
        /ICP备案号：<a href="https:\/\/beian\.miit\.gov\.cn\/"[^>]*>鲁ICP备12345678号-2<\/a>/,
      );
      expect(footer).toContain('公安机关备案号：鲁公网安备37010202000001号');
      expect(footer).toContain('aria-label="党政机关网站标识"');
      for (const link of ['/contact', '/sitemap', '/privacy', '/terms'])
        expect(hrefsOf(footer)).toContain(link);
    }
  });

  it('reads as a demonstration when nothing is configured', async () => {
    const footer = footerOf((await visitor(demo).get('/')).html);
    expect(footer).toContain(`主办单位：${DEMO_SITE_IDENTITY.sponsor}`);
    expect(footer).toContain(`网站标识码：${DEMO_SITE_IDENTITY.siteCode}`);
    expect(footer).toContain('（演示）');
  });

  it('联系我们 gives the configured telephone and mail', async () => {
    const answer = await visitor(site).get('/contact');
    expect(answer.status).toBe(200);
    expect(answer.html).toContain('0531-12345678');
    expect(answer.html).toContain('href="mailto:ysp@sd.example.cn"');
  });
});

describe('网站地图', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(() => site.close());

  const listed = SITE_MAP.flatMap((section) => section.pages.map((p) => p.href));

  it('lists every page of its list, grouped, and each one answers a visitor', async () => {
    const sitemap = await visitor(site).get('/sitemap');
    expect(sitemap.status).toBe(200);
    for (const section of SITE_MAP) expect(sitemap.html).toContain(`>${section.title}</h2>`);
    const linked = hrefsOf(/<main[\s\S]*<\/main>/.exec(sitemap.html)?.[0] ?? '');
    expect(linked).toEqual(listed);
    for (const href of listed) {
      const answer = await visitor(site).get(href);
      expect(answer.status, href).toBe(200);
      expect(answer.headers.get('Content-Type'), href).toContain('text/html');
    }
  });

  it('misses no page the routes serve to a visitor', async () => {
    // Every GET route without a parameter that answers a visitor with a page must be in the list.
    const paths = new Set(
      site.app.routes
        .filter((route) => route.method === 'GET' && !/[:*]/.test(route.path))
        .map((route) => route.path),
    );
    const publicPages: string[] = [];
    for (const path of paths) {
      const answer = await visitor(site).get(path);
      if (answer.status === 200 && answer.headers.get('Content-Type')?.includes('text/html'))
        publicPages.push(path);
    }
    // Not destinations: the API's Swagger UI, and a step of signing in reached only from /login.
    const notDestinations = ['/docs', '/login/password'];
    expect(publicPages.filter((path) => !notDestinations.includes(path) && !listed.includes(path))).toEqual(
      [],
    );
    expect(publicPages.length).toBeGreaterThanOrEqual(listed.length);
  });
});

describe('长辈版', () => {
  let site: Site;
  beforeAll(async () => {
    site = await openSite();
  });
  afterAll(() => site.close());

  const elderClass = (html: string) => /<html lang="zh-CN" class="elder">/.test(html);

  it('is switched on by a form in the header, back on the same page, and remembered', async () => {
    const person = visitor(site);
    const before = await person.get('/needs?q=%E6%A3%80%E6%B5%8B');
    expect(elderClass(before.html)).toBe(false);
    expect(before.html).toMatch(/<form class="display-mode" method="post" action="\/display-mode"/);
    expect(before.html).toContain('<input type="hidden" name="next" value="/needs?q=%E6%A3%80%E6%B5%8B"/>');

    const switched = await person.post('/display-mode', {
      mode: 'elder',
      next: '/needs?q=%E6%A3%80%E6%B5%8B',
    });
    expect(switched.status).toBe(303);
    expect(switched.headers.get('Location')).toBe('/needs?q=%E6%A3%80%E6%B5%8B');
    expect(switched.headers.get('Set-Cookie')).toMatch(/ysp_display=elder;.*Max-Age=31536000/);
    const after = await person.follow(switched);
    expect(elderClass(after.html)).toBe(true);
    // The header says which version is on and offers the way back.
    expect(after.html).toContain('<span class="display-mode-on">长辈版</span>');
    expect(after.html).toContain('切换到标准版');
    // Remembered on every later page.
    expect(elderClass((await person.get('/cases')).html)).toBe(true);

    const back = await person.post('/display-mode', { mode: 'standard', next: '/cases' });
    expect(back.headers.get('Location')).toBe('/cases');
    expect(elderClass((await person.follow(back)).html)).toBe(false);
  });

  it('goes back only to a page of this site, and needs the form token', async () => {
    const person = visitor(site);
    await person.get('/');
    const away = await person.post('/display-mode', { mode: 'elder', next: '//evil.example/' });
    expect(away.headers.get('Location')).toBe('/');
    const forged = await visitor(site).post('/display-mode', { mode: 'elder', _csrf: 'forged' });
    expect(forged.status).toBe(403);
  });
});
