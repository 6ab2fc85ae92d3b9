/**
 * Saved-search fan-out (#17): one need published to BENCH_SUBSCRIBERS (1,000) users, each with a saved
 * search of needs that finds it, all different (keywords × industries × technologies × cities), so that
 * every one is asked of the index. Measured: from the staff's approval (the need's NeedPublished) until
 * the notification reactor has delivered subscription.hit to every inbox, and of it the time from the
 * subscription notifier's drafts to that end (delivering); then every inbox is read to check it holds
 * exactly one for the need. BENCH_RUNS (3) needs, one after another.
 *
 * The process runs as `serve` does: the API in-process over an embedded SQLite store and SQLite FTS5 search,
 * the projector and the reactor inline. One multi-word search is made first: a process's first one loads
 * the segmenter's word weights (about 2 s, once).
 *
 * Run: node bin/run-ts.js bench/subscription-fanout.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { handleCommand } from '../src/application/command-handler.js';
import { hashPassword } from '../src/application/password.js';
import { DEFAULT_SIGN_IN_POLICY } from '../src/application/sign-in-policy.js';
import { subscribe } from '../src/application/subscription-service.js';
import type { Actor } from '../src/domain/shared/actor.js';
import { uuidv7 } from '../src/domain/shared/ids.js';
import { codesOf } from '../src/domain/shared/taxonomy.js';
import type { SubscribeInput } from '../src/domain/subscription/commands.js';
import { userDecider } from '../src/domain/user/decider.js';
import { userStream } from '../src/domain/user/stream.js';
import { openSqliteEventStore } from '../src/eventstore/sqlite/sqlite-event-store.js';
import type { Notifier } from '../src/notifications/notifier.js';
import { notifiers } from '../src/notifications/notifiers.js';
import { NotificationReactor } from '../src/notifications/reactor.js';
import { subscriptionNotifier } from '../src/notifications/subscription-notifier.js';
import { Projector } from '../src/projections/projector.js';
import { systemContext } from '../src/runtime.js';
import { loadDefinitions } from '../src/search/definitions.js';
import { openSqliteSearchIndex } from '../src/search/sqlite/sqlite-search-index.js';
import { createApp } from '../src/server/app.js';
import { assembleHttp } from '../src/server/assemble.js';
import { envCount, median, report } from './results.js';
import { apiCaller, staffAndVerifiedDemander } from './verified-demander.js';

const SUBSCRIBERS = envCount('BENCH_SUBSCRIBERS', 1000);
const RUNS = envCount('BENCH_RUNS', 3);
const PASSWORD = 'bench-password-1';
const log = (line: string) => process.stderr.write(`${line}\n`);

const need = {
  title: '汽车零部件表面缺陷智能检测',
  description:
    '我们有三条汽车零部件生产线，需要利用机器视觉实现表面缺陷在线检测，替代人工目检，提升质检效率。',
  industry: 'high-end-equipment',
  scenarioType: 'production',
  technologies: ['ai', 'machine-vision'],
  city: 'jinan',
  budgetWan: { min: 50, max: 120 },
};

/** Distinct saved searches, every one of which finds `need`. */
function savedSearches(count: number): SubscribeInput[] {
  const words = ['机器视觉', '缺陷检测', '表面缺陷', '质检', '汽车零部件', '视觉 检测', '生产线', '智能检测'];
  const industries = [
    [],
    ['high-end-equipment'],
    ...codesOf('industry')
      .filter((c) => c !== 'high-end-equipment')
      .map((c) => ['high-end-equipment', c]),
  ];
  const technologies = [[], ['ai'], ['machine-vision'], ['ai', 'machine-vision']];
  const cities = [
    [],
    ['jinan'],
    ...codesOf('city')
      .filter((c) => c !== 'jinan')
      .map((c) => ['jinan', c]),
  ];
  const searches: SubscribeInput[] = [];
  for (const city of cities)
    for (const industry of industries)
      for (const technology of technologies)
        for (const q of words) {
          if (searches.length === count) return searches;
          searches.push({ kind: 'needs', q, industries: industry, technologies: technology, cities: city });
        }
  return searches;
}

