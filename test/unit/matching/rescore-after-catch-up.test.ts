import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MatchLists } from '../../../src/matching/match-lists.js';
import { loadDefinitions } from '../../../src/search/definitions.js';
import type { SearchIndex } from '../../../src/search/port.js';
import { openSqliteSearchIndex } from '../../../src/search/sqlite/sqlite-search-index.js';

const logger = pino({ level: 'silent' });

/**
 * The rescoring pass after a catch-up waits for the projector to have caught up, not only for a quiet
 * moment: at 100k listings one batch of the other indexes outlasted the quiet time, and a pass began with
 * statistics of part of the corpus, to run again in full once it ended (two passes of an hour each).
 */
describe('the rescoring pass after a catch-up', () => {
  let search: SearchIndex;
  let lists: MatchLists;
  let passes: number;
  beforeEach(async () => {
    search = openSqliteSearchIndex({ path: ':memory:', logger });
    for (const definition of loadDefinitions().values()) await search.applySettings(definition);
    lists = new MatchLists({ search, logger });
    passes = 0;
    lists.onRefreshed(async () => {
      passes += 1;
    });
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await search.close();
  });

  it('starts once the projector has caught up, however long the quiet moments before', async () => {
    let caughtUp = false;
    lists.rescoreSoon(async () => caughtUp);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(passes, 'quiet, but still catching up').toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(passes).toBe(0);
    caughtUp = true;
    await vi.advanceTimersByTimeAsync(5_000);
    await lists.idle();
    expect(passes).toBe(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(passes, 'and runs once').toBe(1);
  });

  it('waits for the quiet time after the last event left to it', async () => {
    for (let i = 0; i < 5; i++) {
      lists.rescoreSoon(async () => true);
      await vi.advanceTimersByTimeAsync(4_000);
    }
    expect(passes).toBe(0);
    await vi.advanceTimersByTimeAsync(1_000);
    await lists.idle();
    expect(passes).toBe(1);
  });
});
