import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBody } from '../api/fixtures.js';
import { registrationBody } from '../api/support.js';
import { ADMIN, type BrowserEnv, chromiumAvailable, startBrowserEnv } from './harness.js';

const WAIT = { timeout: 10_000, interval: 100 };

/** Every console error and uncaught error of a page: a CSP violation is reported as a console error. */
function problemsOf(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    const at = message.location().url;
    // The site has no icon: the browser's own request for one is not the page's doing.
    if (message.type() === 'error' && !at.endsWith('/favicon.ico'))
      problems.push(`${message.text()} at ${at}`);
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

/** A published need, through the API, so that the dashboard has charts to draw. */
async function publishNeed(baseUrl: string): Promise<void> {
  const call = async (path: string, token?: string, body?: unknown) => {
    const res = await fetch(baseUrl + path, {
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
  const login = async (username: string, password: string) =>
    (await call('/api/v1/auth/token', undefined, { username, password })).token as string;
  const staff = await login(ADMIN.username, ADMIN.password);
  const demander = registrationBody('demander');
  const org = (await call('/api/v1/orgs', undefined, demander)).org as { id: string };
  await call(`/api/v1/orgs/${org.id}/verify`, staff);
  const token = await login(demander.admin.username, demander.admin.password);
  const need = (await call('/api/v1/needs', token, needBody)).id as string;
  await call(`/api/v1/needs/${need}/submit`, token);
  await call(`/api/v1/needs/${need}/approve`, staff);
}

/** The id Swagger UI gives each operation's block, for every operation of the served document. */
async function operationIds(baseUrl: string): Promise<string[]> {
  type Operation = { tags?: string[]; operationId?: string };
  const document = (await (await fetch(`${baseUrl}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, Operation>>;
  };
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => {
      const id = operation.operationId ?? `${method}${path}`.replace(/\W/g, '_');
      return `operations-${operation.tags?.[0] ?? 'default'}-${id}`;
    }),
  );
}

const AT_END = 'scrollY + innerHeight >= document.documentElement.scrollHeight - 1';
const TO_TOP = 'scrollTo(0, 0)';

/**
 * Swagger UI renders only the operations near the viewport once a document has 150 tags and operations or
 * more: scroll through the list (back to the top at its end) until every expected block has been rendered.
 */
async function expectEveryOperationRendered(page: Page, expected: string[]): Promise<void> {
  const seen = new Set<string>();
  await expect
    .poll(
      async () => {
        for (const id of await page.locator('.opblock').evaluateAll((blocks) => blocks.map((b) => b.id)))
          seen.add(id);
        const atEnd = await page.evaluate<boolean>(AT_END);
        if (atEnd) await page.evaluate(TO_TOP);
        else await page.mouse.wheel(0, 400);
        return expected.filter((id) => !seen.has(id));
      },
      { timeout: 15_000, interval: 100 },
    )
    .toEqual([]);
  await page.evaluate(TO_TOP);
}

/**
 * The site under its real Content-Security-Policy in Chromium: the pages and the dashboard's charts, and
 * Swagger UI at /docs, must load without a single violation.
 */
describe.skipIf(!chromiumAvailable())('Content-Security-Policy in a real browser', () => {
  let env: BrowserEnv;

  beforeAll(async () => {
    env = await startBrowserEnv();
    await publishNeed(env.baseUrl);
  }, 60_000);
  afterAll(async () => {
    await env?.close();
  });

  it('renders the public pages and the staff dashboard without a violation', async () => {
    const { context, page } = await env.person();
    const problems = problemsOf(page);
    for (const path of ['/', '/needs', '/solutions', '/campaigns', '/cases', '/needs?q=检测', '/register']) {
      await page.goto(path);
      // The stylesheet applied: the header is laid out by app.css (a flex row), not the browser's defaults.
      const layout = "getComputedStyle(document.querySelector('.site-header .header-inner')).display";
      expect(await page.evaluate<string>(layout), path).toBe('flex');
    }
    await page.goto('/login');
    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('密码').fill(ADMIN.password);
    await page.getByRole('button', { name: '登录' }).click();
    await expect
      .poll(() => page.getByRole('status').allInnerTexts(), WAIT)
      .toContainEqual(expect.stringContaining('欢迎回来'));
    await page.goto('/admin');
    await expect.poll(() => page.locator('.chart svg').count(), WAIT).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('runs Swagger UI at /docs without a violation, under a host name that is not loopback', async () => {
    // Swagger UI behaves differently on localhost (it skips its online validator badge): serve it under a
    // public-looking name, forwarding every request to the server under test.
    const context: BrowserContext = await env.browser.newContext();
    const origin = 'http://docs.yunsupei.test';
    await context.route(`${origin}/**`, async (route) => {
      const url = new URL(route.request().url());
      const response = await route.fetch({ url: `${env.baseUrl}${url.pathname}${url.search}` });
      await route.fulfill({ response });
    });
    const page = await context.newPage();
    const problems = problemsOf(page);
    await page.goto(`${origin}/docs`);
    await expect
      .poll(() => page.locator('.info .title').allInnerTexts(), WAIT)
      .toContainEqual(expect.stringContaining('云速配 API'));
    // Every operation of the document renders (and a failed one would log an error).
    await expectEveryOperationRendered(page, await operationIds(env.baseUrl));
    // Open one operation: its schema and example render too.
    await page.locator('.opblock-summary').first().click();
    await expect.poll(() => page.locator('.opblock-body').count(), WAIT).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
