import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody, needBody, solutionBody } from './fixtures.js';
import { caseBody, createScenario, type Scenario } from './scenario.js';
import { createTestApi, PASSWORD, registrationBody, START } from './support.js';

/**
 * Every route the API documents, fuzzed: near-valid and wild bodies, headers, query strings and path ids,
 * as each kind of caller. Whatever comes in, the answer is never a 5xx, and every 4xx is problem+json.
 * The seed is fixed and the runs bounded, so CI replays the same cases every time.
 */
const SEED = 20261123;
const RUNS = 40;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  schema?: Schema;
}

interface Schema {
  type?: string;
  enum?: Json[];
  properties?: Record<string, Schema>;
  items?: Schema;
  minimum?: number;
  format?: string;
  anyOf?: Schema[];
}

interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
}

const api = await createTestApi();
const doc = (await (await api.request('GET', '/openapi.json')).json()) as {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }
    >
  >;
};
const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    parameters: op.parameters ?? [],
    ...(op.requestBody?.content['application/json']
      ? { body: op.requestBody.content['application/json'].schema }
      : {}),
  })),
);

const DAY = 24 * 60 * 60 * 1000;
let s: Scenario;
/** Real ids, so that a near-valid case reaches the domain rather than stopping at a 404. */
let subjects: Record<string, string[]>;

/** Valid bodies where the schema alone cannot say (taxonomy codes, real ids); the rest come from it. */
function validBody(op: Operation): Json | undefined {
  const route = `${op.method} ${op.path.replace('/api/v1', '')}`;
  const bodies: Record<string, () => Json> = {
    'POST /auth/token': () => ({ username: s.demander.username, password: PASSWORD }),
    'POST /orgs': () => registrationBody('vendor'),
    'PATCH /orgs/{id}': () => ({ description: '专注汽车零部件制造' }),
    'POST /orgs/{id}/suspend': () => ({ reason: '资料不实' }),
    'POST /needs': () => needBody,
    'PATCH /needs/{id}': () => ({ title: '智能质检产线改造二期' }),
    'POST /needs/{id}/reject': () => ({ reason: '描述不够具体' }),
    'POST /solutions': () => solutionBody,
    'PATCH /solutions/{id}': () => ({ title: '工业视觉缺陷检测平台V2' }),
    'POST /solutions/{id}/reject': () => ({ reason: '案例材料不足' }),
    'POST /needs/{id}/applications': () => applicationBody(s.vendorSolution),
    'POST /needs/{id}/recommendations': () => ({ solutionId: s.vendorSolution }),
    'POST /engagements/{id}/accept': () => ({ proposal: '三个月内上线，提供一年运维。', quoteWan: 80 }),
    'POST /engagements/{id}/decline': () => ({ reason: '预算不匹配' }),
    'POST /engagements/{id}/schedule-meeting': () => ({
      at: new Date(START.getTime() + 5 * DAY).toISOString(),
      location: '青岛市崂山区',
    }),
    'POST /engagements/{id}/sign': () => ({ amountWan: 80 }),
    'POST /engagements/{id}/rate': () => ({ score: 4, comment: '交付及时' }),
    'POST /engagements/{id}/promote-case': () => caseBody,
    'POST /cases/{id}/replications': () => ({ city: 'zibo' }),
    'POST /campaigns': () => s.campaignBody(),
  };
  const known = bodies[route];
  if (known) return known();
  return op.body ? sampleOf(op.body) : undefined;
}

function sampleOf(schema: Schema): Json {
  if (schema.enum?.length) return schema.enum[0]!;
  if (schema.anyOf?.length) return sampleOf(schema.anyOf[0]!);
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, sampleOf(v)]));
    case 'array':
      return schema.items ? [sampleOf(schema.items)] : [];
    case 'number':
    case 'integer':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      return schema.format === 'uuid' ? s.vendorSolution : '数字化应用场景';
  }
}

