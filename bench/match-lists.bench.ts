/**
 * The stored match lists (need_matches, solution_matches) on a store of BENCH_NEEDS needs and
 * BENCH_SOLUTIONS solutions:
 * - projection: the projector from the first event without the match lists, then with them (in step, as a new
 *   deployment projects an old store: the lists are left to one rescoring pass once it has caught up), and that
 *   pass, which ranks every list from scratch (what a rebuild or a refresh of corpus statistics costs);
 * - freshness: BENCH_FRESHNESS_SOLUTIONS (20) solutions published one at a time while the projector runs, each a
 *   copy of a published solution by another vendor: from its publication to the stored lists of the needs it
 *   ranks among their top 10, p50 and p95. Target: p95 < 5 s at 20k open needs;
 * - reads: the server (bench/http-server.ts) over that store, a need's and a solution's matches as staff ask
 *   for them next to the need's and the solution's own read, in the same run: BENCH_HTTP_RUNS (3) runs of
 *   BENCH_HTTP_SECONDS (5) per endpoint with BENCH_HTTP_CONNECTIONS (10), latency p50 and p99. Target: the
 *   matches within 2x of the single read.
 *
 * Run: node bin/run-ts.js bench/match-lists.bench.ts (BENCH_DATA_DIR to reuse a seeded store; BENCH_NEEDS
 * and BENCH_SOLUTIONS, 100k each unless told: `npm run bench` runs it at 2k + 2k). BENCH_READS_ONLY=1 measures
 * only the reads, over the store and lists BENCH_DATA_DIR already holds (projected by an earlier run): at 5k +
 * 5k a whole run projects for half an hour, which is no way to try a change of the read path.
 * BENCH_LISTS_SAMPLE=n ranks only n lists of each side and estimates the rest (see sampledLists).
 */

import { join } from 'node:path';
import { pino } from 'pino';
import { actingFor, loadSolution } from '../src/application/listing-loader.js';
import { keyDirOf } from '../src/config.js';
import { uuidv7 } from '../src/domain/shared/ids.js';
import { loadAuditKey } from '../src/eventstore/audit-key.js';
import { openSqliteEventStore } from '../src/eventstore/sqlite/sqlite-event-store.js';
import { MatchLists, useMatchLists } from '../src/matching/match-lists.js';
import { allProjections } from '../src/projections/all-projections.js';
import { EntityReader } from '../src/projections/entity-reader.js';
import { needMatchesProjection } from '../src/projections/need-matches-projection.js';

import type { Projection } from '../src/projections/projection.js';
import { Projector } from '../src/projections/projector.js';
import { readModel } from '../src/projections/read-models.js';
import { solutionMatchesProjection } from '../src/projections/solution-matches-projection.js';
import { loadDefinitions } from '../src/search/definitions.js';
import type { SearchDocument } from '../src/search/port.js';
import { openSqliteSearchIndex } from '../src/search/sqlite/sqlite-search-index.js';
import { type Endpoint, load, type Sample, startBenchServer } from './http-load.js';
import { removeSearchIndex } from './project-store.js';
import { envCount, type Figure, median, percentile, report } from './results.js';
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
const httpRuns = envCount('BENCH_HTTP_RUNS', 3);
const http = {
  seconds: envCount('BENCH_HTTP_SECONDS', 5),
  connections: envCount('BENCH_HTTP_CONNECTIONS', 10),
  maxRequests: envCount('BENCH_HTTP_MAX_REQUESTS', 50_000),
};
/** Listings whose reads the HTTP part rotates through. */
const READ_IDS = 1000;

