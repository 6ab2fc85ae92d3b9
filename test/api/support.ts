import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { expect } from 'vitest';
import { currentPolicyVersions } from '../../src/application/policies/policies.js';
import { DEFAULT_SIGN_IN_POLICY, type SignInPolicy } from '../../src/application/sign-in-policy.js';
import { createStaffUser } from '../../src/application/user-service.js';
import { uuidv7 } from '../../src/domain/shared/ids.js';
import { usccCheckCharacter } from '../../src/domain/shared/uscc.js';
import type { EventStore } from '../../src/eventstore/port.js';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import type { KeyStore } from '../../src/personal-data/key-store.js';
import { Projector } from '../../src/projections/projector.js';
import type { ProjectionStatus } from '../../src/projections/status.js';
import { systemContext } from '../../src/runtime.js';
import { loadDefinitions } from '../../src/search/definitions.js';
import { openSqliteSearchIndex } from '../../src/search/sqlite/sqlite-search-index.js';
import { createApp } from '../../src/server/app.js';
import { assembleHttp } from '../../src/server/assemble.js';
import type { HttpDeps, RateLimits } from '../../src/server/deps.js';

/**
 * An app on a real SQLite event store in a temp dir, with a settable clock, driven through
 * `app.request()`. Logs are kept in memory so tests can read what was logged.
 */
export const START = new Date('2025-03-01T02:00:00.000Z');

export interface TestApiOptions {
  rateLimits?: Partial<RateLimits>;
  /** Wraps the store, e.g. to make it fail. */
  wrapStore?: (store: EventStore) => EventStore;
  projections?: ProjectionStatus;
  /** Staff sign in with the password alone unless a test of the second factor says otherwise. */
  signIn?: SignInPolicy;
  /** The personal-data keys the application destroys on 注销 (the store is wrapped with them by `wrapStore`). */
  keys?: KeyStore;
}

export interface RequestOptions {
  token?: string;
  /** Sent as JSON unless it is a string (sent as is). */
  body?: unknown;
  headers?: Record<string, string>;
}

export type TestApi = Awaited<ReturnType<typeof createTestApi>>;

let usccCounter = 0;

/** A USCC with a correct check character, different on every call. */
export function nextUscc(): string {
  usccCounter += 1;
  const first17 = `91370100MA${String(usccCounter + process.pid * 1000)
    .padStart(7, '0')
    .slice(-7)}`;
  return first17 + usccCheckCharacter(first17);
}

let nameCounter = 0;
export function uniqueName(prefix: string): string {
  nameCounter += 1;
  return `${prefix}${nameCounter}`;
}

export const PASSWORD = 'Secret123pass';

export async function createTestApi(options: TestApiOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'yunsupei-api-'));
  const raw = openSqliteEventStore({ path: join(dir, 'events.db'), synchronous: 'NORMAL' });
  const store = options.wrapStore ? options.wrapStore(raw) : raw;
  let now = START.getTime();
  const clock = () => new Date(now);
  const logs: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        logs.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    }),
  );
  // The read side as in production: a projector feeding a search index from this store.
  const search = openSqliteSearchIndex({ path: ':memory:', logger });
  for (const definition of loadDefinitions().values()) await search.applySettings(definition);
  const projector = new Projector({ store, search, logger });
  if (!options.projections) await projector.start();
  const projections: ProjectionStatus = options.projections ?? projector;
  const { deps, http } = assembleHttp({
    store,
    clock,
    newId: () => uuidv7(clock().getTime()),
    logger,
    secret: 'test-secret-of-at-least-16-chars',
    signIn: options.signIn ?? { ...DEFAULT_SIGN_IN_POLICY, staffMfa: 'off' },
    rateLimits: { authPerMinute: 10_000, perMinute: 100_000, ...options.rateLimits },
    projections,
    search,
    now: () => now,
    defaultMetrics: false,
    ...(options.keys ? { keys: options.keys } : {}),
  });
  const app = createApp(http);

  async function request(method: string, path: string, opts: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    let body: string | undefined;
    if (opts.body !== undefined) {
      body = typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
      headers['Content-Type'] ??= 'application/json';
    }
    return app.request(path, { method, headers, ...(body === undefined ? {} : { body }) });
  }

  const tokens = new Map<string, string>();
  async function login(username: string, password = PASSWORD): Promise<string> {
    const cached = tokens.get(username);
    if (cached) return cached;
    const res = await request('POST', '/api/v1/auth/token', { body: { username, password } });
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
    const { token } = (await res.json()) as { token: string };
    tokens.set(username, token);
    return token;
  }

  return {
    app,
    deps,
    http: http as HttpDeps,
    store,
    /** The temp dir holding `events.db`. */
    dir,
    logs,
    request,
    login,
    clock,
    /** Moves the clock (and the rate limiter's time) forward. */
    advance(ms: number) {
      now += ms;
    },
    async createStaff(username = uniqueName('staff')) {
      await createStaffUser(deps, systemContext('test'), { username, password: PASSWORD });
      return { username, token: await login(username) };
    },
    search,
    /** Resolves once the read models have caught up with every write so far. */
    async caughtUp() {
      if (!(await projections.waitFor(await store.headPosition(), 5000))) throw new Error('projections lag');
    },
    async close() {
      await projector.stop();
      await search.close();
      await raw.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestOrg {
  orgId: string;
  userId: string;
  username: string;
  token: string;
}

export function registrationBody(kind: 'demander' | 'vendor', username = uniqueName(kind)) {
  return {
    name: kind === 'demander' ? `济南市${username}制造有限公司` : `山东${username}数字科技有限公司`,
    uscc: nextUscc(),
    kind,
    city: kind === 'demander' ? 'jinan' : 'qingdao',
    contact: { name: '李主任', phone: '0531-88881234', email: `${username}@example.cn` },
    admin: { username, password: PASSWORD },
    accepted: currentPolicyVersions(),
  };
}

/** Registers an organization through the API, verifies it as staff unless told not to, and signs its admin in. */
export async function registerOrg(
  api: TestApi,
  kind: 'demander' | 'vendor',
  staffToken: string | null,
): Promise<TestOrg> {
  const body = registrationBody(kind);
  const res = await api.request('POST', '/api/v1/orgs', { body });
  if (res.status !== 201) throw new Error(`register: ${res.status} ${await res.text()}`);
  const { org, user } = (await res.json()) as { org: { id: string }; user: { id: string } };
  if (staffToken) {
    const verified = await api.request('POST', `/api/v1/orgs/${org.id}/verify`, { token: staffToken });
    if (verified.status !== 200) throw new Error(`verify: ${verified.status} ${await verified.text()}`);
  }
  const username = body.admin.username;
  return { orgId: org.id, userId: user.id, username, token: await api.login(username) };
}

export async function expectProblem(res: Response, status: number, code?: string) {
  expect(res.status, await res.clone().text()).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  const problem = (await res.json()) as Record<string, unknown>;
  expect(problem).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  expect(problem.detail).toEqual(expect.any(String));
  expect(problem.requestId).toBe(res.headers.get('x-request-id'));
  if (code) expect(problem.code).toBe(code);
  return problem as { code: string; detail: string; errors?: { path: string; message: string }[] };
}
