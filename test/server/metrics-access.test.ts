import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/serve.js';
import { createApp } from '../../src/server/app.js';
import { createTestApi, expectProblem, type TestApi } from '../api/support.js';

const TOKEN = 'metrics-token-of-the-scraper-0123';
const REMOTE = '203.0.113.7';

/** What @hono/node-server hands the app: the socket the request came in on. */
const fromPeer = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe('/metrics answers only this machine or the holder of the metrics token', () => {
  let api: TestApi;
  let withToken: ReturnType<typeof createApp>;

  beforeAll(async () => {
    api = await createTestApi();
    withToken = createApp({ ...api.http, metricsToken: TOKEN });
  });
  afterAll(() => api.close());

  const scrape = (app: ReturnType<typeof createApp>, peer: string, headers: Record<string, string> = {}) =>
    app.request('/metrics', { headers }, fromPeer(peer));

  it('refuses another machine without the token, in Chinese problem+json', async () => {
    const problem = await expectProblem(await scrape(withToken, REMOTE), 403, 'forbidden');
    expect(problem.detail).toContain('YUNSUPEI_METRICS_TOKEN');
    await expectProblem(
      await scrape(withToken, REMOTE, { Authorization: 'Bearer wrong-token-0123456789' }),
      403,
    );
    await expectProblem(await scrape(withToken, REMOTE, { Authorization: TOKEN }), 403);
  });

  it('serves another machine that sends the token as a bearer token', async () => {
    const res = await scrape(withToken, REMOTE, { Authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('yunsupei_http_requests_total');
  });

  it('cannot be talked into it with a forged forwarding header', async () => {
    for (const [name, value] of [
      ['X-Forwarded-For', '127.0.0.1'],
      ['X-Real-IP', '127.0.0.1'],
      ['Forwarded', 'for=127.0.0.1'],
    ] as const) {
      await expectProblem(await scrape(withToken, REMOTE, { [name]: value }), 403);
    }
  });

  it('serves a scraper on this machine without a token', async () => {
    for (const peer of ['127.0.0.1', '127.0.0.53', '::1', '::ffff:127.0.0.1']) {
      expect((await scrape(api.app, peer)).status, peer).toBe(200);
    }
  });

  it('treats a request a local proxy relays as coming from elsewhere', async () => {
    const relayed = { 'X-Forwarded-For': REMOTE };
    await expectProblem(await scrape(api.app, '127.0.0.1', relayed), 403);
    const res = await scrape(withToken, '127.0.0.1', { ...relayed, Authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(200);
  });

  it('without a configured token, no bearer opens it to another machine', async () => {
    await expectProblem(await scrape(api.app, REMOTE, { Authorization: 'Bearer ' }), 403);
    await expectProblem(await scrape(api.app, REMOTE, { Authorization: 'Bearer undefined' }), 403);
  });
});

describe('YUNSUPEI_METRICS_TOKEN on the real server', () => {
  let dir: string;
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yunsupei-metrics-'));
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      YUNSUPEI_DATA_DIR: dir,
      YUNSUPEI_SQLITE_SYNCHRONOUS: 'NORMAL',
      YUNSUPEI_METRICS_TOKEN: TOKEN,
    });
    server = await startServer(config, pino({ level: 'silent' }));
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
    // The keys dir beside it (YUNSUPEI_KEY_DIR defaults to `<data dir>-keys`).
    rmSync(`${dir}-keys`, { recursive: true, force: true });
  });

  it('takes the token from the configuration', async () => {
    // Loopback with a forwarding header: what a reverse proxy on this machine sends for a remote visitor.
    const relayed = { 'X-Forwarded-For': REMOTE };
    expect((await fetch(`${base}/metrics`, { headers: relayed })).status).toBe(403);
    const res = await fetch(`${base}/metrics`, { headers: { ...relayed, Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect((await fetch(`${base}/metrics`)).status).toBe(200);
  });

  it('refuses a token shorter than 16 characters at start', () => {
    expect(() => loadConfig({ YUNSUPEI_METRICS_TOKEN: 'short' })).toThrow(/YUNSUPEI_METRICS_TOKEN/);
  });
});
