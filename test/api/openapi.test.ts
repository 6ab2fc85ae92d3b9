import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScenario, type Scenario } from './scenario.js';
import { createTestApi, type TestApi } from './support.js';

type Operation = {
  responses?: Record<string, unknown>;
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: {
    content: Record<string, { schema: { properties?: Record<string, unknown>; $ref?: string } }>;
  };
  security?: Record<string, string[]>[];
  'x-roles'?: string[];
};
type Document = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: {
    schemas?: Record<string, { properties?: Record<string, unknown> }>;
    securitySchemes?: Record<string, unknown>;
  };
};

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

describe('GET /openapi.json', () => {
  let api: TestApi;
  let doc: Document;
  let s: Scenario;
  beforeAll(async () => {
    api = await createTestApi();
    s = await createScenario(api);
    const res = await api.request('GET', '/openapi.json');
    expect(res.status).toBe(200);
    doc = (await res.json()) as Document;
  });
  afterAll(() => api.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, op]) => ({ path, method, op })),
    );

  it('is OpenAPI 3.1 with a bearer security scheme', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.title).toBeTruthy();
    expect(doc.components.securitySchemes?.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('lists every route the app answers', () => {
    const documented = new Set(operations().map(({ path, method }) => `${method.toUpperCase()} ${path}`));
    // The web pages (src/web) are HTML for people, not part of the API: only the API and ops routes count.
    const ops = ['/healthz', '/readyz', '/metrics', '/openapi.json', '/docs'];
    const served = api.app.routes
      .filter((r) => r.method !== 'ALL' && (r.path.startsWith('/api/') || ops.includes(r.path)))
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    expect(served.length).toBeGreaterThan(30);
    expect([...new Set(served)].filter((route) => !documented.has(route))).toEqual([]);
  });

  it('declares, for every operation, who may call it, its path parameters and a success response', () => {
    for (const { path, method, op } of operations()) {
      const where = `${method} ${path}`;
      expect(
        Object.keys(op.responses ?? {}).some((status) => status.startsWith('2')),
        where,
      ).toBe(true);
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        expect(
          op.parameters?.find((p) => p.in === 'path' && p.name === name)?.required,
          `${where} ${name}`,
        ).toBe(true);
      }
      if (!path.startsWith('/api/')) continue;
      expect(op['x-roles'], where).toBeDefined();
      const isPublic = op['x-roles']?.includes('public');
      expect(Boolean(op.security?.some((req) => 'bearerAuth' in req)), where).toBe(!isPublic);
    }
  });

  it('resolves every $ref', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) {
      const pointer = ref.slice(8, -1);
      expect(pointer.startsWith('#/'), pointer).toBe(true);
      let node: unknown = doc;
      for (const part of pointer.slice(2).split('/'))
        node = (node as Record<string, unknown> | undefined)?.[part];
      expect(node, pointer).toBeDefined();
    }
  });

  it('never answers a malformed body with a 500', async () => {
    const tokenFor = (op: Operation) => {
      const roles = op['x-roles'] ?? [];
      if (roles.includes('public')) return undefined;
      const role = roles[0];
      if (role === 'demander') return s.demander.token;
      if (role === 'vendor') return s.vendor.token;
      return s.staff;
    };
    const fieldsOf = (op: Operation): string[] => {
      const schema = op.requestBody?.content['application/json']?.schema;
      const resolved = schema?.$ref ? doc.components.schemas?.[schema.$ref.split('/').pop()!] : schema;
      return Object.keys(resolved?.properties ?? {});
    };
    const targets = operations().filter(({ method, path }) => method !== 'get' && path.startsWith('/api/'));
    const ids = { id: await s.need('draft'), stream: 'need-x' };
    const malformed = ['{', '[]', 'null', '42', '"text"', '{"a":1,}', '{"a":'.repeat(5000), '\u0000', 'true'];
    let requests = 0;
    for (const { path, method, op } of targets) {
      const url = path.replace(/\{(\w+)\}/g, (_, name: 'id' | 'stream') => ids[name]);
      const token = tokenFor(op);
      const fields = fieldsOf(op);
      const send = async (body: string) => {
        requests += 1;
        const res = await api.request(method.toUpperCase(), url, { ...(token ? { token } : {}), body });
        if (res.status >= 500)
          throw new Error(`${method} ${path} with ${body.slice(0, 80)}: ${res.status} ${await res.text()}`);
        expect(res.status).toBeLessThan(500);
      };
      for (const body of malformed) await send(body);
      await fc.assert(
        fc.asyncProperty(
          fields.length > 0
            ? fc.dictionary(fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 3 }))
            : fc.jsonValue(),
          (value) => send(JSON.stringify(value)),
        ),
        { numRuns: 6 },
      );
    }
    expect(requests).toBeGreaterThan(targets.length * 12);
  });
});
