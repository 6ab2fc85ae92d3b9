import { pino } from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock, uuidv7 } from '../../src/domain/shared/ids.js';
import type { EventStore } from '../../src/eventstore/port.js';
import {
  AppendTooLargeError,
  EventStoreUnavailableError,
  StreamDeletedError,
} from '../../src/eventstore/port.js';
import { openSqliteEventStore } from '../../src/eventstore/sqlite/sqlite-event-store.js';
import { Projector } from '../../src/projections/projector.js';
import { loadDefinitions } from '../../src/search/definitions.js';
import { IndexNotFoundError, InvalidFilterError, SearchUnavailableError } from '../../src/search/errors.js';
import type { SearchIndex } from '../../src/search/port.js';
import { openSqliteSearchIndex } from '../../src/search/sqlite/sqlite-search-index.js';
import { createApp } from '../../src/server/app.js';
import { assembleHttp } from '../../src/server/assemble.js';
import { expectProblem, registrationBody } from './support.js';

/**
 * The API and the pages over a search index and an event store that fail on demand, with the errors the
 * Meilisearch and KurrentDB adapters throw: each reaches the user as a status and a message in Chinese,
 * never as a 500.
 */
let searchFailure: Error | undefined;
let appendFailure: Error | undefined;

async function openFailingSite() {
  const raw = openSqliteEventStore({ path: ':memory:', synchronous: 'NORMAL' });
  const store: EventStore = {
    ...raw,
    append: (stream, events, options) =>
      appendFailure ? Promise.reject(appendFailure) : raw.append(stream, events, options),
  };
  const index = openSqliteSearchIndex({ path: ':memory:' });
  for (const definition of loadDefinitions().values()) await index.applySettings(definition);
  const search: SearchIndex = {
    ...index,
    search: (name, params) => (searchFailure ? Promise.reject(searchFailure) : index.search(name, params)),
  };
  const logger = pino({ level: 'silent' });
  const projector = new Projector({ store: raw, search: index, logger });
  await projector.start();
  const { http } = assembleHttp({
    store,
    clock: systemClock,
    newId: () => uuidv7(),
    logger,
    secret: 'backend-errors-test-secret-32-chars',
    rateLimits: { authPerMinute: 10_000, perMinute: 100_000 },
    projections: projector,
    search,
    defaultMetrics: false,
  });
  return {
    app: createApp(http),
    async close() {
      await http.matchRounds.idle();
      await projector.stop();
      await index.close();
      await raw.close();
    },
  };
}

describe('back-end failures as users see them', () => {
  let site: Awaited<ReturnType<typeof openFailingSite>>;

  beforeAll(async () => {
    site = await openFailingSite();
  });
  afterAll(async () => {
    await site.close();
  });
  beforeEach(() => {
    searchFailure = undefined;
    appendFailure = undefined;
  });

  const chinese = /[\u4e00-\u9fff]/;

  it('answers a search index that is down with 503 problem+json in Chinese', async () => {
    searchFailure = new SearchUnavailableError('Meilisearch at http://meili:7700: fetch failed');
    const problem = await expectProblem(
      await site.app.request('/api/v1/needs?q=冷链'),
      503,
      'search.unavailable',
    );
    expect(problem.detail).toMatch(chinese);
    expect(problem.detail).not.toContain('meili');
  });

  it('answers the index’s other failures (an index not built yet) with 503 too, not 500', async () => {
    searchFailure = new IndexNotFoundError('needs');
    await expectProblem(await site.app.request('/api/v1/needs'), 503, 'search.unavailable');
  });

  it('answers a filter the search engine refuses with 400 problem+json in Chinese', async () => {
    searchFailure = new InvalidFilterError(
      'Meilisearch refused the filter: invalid_search_filter',
      'deadline',
    );
    const problem = await expectProblem(
      await site.app.request('/api/v1/needs'),
      400,
      'search.invalid_filter',
    );
    expect(problem.detail).toMatch(chinese);
    expect(problem.errors).toEqual([{ path: 'deadline', message: expect.stringMatching(chinese) }]);
  });

  it('shows a Chinese error page with status 503 when search is down, and 400 for a refused filter', async () => {
    searchFailure = new SearchUnavailableError('Meilisearch at http://meili:7700: fetch failed');
    const down = await site.app.request('/needs');
    expect(down.status).toBe(503);
    expect(down.headers.get('content-type')).toContain('text/html');
    const html = await down.text();
    expect(html).toContain('搜索服务暂不可用');
    expect(html).not.toContain('meili');

    searchFailure = new InvalidFilterError('Meilisearch refused the filter');
    const refused = await site.app.request('/needs');
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('筛选条件无效');
  });

  it('answers the event store’s refusals: unavailable 503, deleted stream 409, too large 413', async () => {
    const register = () =>
      site.app.request('/api/v1/orgs', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(registrationBody('demander')),
      });
    appendFailure = new EventStoreUnavailableError(
      'KurrentDB at kurrentdb://x is unavailable: Server Is Not Ready',
    );
    const unavailable = await expectProblem(await register(), 503, 'unavailable');
    expect(unavailable.detail).toMatch(chinese);
    appendFailure = new StreamDeletedError('organization-1');
    expect((await expectProblem(await register(), 409, 'stream_deleted')).detail).toMatch(chinese);
    appendFailure = new AppendTooLargeError('organization-1', 1_048_576);
    expect((await expectProblem(await register(), 413, 'append_too_large')).detail).toMatch(chinese);
  });
});