async function main() {
  if (process.env.BENCH_READS_ONLY === '1') return readsOnly();
  if (process.env.BENCH_LISTS_SAMPLE) return sampledLists(envCount('BENCH_LISTS_SAMPLE', 1000));
  if (!seededBefore(dir, size)) {
    log(`seeding ${size.needs} needs + ${size.solutions} solutions…`);
    await seedMarketplace(dir, size);
  }
  removeSearchIndex(dir);
  // Sealed with the audit chain's key, as the bench server seals what it appends: a folder reused after a
  // whole run (whose server sealed the file) still takes the freshness part's publications.
  const store = openSqliteEventStore({
    path: join(dir, 'events.db'),
    synchronous: 'NORMAL',
    chainKey: loadAuditKey(
      keyDirOf({ YUNSUPEI_DATA_DIR: dir, YUNSUPEI_KEY_DIR: process.env.YUNSUPEI_KEY_DIR }),
      dir,
    ),
  });
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
  const needIds = (await readModel(live, 'need_matches').search({ pageSize: READ_IDS })).hits.map(
    (h) => h.id,
  );
  const solutionIds = (await readModel(live, 'solution_matches').search({ pageSize: READ_IDS })).hits.map(
    (h) => h.id,
  );
  await live.close();
  await store.close();
  const reads = await readFigures(needIds, solutionIds);

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
      ...reads,
    ],
  });
}

/** The reads alone, over the lists a projected store holds. */
async function readsOnly() {
  if (!process.env.BENCH_DATA_DIR || !seededBefore(dir, size))
    throw new Error('BENCH_READS_ONLY needs BENCH_DATA_DIR holding a store projected at this size');
  const search = openSqliteSearchIndex({ path: join(dir, 'search.db'), logger });
  const ids = async (index: 'need_matches' | 'solution_matches') =>
    (await readModel(search, index).search({ pageSize: READ_IDS })).hits.map((h) => h.id);
  const [needIds, solutionIds] = [await ids('need_matches'), await ids('solution_matches')];
  await search.close();
  if (needIds.length === 0 || solutionIds.length === 0)
    throw new Error(`BENCH_READS_ONLY: no match lists in ${dir}: project it first (a whole run)`);
  report({
    bench: 'match-lists',
    setup: `${size.needs} needs + ${size.solutions} solutions, reads only over the stored lists, SQLite`,
    figures: await readFigures(needIds, solutionIds),
  });
}

/**
 * At a size where ranking every list takes hours (100k + 100k): every index but the match lists projected,
 * then the lists of `sample` open needs and `sample` offerable solutions ranked and stored as the rescoring
 * pass does, timed; the time for all of them is that rate times their number, an estimate, not a run. The
 * reads then run over the sampled lists.
 */
async function sampledLists(sample: number) {
  if (!seededBefore(dir, size)) {
    log(`seeding ${size.needs} needs + ${size.solutions} solutions…`);
    await seedMarketplace(dir, size);
  }
  const store = openSqliteEventStore({ path: join(dir, 'events.db'), synchronous: 'NORMAL' });
  const search = openSqliteSearchIndex({ path: join(dir, 'search.db'), logger });
  for (const definition of loadDefinitions().values()) await search.applySettings(definition);
  const head = await store.headPosition();
  const projector = new Projector({
    store,
    search,
    logger,
    projections: allProjections.filter((p) => !matchLists.includes(p)),
  });
  const projected = performance.now();
  await projector.start();
  await projector.waitFor(head, 24 * 3_600_000);
  await projector.stop();
  log(`projector without match lists: ${((performance.now() - projected) / 1000).toFixed(1)} s`);

  const lists = useMatchLists(new MatchLists({ search, logger }));
  const statisticsStarted = performance.now();
  await lists.statistics();
  const statisticsSeconds = (performance.now() - statisticsStarted) / 1000;
  const open = await lists.openListings();
  const ctx = { store, search, entities: new EntityReader(store), position: head };
  const rank = async (projection: Projection, ids: string[]) => {
    const started = performance.now();
    const documents: SearchDocument[] = [];
    for (const id of ids) {
      const document = await projection.build(id, { ...ctx, target: projection.index });
      if (document) documents.push(document);
    }
    // At the head: the server's projector then takes the sample for the whole index, not a catch-up to rank.
    await search.applyBatch(projection.index, { upserts: documents }, head);
    return (performance.now() - started) / ids.length;
  };
  const needIds = open.needs.slice(0, sample);
  const solutionIds = open.solutions.slice(0, sample);
  const needMs = await rank(needMatchesProjection, needIds);
  const solutionMs = await rank(solutionMatchesProjection, solutionIds);
  const estimate = (open.needs.length * needMs + open.solutions.length * solutionMs) / 1000;
  log(
    `statistics ${statisticsSeconds.toFixed(1)} s; a need's list ${needMs.toFixed(1)} ms, a solution's ` +
      `${solutionMs.toFixed(1)} ms: all ${open.needs.length} + ${open.solutions.length} lists ≈ ${estimate.toFixed(0)} s`,
  );
  await search.close();
  await store.close();
  report({
    bench: 'match-lists',
    setup: `${size.needs} needs + ${size.solutions} solutions (${open.needs.length} open needs, ${open.solutions.length} offerable solutions), ${sample} + ${sample} lists ranked, SQLite`,
    figures: [
      { name: 'corpus statistics computed', unit: 's', runs: [statisticsSeconds] },
      { name: "a need's list ranked and stored", unit: 'ms', runs: [needMs] },
      { name: "a solution's list ranked and stored", unit: 'ms', runs: [solutionMs] },
      {
        name: 'all lists ranked from scratch, estimated (statistics + lists x their rate, one process)',
        unit: 's',
        runs: [statisticsSeconds + estimate],
      },
      ...(await readFigures(needIds, solutionIds)),
    ],
  });
}