// ---- what goes into a request ----------------------------------------------------------------------

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)),
});
const hostile = fc.constantFrom(
  "' OR 1=1 --",
  '"; DROP TABLE events; --',
  'status = published OR 1 = 1',
  'id IN [1, 2] AND city EXISTS',
  '<script>alert(1)</script>',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection string, meant literally
  '${jndi:ldap://x}',
  '{{7*7}}',
  '../../../../etc/passwd',
  '%00',
  '\u0000',
  '\uD800',
  '\u202E\uFEFF',
  '🀄️👩‍👩‍👧',
  '__proto__',
  'constructor',
  ' ',
  '',
);
const strings = fc.oneof(
  { weight: 3, arbitrary: fc.string() },
  { weight: 2, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 2, arbitrary: hostile },
  { weight: 1, arbitrary: fc.constantFrom('中'.repeat(5000), 'a'.repeat(100_000)) },
);
const numbers = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-1, 0, 2 ** 53 + 1, 1e308, -1e308, 0.1),
);
const anyJson: fc.Arbitrary<Json> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
  strings,
  numbers,
  fc.constantFrom<Json>(null, true, [], {}, JSON.parse('{"__proto__": {"polluted": true}}') as Json, {
    constructor: { prototype: 1 },
  }),
);

/** Deep nesting of a value in arrays or objects. */
const nested = (depth: number, inArray: boolean, value: Json): Json => {
  let out = value;
  for (let i = 0; i < depth; i++) out = inArray ? [out] : { a: out };
  return out;
};

function pathsOf(value: Json, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => pathsOf(v, [...prefix, k]))];
}

function replaceAt(value: Json, path: string[], replacement: Json | undefined): Json | undefined {
  if (path.length === 0) return replacement;
  if (value === null || typeof value !== 'object') return value;
  const [head, ...rest] = path as [string, ...string[]];
  const copy: Record<string, Json> | Json[] = Array.isArray(value) ? [...value] : { ...value };
  const next = replaceAt((copy as Record<string, Json>)[head] ?? null, rest, replacement);
  if (next === undefined) {
    if (Array.isArray(copy)) copy.splice(Number(head), 1);
    else delete copy[head];
  } else (copy as Record<string, Json>)[head] = next;
  return copy;
}

type Body = { json: Json } | { raw: string } | undefined;

/** A valid body, one field dropped or swapped for something else, or something else entirely. */
function bodies(valid: Json | undefined): fc.Arbitrary<Body> {
  const base = valid ?? {};
  const paths = pathsOf(base);
  const at = fc.constantFrom(...paths);
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant({ json: base }) },
    { weight: 3, arbitrary: at.map((p) => ({ json: replaceAt(base, p, undefined) ?? null })) },
    {
      weight: 6,
      arbitrary: fc.tuple(at, anyJson).map(([p, v]) => ({ json: replaceAt(base, p, v) ?? null })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(at, fc.integer({ min: 1, max: 3000 }), fc.boolean())
        .map(([p, depth, inArray]) => ({ json: replaceAt(base, p, nested(depth, inArray, 1)) ?? null })),
    },
    { weight: 1, arbitrary: anyJson.map((json) => ({ json })) },
    {
      weight: 2,
      arbitrary: fc
        .oneof(
          fc.string(),
          fc.constantFrom(
            '{',
            '{"title":',
            '\uFEFF{}',
            'null',
            '[]',
            '""',
            '1e999',
            '{"a":1}{"b":2}',
            '\u0000',
          ),
        )
        .map((raw) => ({ raw })),
    },
    { weight: 1, arbitrary: fc.constant(undefined) },
  );
}

const ifMatches = fc.oneof(
  fc.constantFrom(
    '*',
    'W/"0"',
    '"1"',
    'W/"-1"',
    'W/"99999999999999999999999"',
    'W/""',
    'W/"1", W/"2"',
    '  W/"2"  ',
  ),
  printable,
);
const idempotencyKeys = fc.oneof(fc.uuid(), fc.constantFrom('', ' ', 'k'.repeat(300)), printable);
const contentTypes = fc.constantFrom(
  'text/plain',
  'application/json; charset=gbk',
  'application/problem+json',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'application/json;;;',
  '',
  '*/*',
);

