import { pino } from 'pino';
import type { MatchingService } from '../../src/application/matching-service.js';
import { DEFAULT_SIGN_IN_POLICY, type SignInPolicy } from '../../src/application/sign-in-policy.js';
import { createStaffUser } from '../../src/application/user-service.js';
import { type Clock, systemClock, uuidv7 } from '../../src/domain/shared/ids.js';
import { encryptPersonalData } from '../../src/eventstore/personal-data-cipher.js';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import type { KeyStore } from '../../src/personal-data/key-store.js';
import { Projector } from '../../src/projections/projector.js';
import { systemContext } from '../../src/runtime.js';
import { loadDefinitions } from '../../src/search/definitions.js';
import { openSqliteSearchIndex } from '../../src/search/sqlite/sqlite-search-index.js';
import { createApp } from '../../src/server/app.js';
import { assembleHttp } from '../../src/server/assemble.js';
import type { SiteIdentity } from '../../src/server/site-identity.js';

/**
 * The site in-process (`app.request`, no server, no browser) on an in-memory store and search index with
 * the projector running, and a client that keeps cookies and posts forms with the page's CSRF token.
 */
export const STAFF = { username: 'staffer', password: 'Staff1234pw' };

export interface SiteOptions {
  /** Stands in for 云速配 (a match list as the index may hold it), given the site's own. */
  matching?: (real: MatchingService) => MatchingService;
  /** The site's time (the system clock when not given). */
  clock?: Clock;
  sessionIdleMinutes?: number;
  /** Who runs the site (footer, 联系我们); the demonstration texts when not given. */
  site?: SiteIdentity;
  /** Staff sign in with the password alone unless a test of the second factor says otherwise. */
  signIn?: SignInPolicy;
  /** Keeps personal data encrypted under these keys, as the runtime does, and lets 注销 destroy them. */
  keys?: KeyStore;
}

export async function openSite(options: SiteOptions = {}) {
  const raw = openSqliteEventStore({ path: ':memory:', synchronous: 'NORMAL' });
  const store = options.keys ? encryptPersonalData(raw, options.keys) : raw;
  const search = openSqliteSearchIndex({ path: ':memory:' });
  for (const definition of loadDefinitions().values()) await search.applySettings(definition);
  const logger = pino({ level: 'silent' });
  const projector = new Projector({ store, search, logger });
  await projector.start();
  const { deps, http } = assembleHttp({
    store,
    clock: options.clock ?? systemClock,
    newId: () => uuidv7(),
    ...(options.sessionIdleMinutes ? { sessionIdleMinutes: options.sessionIdleMinutes } : {}),
    ...(options.site ? { site: options.site } : {}),
    logger,
    secret: 'web-test-secret-of-32-characters',
    signIn: options.signIn ?? { ...DEFAULT_SIGN_IN_POLICY, staffMfa: 'off' },
    rateLimits: { authPerMinute: 10_000, perMinute: 100_000 },
    projections: projector,
    search,
    defaultMetrics: false,
    ...(options.keys ? { keys: options.keys } : {}),
  });
  await createStaffUser(deps, systemContext('test'), STAFF);
  // The server mounts the pages next to the API, as in production.
  const app = createApp(options.matching ? { ...http, matching: options.matching(http.matching) } : http);
  return {
    app,
    deps,
    async close() {
      await http.matchRounds.idle();
      await projector.stop();
      await search.close();
      await raw.close();
    },
  };
}

export type Site = Awaited<ReturnType<typeof openSite>>;

export interface Answer {
  status: number;
  headers: Headers;
  html: string;
}

/** One visitor: cookies kept between requests, forms posted with the `_csrf` of the last page seen. */
export function visitor(site: Site, headers: Record<string, string> = {}) {
  const cookies = new Map<string, string>();
  let csrf = '';
  const remember = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (/Max-Age=0/i.test(line) || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
  };
  const send = async (path: string, init: RequestInit = {}): Promise<Answer> => {
    const cookie = [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await site.app.request(path, {
      ...init,
      headers: {
        ...headers,
        ...(cookie ? { Cookie: cookie } : {}),
        ...(init.headers as Record<string, string>),
      },
    });
    remember(response);
    const html = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
    if (token) csrf = token;
    return { status: response.status, headers: response.headers, html };
  };
  return {
    cookies,
    get: (path: string) => send(path),
    /** Posts a form; `_csrf` is the last page's unless the fields give their own. */
    post(path: string, fields: Record<string, string | string[]> = {}) {
      const body = new URLSearchParams();
      if (!('_csrf' in fields)) body.append('_csrf', csrf);
      for (const [name, value] of Object.entries(fields)) {
        for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
      }
      return send(path, {
        method: 'POST',
        body: body.toString(),
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
    },
    /** Follows a 303 from a post. */
    async follow(answer: Answer) {
      const location = answer.headers.get('Location');
      if (answer.status !== 303 || !location) throw new Error(`expected a redirect, got ${answer.status}`);
      return send(location);
    },
  };
}

export type Visitor = ReturnType<typeof visitor>;
