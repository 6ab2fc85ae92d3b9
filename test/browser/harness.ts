import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { loadConfig } from '../../src/config.js';
import { usccCheckCharacter } from '../../src/domain/shared/uscc.js';
import { createLogger } from '../../src/logger.js';
import { startServer } from '../../src/serve.js';

/**
 * Browser tests drive Debian's Chromium (installed with fonts-wqy-microhei by .ci/run) through
 * playwright-core against the real server: `startServer` on 127.0.0.1, a free port and a temp data dir.
 * Without Chromium the suite is skipped on a developer machine and fails in CI.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(process.cwd(), 'test-results', 'screenshots');
export const ADMIN = { username: 'admin', password: 'Admin12345pw' };

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Whether the suite can run here; in CI a missing Chromium is an error, not a skip. */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI) throw new Error(`browser tests need Chromium at ${CHROMIUM} (.ci/run installs it)`);
  console.warn(
    `[browser tests skipped] ${CHROMIUM} not found; install chromium and fonts-wqy-microhei to run them`,
  );
  return false;
}

export interface BrowserEnv {
  baseUrl: string;
  browser: Browser;
  /** A fresh browser profile (cookies of its own): one per person in a scenario. */
  person(viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  /** A full-page PNG in test-results/screenshots/<name>.png. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

async function serverUnderTest(dataDir: string): Promise<{ port: number; stop(): Promise<void> }> {
  // A server someone already runs (with this admin account): the suite then drives that one instead.
  const external = process.env.YUNSUPEI_BROWSER_TEST_URL;
  if (external) return { port: Number(new URL(external).port), stop: async () => {} };
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    YUNSUPEI_DATA_DIR: dataDir,
    YUNSUPEI_ADMIN_USER: ADMIN.username,
    YUNSUPEI_ADMIN_PASSWORD: ADMIN.password,
    YUNSUPEI_STAFF_MFA: 'off',
    YUNSUPEI_SQLITE_SYNCHRONOUS: 'NORMAL',
    LOG_LEVEL: 'warn',
  });
  return startServer(config, createLogger('warn'));
}

export async function startBrowserEnv(): Promise<BrowserEnv> {
  const dataDir = mkdtempSync(join(tmpdir(), 'yunsupei-browser-'));
  mkdirSync(SCREENSHOTS, { recursive: true });
  let server: { port: number; stop(): Promise<void> } | null = null;
  let browser: Browser | null = null;
  try {
    server = await serverUnderTest(dataDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const running = server;
    const launched = browser;
    return {
      baseUrl: `http://127.0.0.1:${running.port}`,
      browser: launched,
      async person(viewport = { width: 1280, height: 900 }) {
        const context = await launched.newContext({
          baseURL: `http://127.0.0.1:${running.port}`,
          viewport,
          locale: 'zh-CN',
          timezoneId: 'Asia/Shanghai',
        });
        return { context, page: await context.newPage() };
      },
      async screenshot(page, name) {
        const path = join(SCREENSHOTS, `${name}.png`);
        await page.screenshot({ path, fullPage: true });
        return path;
      },
      async close() {
        await launched.close();
        await running.stop();
        rmSync(dataDir, { recursive: true, force: true });
        // The keys dir beside it (YUNSUPEI_KEY_DIR defaults to `<data dir>-keys`).
        rmSync(`${dataDir}-keys`, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
    // The keys dir beside it (YUNSUPEI_KEY_DIR defaults to `<data dir>-keys`).
    rmSync(`${dataDir}-keys`, { recursive: true, force: true });
    throw error;
  }
}

let usccSerial = 0;

/** A USCC with a correct check character, different on every call. */
export function freshUscc(): string {
  usccSerial += 1;
  const first17 = `91370100MA${String((process.pid % 1000) * 10_000 + usccSerial)
    .padStart(7, '0')
    .slice(-7)}`;
  return first17 + usccCheckCharacter(first17);
}
