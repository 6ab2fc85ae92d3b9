import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApi, type TestApi } from '../api/support.js';

/** The directives of a Content-Security-Policy header, by name. */
function directives(res: Response): Map<string, string[]> {
  const policy = res.headers.get('content-security-policy') ?? '';
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );
}

/** Where scripts may come from: script-src, or default-src when the policy names none. */
function scriptSources(res: Response): string[] {
  const policy = directives(res);
  return policy.get('script-src') ?? policy.get('default-src') ?? ['*'];
}

describe('security headers', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await createTestApi();
  });
  afterAll(() => api.close());

  it('gives every page a CSP that runs only our own script files and forbids framing, nosniff and a referrer policy', async () => {
    for (const path of ['/', '/login', '/register', '/needs', '/no-such-page']) {
      const res = await api.request('GET', path);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      const policy = directives(res);
      expect(scriptSources(res), path).toEqual(["'self'"]);
      expect(policy.get('frame-ancestors'), path).toEqual(["'none'"]);
      expect(policy.get('form-action'), path).toEqual(["'self'"]);
      expect(policy.get('style-src'), path).toContain("'self'");
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBe('same-origin');
      // 'self' allows files, never inline code: a page holds no inline script or event handler.
      const html = await res.text();
      expect(html, path).not.toMatch(/<script(?![^>]*\ssrc=)[^>]*>|\son[a-z]+=/i);
    }
  });

  it('sends them on a page refused before any handler ran (the CSRF check)', async () => {
    const res = await api.request('POST', '/login', {
      body: 'username=a&password=b',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(403);
    expect(scriptSources(res)).toEqual(["'self'"]);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('sends nosniff and a deny-all policy on the API, its errors and the probes', async () => {
    for (const [method, path] of [
      ['GET', '/api/v1/needs'],
      ['GET', '/api/v1/no-such-route'],
      ['POST', '/api/v1/auth/token'],
      ['GET', '/openapi.json'],
      ['GET', '/healthz'],
      ['GET', '/metrics'],
    ] as const) {
      const res = await api.request(method, path, method === 'POST' ? { body: {} } : {});
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(directives(res).get('default-src'), path).toEqual(["'none'"]);
      expect(directives(res).get('frame-ancestors'), path).toEqual(["'none'"]);
    }
  });

  it('lets /docs load its own scripts and call this origin, and nothing inline', async () => {
    const res = await api.request('GET', '/docs');
    const policy = directives(res);
    expect(scriptSources(res)).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await res.text();
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attributes, body] of scripts) {
      expect(attributes).toMatch(/\ssrc="\/docs\//);
      expect(body!.trim()).toBe('');
    }
    const init = await api.request('GET', '/docs/init.js');
    expect(init.headers.get('x-content-type-options')).toBe('nosniff');
    expect(init.headers.get('content-type')).toMatch(/^text\/javascript/);
  });
});
