import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBody, solutionBody } from '../api/fixtures.js';
import { PASSWORD, registrationBody } from '../api/support.js';
import { ADMIN, type BrowserEnv, CHROMIUM, chromiumAvailable, startBrowserEnv } from './harness.js';

/**
 * Issue 21 item 7 (适老化 and 无障碍) in Chromium: axe-core finds nothing on the main pages of every user group,
 * in the standard version and in 长辈版; the focus ring stands out at least 3:1 wherever it is drawn; the
 * reader's own browser font size counts. Screenshots: test-results/screenshots/21-elder-*.png.
 */
const AXE = join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js');
const WAIT = { timeout: 10_000, interval: 100 };
/** A 审计管理员 made by the staff in beforeAll. */
const AUDITOR = { username: 'a11yauditor', password: 'Audit1234pw!' };

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}

/** What axe-core finds on the page as it stands, one line per rule broken. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate<AxeResult>("axe.run(document, { resultTypes: ['violations'] })");
  return result.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
}

type Rgb = [number, number, number];

function luminance([r, g, b]: Rgb): number {
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

interface RingSample {
  element: string;
  outline: Rgb | null;
  behind: Rgb[];
}

/**
 * The focused element's outline colour, and the page's colour right outside the ring on each side (the
 * first opaque background under that point): what the ring has to stand out against.
 */