/**
 * A need's and a solution's matches against the need's and the solution's own read (which folds its stream),
 * as staff ask for them, on the server over the store as the lists left it.
 */
async function readFigures(needIds: string[], solutionIds: string[]): Promise<Figure[]> {
  const server = await startBenchServer(dir);
  try {
    const headers = { authorization: `Bearer ${await server.staffToken()}` };
    const paths = (ids: string[], path: (id: string) => string) => ids.map(path);
    const pairs: [Endpoint, Endpoint][] = [
      [
        { name: 'GET /api/v1/needs/:id', paths: paths(needIds, (id) => `/api/v1/needs/${id}`), headers },
        {
          name: 'GET /api/v1/needs/:id/matches',
          paths: paths(needIds, (id) => `/api/v1/needs/${id}/matches`),
          headers,
        },
      ],
      [
        {
          name: 'GET /api/v1/solutions/:id',
          paths: paths(solutionIds, (id) => `/api/v1/solutions/${id}`),
          headers,
        },
        {
          name: 'GET /api/v1/solutions/:id/matches',
          paths: paths(solutionIds, (id) => `/api/v1/solutions/${id}/matches`),
          headers,
        },
      ],
    ];
    const endpoints = pairs.flat();
    const samples = new Map<string, Sample[]>(endpoints.map((e) => [e.name, []]));
    // Warm-up: statements prepared, the JIT settled.
    for (const endpoint of endpoints) await load(server.port, endpoint, { ...http, seconds: 2 });
    for (let run = 0; run < httpRuns; run++) {
      for (const endpoint of run % 2 ? [...endpoints].reverse() : endpoints) {
        const sample = await load(server.port, endpoint, http);
        samples.get(endpoint.name)!.push(sample);
        log(
          `reads: run ${run + 1}/${httpRuns} ${endpoint.name}: ${sample.rps} req/s, p50 ${sample.p50} ms, ` +
            `p99 ${sample.p99} ms${sample.failures ? `, ${sample.failures} failed` : ''}`,
        );
      }
    }
    const figures: Figure[] = [];
    for (const [single, matches] of pairs) {
      for (const [label, pick] of [
        ['p50', (s: Sample) => s.p50],
        ['p99', (s: Sample) => s.p99],
      ] as const) {
        const baseline = { name: `${single.name} ${label}`, runs: samples.get(single.name)!.map(pick) };
        figures.push(
          { name: baseline.name, unit: 'ms', runs: baseline.runs },
          {
            name: `${matches.name} ${label}, against ${single.name}`,
            unit: 'ms',
            runs: samples.get(matches.name)!.map(pick),
            baseline,
            targets: [{ on: 'ratio', op: '<=', value: 2 }],
          },
        );
      }
    }
    figures.push({
      name: 'failed requests (errors, timeouts, non-2xx), all reads',
      unit: 'requests',
      runs: [[...samples.values()].flat().reduce((sum, s) => sum + s.failures, 0)],
      targets: [{ on: 'median', op: '<', value: 1 }],
    });
    for (const figure of figures) log(`  ${figure.name}: ${median(figure.runs)} ${figure.unit}`);
    return figures;
  } finally {
    await server.stop();
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(done);