/** How long the subscription notifier took (finding the saved searches that find the need), per need. */
const notifierMs: number[] = [];
/** When it last returned drafts: delivering them to the inboxes starts then. */
let notifierEnded = 0;
const timedSubscriptionNotifier: Notifier = async (event, ctx) => {
  const started = performance.now();
  const drafts = await subscriptionNotifier(event, ctx);
  if (drafts.length > 0) {
    notifierEnded = performance.now();
    notifierMs.push(notifierEnded - started);
  }
  return drafts;
};

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'yunsupei-fanout-'));
  const logger = pino({ level: 'warn' });
  const store = openSqliteEventStore({ path: join(dir, 'events.db') });
  const search = openSqliteSearchIndex({ path: join(dir, 'search.db'), logger });
  for (const definition of loadDefinitions().values()) await search.applySettings(definition);
  const projector = new Projector({ store, search, logger });
  await projector.start();
  const clock = () => new Date();
  const { deps, http } = assembleHttp({
    store,
    clock,
    newId: () => uuidv7(Date.now()),
    logger,
    secret: 'bench-secret-of-at-least-16-chars',
    rateLimits: { authPerMinute: 1_000_000, perMinute: 1_000_000 },
    projections: projector,
    search,
    defaultMetrics: false,
    // The bench signs staff in with the password alone, as the tests do.
    signIn: { ...DEFAULT_SIGN_IN_POLICY, staffMfa: 'off' },
  });
  const app = createApp(http);
  const reactor = new NotificationReactor({
    store,
    search,
    projections: projector,
    inbox: http.inbox,
    clock,
    logger,
    closingCheckMs: 0,
    notifiers: notifiers.map((notifier) =>
      notifier === subscriptionNotifier ? timedSubscriptionNotifier : notifier,
    ),
  });
  await reactor.start();

  const call = apiCaller(app);
  const { staff, demander } = await staffAndVerifiedDemander(deps, call, PASSWORD);

  log(`seeding ${SUBSCRIBERS} subscribers…`);
  const passwordHash = await hashPassword(PASSWORD);
  const vendorOrgs = Array.from({ length: Math.ceil(SUBSCRIBERS / 100) }, () => uuidv7(Date.now()));
  const searches = savedSearches(SUBSCRIBERS);
  if (searches.length < SUBSCRIBERS) throw new Error(`only ${searches.length} distinct saved searches`);
  const subscribers: string[] = [];
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const userId = uuidv7(Date.now());
    const vendorOrg = vendorOrgs[Math.floor(i / 100)]!;
    const ctx = systemContext('bench');
    await handleCommand(
      store,
      userStream(userId),
      userDecider,
      {
        type: 'RegisterUser',
        data: { userId, username: `bench-vendor-${i}`, passwordHash, role: 'vendor', orgId: vendorOrg },
        context: { actor: ctx.actor, now: clock() },
      },
      {
        metadata: { actor: ctx.actor, at: clock().toISOString(), correlationId: 'bench', causationId: null },
      },
    );
    const actor: Actor = { userId, orgId: vendorOrg, role: 'vendor' };
    await subscribe(deps, { actor, correlationId: 'bench' }, searches[i]!);
    subscribers.push(userId);
  }
  await call('GET', `/api/v1/needs?q=${encodeURIComponent('智能 质检')}`);
  await projector.waitFor(await store.headPosition(), 60_000);
  await reactor.waitFor(await store.headPosition(), 60_000);

  const runs: number[] = [];
  const deliveryMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const { id: needId } = (await call('POST', '/api/v1/needs', demander, need)) as { id: string };
    await call('POST', `/api/v1/needs/${needId}/submit`, demander);
    await reactor.waitFor(await store.headPosition(), 60_000);
    const started = performance.now();
    await call('POST', `/api/v1/needs/${needId}/approve`, staff);
    const head = await store.headPosition();
    if (!(await reactor.waitFor(head, 120_000))) throw new Error('the reactor did not catch up');
    const ended = performance.now();
    const ms = ended - started;
    deliveryMs.push(ended - notifierEnded);
    let told = 0;
    for (const userId of subscribers) {
      const inbox = await http.inbox.page(userId, { page: 1, pageSize: 100 });
      told += inbox.items.filter(
        (n) => n.type === 'subscription.hit' && n.link === `/needs/${needId}`,
      ).length;
    }
    if (told !== SUBSCRIBERS) throw new Error(`${told} of ${SUBSCRIBERS} inboxes hold the need`);
    log(
      `run ${run + 1}: ${SUBSCRIBERS} inboxes told in ${ms.toFixed(0)} ms (finding them: ${notifierMs.at(-1)?.toFixed(0)} ms, delivering: ${deliveryMs.at(-1)?.toFixed(0)} ms)`,
    );
    runs.push(ms);
  }

  await reactor.stop();
  await projector.stop();
  await search.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  log(
    `median: ${median(runs).toFixed(0)} ms from approval to ${SUBSCRIBERS} inboxes, of which delivering ${median(deliveryMs).toFixed(0)} ms`,
  );
  report({
    bench: 'subscription-fanout',
    setup: `${SUBSCRIBERS} distinct saved searches finding one need; SQLite store and FTS5; reactor inline; ${RUNS} needs`,
    figures: [
      { name: `approval → subscription.hit in ${SUBSCRIBERS} inboxes`, unit: 'ms', runs },
      {
        name: 'of which the subscription notifier (which saved searches find it)',
        unit: 'ms',
        runs: notifierMs,
      },
      {
        name: `of which delivering (the drafts to ${SUBSCRIBERS} inboxes, recipients resolved)`,
        unit: 'ms',
        runs: deliveryMs,
      },
    ],
  });
}

main().catch((error: unknown) => {
  log(String(error instanceof Error ? error.stack : error));
  process.exit(1);
});