const RING_SAMPLE = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const rgb = (text) => { const m = text.match(/[\\d.]+/g); return m ? [Number(m[0]), Number(m[1]), Number(m[2]), m[3] === undefined ? 1 : Number(m[3])] : null; };
  const opaqueBackground = (start) => {
    for (let node = start; node; node = node.parentElement) {
      const c = rgb(getComputedStyle(node).backgroundColor);
      if (c && c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const width = parseFloat(style.outlineWidth) || 0;
  const out = (parseFloat(style.outlineOffset) || 0) + width + 1;
  const box = el.getBoundingClientRect();
  const points = [
    [box.left - out, box.top + box.height / 2],
    [box.right + out, box.top + box.height / 2],
    [box.left + box.width / 2, box.top - out],
    [box.left + box.width / 2, box.bottom + out],
  ];
  const behind = [];
  for (const [x, y] of points) {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    const under = document.elementsFromPoint(x, y).find((n) => n !== el && !el.contains(n));
    if (under) behind.push(opaqueBackground(under));
  }
  const visible = style.outlineStyle !== 'none' && width >= 2;
  const name = el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '') + ' ' + (el.textContent || '').trim().slice(0, 12);
  return { element: name, outline: visible ? rgb(style.outlineColor).slice(0, 3) : null, behind };
})()`;

/** Tabs through the whole page and returns every focus stop whose ring is missing or under 3:1. */
async function weakFocusRings(page: Page): Promise<string[]> {
  const weak: string[] = [];
  const seen = new Set<string>();
  for (let stop = 0; stop < 120; stop++) {
    await page.keyboard.press('Tab');
    const sample = await page.evaluate<RingSample | null>(RING_SAMPLE);
    if (!sample) break;
    if (seen.has(sample.element)) continue;
    seen.add(sample.element);
    if (!sample.outline) {
      weak.push(`${sample.element}: no focus ring`);
      continue;
    }
    const outline = sample.outline;
    const [worst] = sample.behind
      .map((behind) => ({ behind, ratio: contrast(outline, behind) }))
      .sort((x, y) => x.ratio - y.ratio);
    if (worst && worst.ratio < 3)
      weak.push(`${sample.element}: ${worst.ratio.toFixed(2)}:1 against rgb(${worst.behind.join(',')})`);
  }
  return weak;
}

describe.skipIf(!chromiumAvailable())('适老化 and 无障碍 (axe-core)', () => {
  let env: BrowserEnv;
  let needId = '';
  const demander = registrationBody('demander');
  const vendor = registrationBody('vendor');

  const api = async (path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${env.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  };
  const tokenOf = async (username: string, password: string) =>
    (await api('/api/v1/auth/token', undefined, { username, password })).token as string;

  beforeAll(async () => {
    env = await startBrowserEnv();
    const staff = await tokenOf(ADMIN.username, ADMIN.password);
    const orgOf = async (body: typeof demander) => {
      const org = (await api('/api/v1/orgs', undefined, body)).org as { id: string };
      await api(`/api/v1/orgs/${org.id}/verify`, staff);
      return tokenOf(body.admin.username, PASSWORD);
    };
    const demanderToken = await orgOf(demander);
    const vendorToken = await orgOf(vendor);
    needId = (await api('/api/v1/needs', demanderToken, needBody)).id as string;
    await api(`/api/v1/needs/${needId}/submit`, demanderToken);
    await api(`/api/v1/needs/${needId}/approve`, staff);
    const solutionId = (await api('/api/v1/solutions', vendorToken, solutionBody)).id as string;
    await api(`/api/v1/solutions/${solutionId}/submit`, vendorToken);
    await api(`/api/v1/solutions/${solutionId}/approve`, staff);
    // Something for the staff to review: a second need waiting, and an organization not yet verified.
    const waiting = (
      await api('/api/v1/needs', demanderToken, { ...needBody, title: '待审核的园区能耗监测需求' })
    ).id as string;
    await api(`/api/v1/needs/${waiting}/submit`, demanderToken);
    await api('/api/v1/orgs', undefined, registrationBody('vendor'));
    // The 审计管理员, whose one page is the security log.
    await api('/api/v1/staff', staff, { ...AUDITOR, name: '王审计', scope: 'province', duties: ['audit'] });
  }, 90_000);

  afterAll(async () => {
    await env?.close();
  });

  /** A person of their own (axe is injected as a script, which the pages' CSP would otherwise refuse). */
  async function person(
    viewport = { width: 1280, height: 900 },
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await env.browser.newContext({
      baseURL: env.baseUrl,
      viewport,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      bypassCSP: true,
    });
    return { context, page: await context.newPage() };
  }

  async function signIn(page: Page, username: string, password: string) {
    await page.goto('/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => page.getByRole('button', { name: '退出' }).count(), WAIT).toBe(1);
  }

  /** The header's switch, pressed like a reader would: a form post, no script involved. */
  async function switchToElder(page: Page) {
    await page.getByRole('button', { name: '长辈版', exact: true }).click();
    await expect.poll(() => page.evaluate('document.documentElement.className'), WAIT).toBe('elder');
  }

  const groups: {
    name: string;
    account: () => { username: string; password: string } | null;
    pages: () => string[];
  }[] = [
    {
      name: 'visitor',
      account: () => null,
      pages: () => [
        '/',
        '/needs',
        '/needs?q=检测',
        `/needs/${needId}`,
        '/solutions',
        '/vendors',
        '/campaigns',
        '/cases',
        '/rankings',
        '/sitemap',
        '/contact',
      ],
    },
    {
      name: 'demander',
      account: () => ({ username: demander.admin.username, password: PASSWORD }),
      pages: () => ['/my', '/needs/new', `/needs/${needId}`, '/me/data'],
    },
    {
      name: 'vendor',
      account: () => ({ username: vendor.admin.username, password: PASSWORD }),
      pages: () => ['/my', `/needs/${needId}`],
    },
    {
      name: 'staff',
      account: () => ADMIN,
      pages: () => [
        '/admin',
        '/admin/review',
        '/admin/orgs',
        '/admin/staff',
        '/admin/experts',
        '/admin/cities',
      ],
    },
    { name: 'auditor', account: () => AUDITOR, pages: () => ['/admin', '/security-log'] },
  ];

  for (const group of groups) {
    it(`finds no violation on the ${group.name}'s main pages, in the standard version and in 长辈版`, async () => {
      const { context, page } = await person();
      const account = group.account();
      if (account) await signIn(page, account.username, account.password);
      const found: string[] = [];
      for (const mode of ['standard', 'elder'] as const) {
        if (mode === 'elder') {
          await page.goto('/');
          await switchToElder(page);
        }
        for (const path of group.pages()) {
          const answer = await page.goto(path);
          expect(answer?.status(), path).toBe(200);
          expect(await page.evaluate('document.documentElement.className'), path).toBe(
            mode === 'elder' ? 'elder' : '',
          );
          for (const violation of await axeViolations(page)) found.push(`${mode} ${path}: ${violation}`);
        }
      }
      expect(found).toEqual([]);
      await context.close();
    }, 120_000);
  }

  it('draws a focus ring of at least 3:1 at every stop, on the light page and on the blue header', async () => {
    const { context, page } = await person();
    const weak: string[] = [];
    for (const path of ['/', '/needs', `/needs/${needId}`, '/login']) {
      await page.goto(path);
      weak.push(...(await weakFocusRings(page)).map((w) => `${path} ${w}`));
    }
    await switchToElder(page);
    await page.goto('/needs');
    weak.push(...(await weakFocusRings(page)).map((w) => `elder /needs ${w}`));
    expect(weak).toEqual([]);
    await context.close();
  }, 120_000);

  it("sizes text from the reader's own browser setting, and 长辈版 a quarter larger", async () => {
    // A profile whose 字号 setting is 24 px instead of the usual 16.
    const profile = mkdtempSync(join(tmpdir(), 'yunsupei-font-'));
    mkdirSync(join(profile, 'Default'));
    writeFileSync(
      join(profile, 'Default', 'Preferences'),
      JSON.stringify({ webkit: { webprefs: { default_font_size: 24 } } }),
    );
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
      baseURL: env.baseUrl,
      viewport: { width: 1280, height: 900 },
    });
    try {
      const page = await context.newPage();
      await page.goto('/needs');
      const size = (selector: string) =>
        page.evaluate<string>(`getComputedStyle(document.querySelector('${selector}')).fontSize`);
      expect(await size('html')).toBe('24px');
      expect(await size('main h1')).toBe('38.4px');
      await switchToElder(page);
      expect(await size('html')).toBe('30px');
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 60_000);

  it('keeps 长辈版 readable on a desktop and on a phone (screenshots)', async () => {
    for (const width of [1280, 390]) {
      const { context, page } = await person({ width, height: width === 390 ? 844 : 900 });
      await page.goto('/');
      await switchToElder(page);
      // Nothing runs off the side of the page.
      const overflow = await page.evaluate<number>(
        'document.documentElement.scrollWidth - document.documentElement.clientWidth',
      );
      expect(overflow, `${width}px`).toBeLessThanOrEqual(0);
      await env.screenshot(page, `21-elder-home-${width}`);
      await page.goto(`/needs/${needId}`);
      await env.screenshot(page, `21-elder-need-${width}`);
      await context.close();
    }
  }, 60_000);
});