interface Case {
  who: 'anonymous' | 'demander' | 'vendor' | 'staff';
  authorization?: string | undefined;
  contentType?: string | undefined;
  ifMatch?: string | undefined;
  idempotencyKey?: string | undefined;
  minPosition?: string | undefined;
  path: Record<string, string>;
  query: [string, string][];
  body: Body;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Percent-encoded as a client would: a lone surrogate, which has no UTF-8, goes as U+FFFD. */
const encode = (v: string) => encodeURIComponent(v.replace(LONE_SURROGATE, '\uFFFD'));

/** An id for the route's path parameter: a real one, one of nothing, or not an id at all (sent raw or encoded). */
function pathValues(op: Operation, name: string): fc.Arbitrary<string> {
  const real = subjects[op.path.split('/')[3] ?? ''] ?? subjects.needs!;
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...real) },
    { weight: 1, arbitrary: fc.constantFrom(...Object.values(subjects).flat()) },
    { weight: 2, arbitrary: fc.uuid().map(encode) },
    { weight: 2, arbitrary: strings.filter((v) => v.length > 0).map(encode) },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '..',
        '..%2F..%2Fetc%2Fpasswd',
        '%2e%2e%2f%2e%2e',
        '%00',
        '%ZZ',
        '%E4%B8',
        '%C0%AE',
        name === 'stream' ? '%24all' : '00000000-0000-0000-0000-000000000000',
        'null',
        '-1',
      ),
    },
  );
}

function queryValue(schema: Schema | undefined): fc.Arbitrary<string> {
  const valid = schema?.enum?.length
    ? fc.constantFrom(...schema.enum.map(String))
    : schema?.type === 'integer' || schema?.type === 'number'
      ? fc.integer({ min: -5, max: 2000 }).map(String)
      : fc.constantFrom('jinan', 'ai', 'high-end-equipment', 'published', '质检', 'createdAt:desc', 'true');
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 3, arbitrary: strings },
    {
      weight: 1,
      arbitrary: fc.constantFrom('NaN', '1e309', '9007199254740993', '-0', '0x10', ' 1', '[]', '{}'),
    },
  );
}

/** `after` waits up to 2 s for positions the store has not reached: only values that answer at once. */
const positions = fc.oneof(
  fc.constantFrom('0', '1', '-1', '1e3', 'abc', '', ' 0', '00000000000000000000'),
  printable,
);

function cases(op: Operation): fc.Arbitrary<Case> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query' && p.name !== 'after');
  const queryPairs = fc.array(
    fc
      .oneof(
        { weight: 5, arbitrary: fc.constantFrom(...(queryParams.length ? queryParams : [{ name: 'q' }])) },
        {
          weight: 1,
          arbitrary: fc.constantFrom({ name: 'unknown' }, { name: '__proto__' }, { name: 'after' }),
        },
      )
      .chain((p) =>
        (p.name === 'after' ? positions : queryValue((p as Parameter).schema)).map((v): [string, string] => [
          p.name,
          v,
        ]),
      ),
    { maxLength: 5 },
  );
  /** Present in one case out of `oneIn`: most cases carry the headers a well-behaved client sends. */
  const sometimes = <T>(arb: fc.Arbitrary<T>, oneIn: number) =>
    fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
  return fc.record({
    who: fc.constantFrom('anonymous', 'demander', 'vendor', 'staff'),
    authorization: sometimes(
      fc.oneof(
        fc.constantFrom(
          'Bearer',
          'Bearer ',
          'Bearer a.b.c',
          'Basic Zm9vOmJhcg==',
          `Bearer ${'x'.repeat(10_000)}`,
        ),
        printable,
      ),
      8,
    ),
    contentType: sometimes(contentTypes, 5),
    ifMatch: sometimes(ifMatches, 5),
    idempotencyKey: sometimes(idempotencyKeys, 5),
    minPosition: sometimes(positions, 10),
    path: fc.record(Object.fromEntries(pathParams.map((p) => [p.name, pathValues(op, p.name)]))),
    query: queryPairs,
    body: op.method === 'GET' ? fc.constant(undefined) : bodies(validBody(op)),
  });
}

