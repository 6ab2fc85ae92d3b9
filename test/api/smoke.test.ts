import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/serve.js';
import { applicationBody, needBody, solutionBody } from './fixtures.js';
import { registrationBody } from './support.js';

type Json = Record<string, unknown>;
const ADMIN = { username: 'admin', password: 'admin-pass-2025' };

/** The product as `npm start` runs it, on a real socket: the main flow from registration to ratings. */
describe('smoke: the real server on 127.0.0.1', () => {
  let dir: string;
  let server: RunningServer;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'yunsupei-smoke-'));
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      YUNSUPEI_DATA_DIR: dir,
      YUNSUPEI_ADMIN_USER: ADMIN.username,
      YUNSUPEI_ADMIN_PASSWORD: ADMIN.password,
      YUNSUPEI_STAFF_MFA: 'off',
      YUNSUPEI_SQLITE_SYNCHRONOUS: 'NORMAL',
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

  async function call(method: string, path: string, token?: string, body?: unknown): Promise<Json> {
    const res = await fetch(base + path, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await res.json()) as Json;
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }
  const login = async (username: string, password: string) =>
    (await call('POST', '/api/v1/auth/token', undefined, { username, password })).token as string;

  it('is healthy and ready, and documents itself', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    const doc = (await (await fetch(`${base}/openapi.json`)).json()) as Json;
    expect(doc.openapi).toBe('3.1.0');
    expect((await fetch(`${base}/docs`)).status).toBe(200);
  });

  it('walks the main flow: register, verify, list, approve, 揭榜, shortlist, sign, deliver, rate', async () => {
    const staff = await login(ADMIN.username, ADMIN.password);

    const demanderBody = registrationBody('demander');
    const vendorBody = registrationBody('vendor');
    const demanderOrg = ((await call('POST', '/api/v1/orgs', undefined, demanderBody)).org as Json)
      .id as string;
    const vendorOrg = ((await call('POST', '/api/v1/orgs', undefined, vendorBody)).org as Json).id as string;
    await call('POST', `/api/v1/orgs/${demanderOrg}/verify`, staff);
    await call('POST', `/api/v1/orgs/${vendorOrg}/verify`, staff);
    const demander = await login(demanderBody.admin.username, demanderBody.admin.password);
    const vendor = await login(vendorBody.admin.username, vendorBody.admin.password);

    const needId = (await call('POST', '/api/v1/needs', demander, needBody)).id as string;
    await call('POST', `/api/v1/needs/${needId}/submit`, demander);
    expect((await call('POST', `/api/v1/needs/${needId}/approve`, staff)).status).toBe('published');

    const solutionId = (await call('POST', '/api/v1/solutions', vendor, solutionBody)).id as string;
    await call('POST', `/api/v1/solutions/${solutionId}/submit`, vendor);
    expect((await call('POST', `/api/v1/solutions/${solutionId}/approve`, staff)).status).toBe('published');

    const engagementId = (
      await call('POST', `/api/v1/needs/${needId}/applications`, vendor, applicationBody(solutionId))
    ).id as string;
    const at = (verb: string) => `/api/v1/engagements/${engagementId}/${verb}`;
    await call('POST', at('shortlist'), demander);
    // Delivery may not be confirmed before the meeting: a meeting a moment ahead, then wait for it.
    const meetingAt = new Date(Date.now() + 1000);
    await call('POST', at('schedule-meeting'), demander, {
      at: meetingAt.toISOString(),
      location: '济南市高新区',
    });
    await call('POST', at('sign'), demander, { amountWan: 80 });
    expect((await call('POST', at('sign'), vendor, { amountWan: 80 })).status).toBe('signed');
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, meetingAt.getTime() - Date.now() + 50)));
    expect((await call('POST', at('deliver'), demander)).status).toBe('delivered');
    await call('POST', at('rate'), demander, { score: 5, comment: '交付质量高' });
    expect((await call('POST', at('rate'), vendor, { score: 5, comment: '需求方配合好' })).status).toBe(
      'rated',
    );

    expect((await call('GET', `/api/v1/needs/${needId}`, vendor)).status).toBe('fulfilled');
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(
      /yunsupei_http_requests_total\{method="POST",route="\/api\/v1\/engagements\/:id\/sign",status="200"\} 2/,
    );
    expect(metrics).toMatch(/yunsupei_eventstore_append_duration_seconds_count\{outcome="ok"\} \d+/);
  });

  it('adds a staff account from the command line', async () => {
    // Asynchronously: the server under test runs in this process and must keep serving meanwhile.
    const run = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ['bin/yunsupei.js', 'users', 'add-staff', 'reviewer', '--password-stdin'],
        { env: { ...process.env, YUNSUPEI_DATA_DIR: dir, LOG_LEVEL: 'silent' }, timeout: 20_000 },
        (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin?.end('reviewer-pass-1\n');
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('reviewer');
  });

  it('lets the new staff account sign in', async () => {
    expect(await login('reviewer', 'reviewer-pass-1')).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });
});
