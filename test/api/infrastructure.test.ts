import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventStore } from '../../src/eventstore/port.js';
import { loadTokenSecret } from '../../src/http/auth/secret.js';
import { createTestApi, expectProblem, PASSWORD, registrationBody, type TestApi } from './support.js';

describe('HTTP infrastructure', () => {
  let api: TestApi;
  beforeAll(async () => {
    api = await createTestApi({
      wrapStore: (store): EventStore => ({
        ...store,
        // A bug deep down: a plain Error, the kind nobody maps to a status.
        readStream: async (stream, options) => {
          if (stream === 'username-explode') throw new Error('disk on fire at /var/lib/secret');
          return store.readStream(stream, options);
        },
      }),
    });
  });
  afterAll(() => api.close());

  it('answers /healthz and gives every response a request id, echoing a sane incoming one', async () => {
    const res = await api.request('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await api.request('GET', '/healthz', { headers: { 'X-Request-Id': 'trace-42.a:b' } });
    expect(echoed.headers.get('x-request-id')).toBe('trace-42.a:b');
    const replaced = await api.request('GET', '/healthz', { headers: { 'X-Request-Id': 'bad id <script>' } });
    expect(replaced.headers.get('x-request-id')).not.toContain('script');
  });

  it('answers /readyz with each backend', async () => {
    const res = await api.request('GET', '/readyz');
    expect(res.status).toBe(200);
  });

  it('answers unknown routes with a problem+json 404', async () => {
    const problem = await expectProblem(
      await api.request('GET', '/api/v1/nothing-here'),
      404,
      'route.not_found',
    );
    expect(problem.detail).toContain('/api/v1/nothing-here');
    await expectProblem(await api.request('DELETE', '/api/v1/orgs'), 404);
  });

  it('answers malformed JSON with 400', async () => {
    const res = await api.request('POST', '/api/v1/auth/token', { body: '{"username": "a", ' });
    await expectProblem(res, 400, 'malformed_json');
    const empty = await api.request('POST', '/api/v1/orgs', {
      body: '',
      headers: { 'Content-Type': 'application/json' },
    });
    expect([400, 422]).toContain(empty.status);
  });

  it('answers a body that is not JSON with 415', async () => {
    const res = await api.request('POST', '/api/v1/auth/token', {
      body: 'username=a&password=b',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    await expectProblem(res, 415, 'unsupported_media_type');
    const untyped = await api.app.request('/api/v1/auth/token', { method: 'POST', body: '{"username":"a"}' });
    expect(untyped.status).toBe(415);
  });

  it('answers a body over 1 MiB with 413, whether or not it declares its length', async () => {
    const big = JSON.stringify({ username: 'a', password: 'x'.repeat(1024 * 1024) });
    await expectProblem(
      await api.request('POST', '/api/v1/auth/token', { body: big }),
      413,
      'payload_too_large',
    );
    const declared = await api.request('POST', '/api/v1/auth/token', {
      body: big,
      headers: { 'Content-Length': String(Buffer.byteLength(big)) },
    });
    await expectProblem(declared, 413);
  });

  it('answers invalid fields with 422 and one Chinese message per field', async () => {
    const body = { ...registrationBody('demander'), uscc: '123', city: 'atlantis', extra: 1 };
    const { contact: _contact, ...withoutContact } = body;
    const problem = await expectProblem(
      await api.request('POST', '/api/v1/orgs', { body: withoutContact }),
      422,
      'validation',
    );
    const paths = problem.errors?.map((e) => e.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['uscc', 'city', 'contact', 'extra']));
    for (const error of problem.errors ?? []) expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers wrong credentials with 401 and never leaks which part was wrong', async () => {
    const res = await api.request('POST', '/api/v1/auth/token', {
      body: { username: 'nobody', password: PASSWORD },
    });
    const problem = await expectProblem(res, 401, 'auth.invalid_credentials');
    expect(problem.detail).toMatch(/用户名或密码错误/);
  });

  it('answers an unexpected failure with a 500 that has no stack, and logs it under the request id', async () => {
    const res = await api.request('POST', '/api/v1/auth/token', {
      body: { username: 'explode', password: PASSWORD },
    });
    const text = await res.clone().text();
    const problem = await expectProblem(res, 500, 'internal');
    expect(text).not.toMatch(/disk on fire|\bat \w|\.ts:\d+|stack/);
    const requestId = res.headers.get('x-request-id');
    expect(problem.detail).toContain(requestId);
    const logged = api.logs.find((entry) => entry.requestId === requestId && entry.level === 50);
    expect(logged).toBeDefined();
    expect(JSON.stringify(logged)).toContain('disk on fire');
  });

  it('serves Prometheus metrics labelled by route pattern', async () => {
    await api.request('POST', '/api/v1/auth/token', { body: { username: 'nobody', password: PASSWORD } });
    await api.request('GET', '/api/v1/nothing-here');
    // The refused sign-in is written to the security log: the lag reads 0 once the projections have read it.
    await api.caughtUp();
    const res = await api.request('GET', '/metrics');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(
      /yunsupei_http_requests_total\{method="POST",route="\/api\/v1\/auth\/token",status="401"\} \d+/,
    );
    expect(text).toContain('yunsupei_http_request_duration_seconds_bucket');
    expect(text).toMatch(/yunsupei_http_requests_total\{method="GET",route="unmatched",status="404"\}/);
    expect(text).toContain('yunsupei_eventstore_append_duration_seconds');
    expect(text).toMatch(/yunsupei_projection_lag_events 0/);
  });

  it('serves the interactive docs from its own origin', async () => {
    const page = await api.request('GET', '/docs');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of ['/docs/swagger-ui.css', '/docs/swagger-ui-bundle.js', '/docs/init.js']) {
      expect(html).toContain(asset);
      const res = await api.request('GET', asset);
      expect(res.status, asset).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(10);
    }
    await expectProblem(await api.request('GET', '/docs/package.json'), 404);
  });
});

describe('the token secret', () => {
  it('is generated once into the data dir and kept across starts, unless YUNSUPEI_SECRET is set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yunsupei-secret-'));
    try {
      const first = loadTokenSecret(undefined, dir);
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(loadTokenSecret(undefined, dir)).toBe(first);
      expect(statSync(join(dir, 'token-secret')).mode & 0o077).toBe(0);
      expect(loadTokenSecret('configured-secret-value', dir)).toBe('configured-secret-value');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
