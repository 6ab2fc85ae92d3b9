/**
 * The stored match lists (need_matches, solution_matches) on a store of BENCH_NEEDS needs and
 * BENCH_SOLUTIONS solutions:
 * - projection: the projector from the first event without the match lists, then with them (in step, as a new
 *   deployment projects an old store: the lists are left to one rescoring pass once it has caught up), and that
 *   pass, which ranks every list from scratch (what a rebuild or a refresh of corpus statistics costs);
 * - freshness: BENCH_FRESHNESS_SOLUTIONS (20) solutions published one at a time while the projector runs, each a
 *   copy of a published solution by another vendor: from its publication to the stored lists of the needs it
 *   ranks among their top 10, p50 and p95. Target: p95 < 5 s at 20k open needs.
 * The API's /matches against GET /needs/{id} is in bench/http.bench.ts.
 *
 * Run: node bin/run-ts.js bench/match-lists.bench.ts (BENCH_DATA_DIR to reuse a seeded store).
 */

import { join } from 'node:path';
import { pino } from 'pino';
import { actingFor, loadSolution } from '../src/application/listing-loader.js';
import { uuidv7 } from '../src/domain/shared/ids.js';
import { openSqliteEventStore } from '../src/eventstore/sqlite/sqlite-event-store.js';
import { MatchLists, useMatchLists } from '../src/matching/match-lists.js';
import { allProjections } from '../src/projections/all-projections.js';
import { needMatchesProjection } from '../src/projections/need-matches-projection.js';

import { Projector } from '../src/projections/projector.js';
import { readModel } from '../src/projections/read-models.js';
import { solutionMatchesProjection } from '../src/projections/solution-matches-projection.js';
import { loadDefinitions } from '../src/search/definitions.js';
import { openSqliteSearchIndex } from '../src/search/sqlite/sqlite-search-index.js';
import { removeSearchIndex } from './project-store.js';
import { envCount, percentile, report } from './results.js';
import { benchDataDir, seededBefore, seedMarketplace, sizeFromEnv } from './seeded-marketplace.js';

const size = sizeFromEnv();
const publishes = envCount('BENCH_FRESHNESS_SOLUTIONS', 20);
const { dir, done } = benchDataDir();
const log = (line: string) => process.stderr.write(`${line}\n`);
const logger = pino({ level: 'warn' });
const staff = {
  actor: { userId: '01950000-0000-7000-8000-00000000be02', orgId: null, role: 'staff' as const },
  correlationId: 'bench-match-lists',
};
const matchLists = [needMatchesProjection, solutionMatchesProjection];

async function main() {
  if (!seededBefore(dir, size)) {
    log(`seeding ${size.needs} needs + ${size.solutions} solutions…`);
    await seedMarketplace(dir, size);
  }
  removeSearchIndex(dir);
  const store = openSqliteEventStore({ path: join(dir, 'events.db'), synchronous: 'NORMAL' });
  const search = openSqliteSearchIndex({ path: join(dir, 'search.db'), logger });
  for (const definition of loadDefinitions().values()) await search.applySettings(definition);
  const head = await store.headPosition();
  const timedOn = async (index: typeof search, projections: typeof allProjections) => {
    const projector = new Projector({ store, search: index, logger, projections });
    const started = performance.now();
    await projector.start();
    await projector.waitFor(head, 24 * 3_600_000);
    await projector.stop();
    return (performance.now() - started) / 1000;
  };

  // Before: the projector without the match lists; after: all indexes from the first event, in step, as a new
  // deployment projects them (an old store is caught up on: lists are rescored once, after the catch-up).
  const beforeSeconds = await timedOn(
    search,
    allProjections.filter((p) => !matchLists.includes(p)),
  );
  log(`projector without match lists: ${beforeSeconds.toFixed(1)} s`);
  await search.close();
  removeSearchIndex(dir);
  const search2 = openSqliteSearchIndex({ path: join(dir, 'search.db'), logger });
  for (const definition of loadDefinitions().values()) await search2.applySettings(definition);
  const lists = useMatchLists(new MatchLists({ search: search2, logger }));
  const afterSeconds = await timedOn(search2, allProjections);
  log(`projector with match lists: ${afterSeconds.toFixed(1)} s to the head`);
  const settleStarted = performance.now();
  await lists.idle();
  const settleSeconds = (performance.now() - settleStarted) / 1000;
  const { needs: openNeeds, solutions: offerable } = await lists.openListings();
  log(
    `then all ${openNeeds.length} + ${offerable.length} lists ranked (rescoring pass): ${settleSeconds.toFixed(1)} s`,
  );

  const live = search2;
  const projector = new Projector({ store, search: live, logger });
  await projector.start();
  const deps = { store, clock: () => new Date(), newId: () => uuidv7(), logger };
  const vendors = (await readModel(live, 'vendors').search({ pageSize: 200 })).hits;
  const originals = (
    await readModel(live, 'solutions').search({
      filter: { field: 'status', op: 'eq', value: 'published' },
      pageSize: publishes,
    })
  ).hits;
  const latencies: number[] = [];
  let entered = 0;
  for (const [i, original] of originals.entries()) {
    const vendor = vendors.find((v) => v.id !== original.vendorId && v.status === 'verified')!;
    const { title, description, industries, scenarioTypes, technologies, regionsServed, priceWan } = original;
    const fields = {
      title: `${title}（${i + 1}）`,
      description,
      industries,
      scenarioTypes,
      technologies,
      regionsServed,
      priceWan,
      deployment: original.deployment,
    };
    const owner = actingFor(staff, { id: vendor.id, kind: 'vendor' });
    const solution = await loadSolution(deps, uuidv7(), fields, { owner, reviewer: staff });
    const published = performance.now();
    await projector.waitFor(await store.headPosition(), 60_000);
    latencies.push((performance.now() - published) / 1000);
    const holding = await readModel(live, 'need_matches').search({
      filter: { field: 'solutionIds', op: 'eq', value: solution.id },
      pageSize: 1,
    });
    if (holding.total > 0) entered += 1;
  }
  await projector.stop();
  log(
    `freshness: ${latencies.map((s) => s.toFixed(2)).join(' ')} s; ${entered}/${originals.length} entered lists`,
  );

  report({
    bench: 'match-lists',
    setup: `${size.needs} needs + ${size.solutions} solutions (${openNeeds.length} open needs, ${offerable.length} offerable solutions), SQLite`,
    figures: [
      { name: 'projector from the first event, without the match lists', unit: 's', runs: [beforeSeconds] },
      { name: 'projector from the first event, with the match lists', unit: 's', runs: [afterSeconds] },
      {
        name: 'all lists ranked from scratch after that catch-up (rescoring pass, 5 s quiet time included)',
        unit: 's',
        runs: [settleSeconds],
      },
      {
        name: 'freshness p95: solution published → in the stored lists',
        unit: 's',
        runs: [percentile(latencies, 95)],
        targets: [{ on: 'median', op: '<', value: 5 }],
      },
      { name: 'freshness p50', unit: 's', runs: [percentile(latencies, 50)] },
    ],
  });
  await live.close();
  await store.close();
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(done);