function request(op: Operation, c: Case): Request | null {
  let path = op.path;
  for (const [name, value] of Object.entries(c.path)) path = path.replace(`{${name}}`, value);
  const query = c.query.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  const headers = new Headers();
  const token = c.who === 'anonymous' ? undefined : c.who === 'staff' ? s.staff : s[c.who].token;
  try {
    if (c.authorization !== undefined) headers.set('Authorization', c.authorization);
    else if (token) headers.set('Authorization', `Bearer ${token}`);
    if (c.ifMatch !== undefined) headers.set('If-Match', c.ifMatch);
    if (c.idempotencyKey !== undefined) headers.set('Idempotency-Key', c.idempotencyKey);
    if (c.minPosition !== undefined) headers.set('X-Min-Position', c.minPosition);
    if (c.body !== undefined) headers.set('Content-Type', c.contentType ?? 'application/json');
  } catch {
    // A value no HTTP client could send (a character outside Latin-1): nothing to test.
    return null;
  }
  const body = c.body === undefined ? undefined : 'raw' in c.body ? c.body.raw : JSON.stringify(c.body.json);
  return new Request(`http://localhost${path}${query ? `?${query}` : ''}`, {
    method: op.method,
    headers,
    ...(body === undefined ? {} : { body }),
  });
}

async function expectWellFormed(res: Response, label: string): Promise<void> {
  const text = await res.text();
  expect(res.status, `${label}\n${text}`).toBeLessThan(500);
  if (res.status < 400) return;
  expect(res.headers.get('content-type'), label).toBe('application/problem+json');
  const problem = JSON.parse(text) as Record<string, unknown>;
  expect(problem, label).toMatchObject({
    type: expect.any(String),
    title: expect.any(String),
    status: res.status,
    detail: expect.any(String),
  });
}

describe('fuzzing every documented route', () => {
  beforeAll(async () => {
    s = await createScenario(api);
    const needs = [await s.need('draft'), await s.need('submitted'), await s.need('published')];
    subjects = {
      // Not the fuzzing callers' own organizations: a suspension would end their tokens for the routes after.
      orgs: [s.demander2.orgId, await s.org('verified'), await s.org('pending'), await s.org('suspended')],
      needs,
      solutions: [s.vendorSolution, await s.solution('draft'), await s.solution('submitted')],
      engagements: [await s.engagement('applied'), await s.engagement('signed')],
      campaigns: [await s.campaign('open'), await s.campaign('closed')],
      cases: [await s.promotedCase()],
      vendors: [s.vendor.orgId, s.demander.orgId],
      streams: [`need-${needs[0]}`, `org-${s.demander.orgId}`, 'idempotency-x'],
    };
  });
  afterAll(() => api.close());

  it('knows every route', () => {
    expect(operations.length).toBeGreaterThan(40);
  });

  // One fixed seed per route (the base seed plus the route's place in the document), so that routes do not
  // all draw the same sequence of choices.
  it.each(operations.map((op, i) => ({ ...op, seed: SEED + i })))('$method $path', async (op) => {
    await fc.assert(
      fc.asyncProperty(cases(op), async (c) => {
        const req = request(op, c);
        if (!req) return;
        const label = `${req.method} ${req.url} ${JSON.stringify(c).slice(0, 2000)}`;
        await expectWellFormed(await api.app.request(req), label);
      }),
      { seed: op.seed, numRuns: RUNS, endOnFailure: true },
    );
  });
});
