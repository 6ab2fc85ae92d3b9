/**
 * Mail fan-out (#17): one need published to BENCH_SUBSCRIBERS (1,000) users whose saved search finds it,
 * with mail as a channel and `subscription.hit` set to 立即 (immediately). Measured: from the staff's
 * approval until the SMTP peer (smtp-server on 127.0.0.1, started here) has accepted a mail for every one
 * of them, and, within that, until every inbox holds the notification. BENCH_RUNS (1) needs in turn.
 *
 * As `serve` runs it: embedded SQLite store and FTS5 search, projector, reactor and mail dispatcher inline,
 * mail over SMTP through nodemailer's pool.
 *
 * Run: node bin/run-ts.js bench/notification-mail.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { handleCommand } from '../src/application/command-handler.js';
import { hashPassword } from '../src/application/password.js';
import { DEFAULT_SIGN_IN_POLICY } from '../src/application/sign-in-policy.js';
import { subscribe } from '../src/application/subscription-service.js';
import type { Actor } from '../src/domain/shared/actor.js';
import { uuidv7 } from '../src/domain/shared/ids.js';
import { userDecider } from '../src/domain/user/decider.js';
import { userStream } from '../src/domain/user/stream.js';
import { openSqliteEventStore } from '../src/eventstore/sqlite/sqlite-event-store.js';
import { MailDispatcher } from '../src/notifications/mail-dispatcher.js';
import { smtpTransport } from '../src/notifications/mail-smtp.js';
import { NotificationReactor } from '../src/notifications/reactor.js';
import { changeNotificationSettings } from '../src/notifications/settings-service.js';
import { Projector } from '../src/projections/projector.js';
import { systemContext } from '../src/runtime.js';
import { loadDefinitions } from '../src/search/definitions.js';
import { openSqliteSearchIndex } from '../src/search/sqlite/sqlite-search-index.js';
import { createApp } from '../src/server/app.js';
import { assembleHttp } from '../src/server/assemble.js';
import { envCount, median, report } from './results.js';
import { apiCaller, staffAndVerifiedDemander } from './verified-demander.js';

const SUBSCRIBERS = envCount('BENCH_SUBSCRIBERS', 1000);
const RUNS = envCount('BENCH_RUNS', 1);
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

/** Counts accepted mails per subject line; resolves a waiter once `count` mails about a need arrived. */
async function startSmtpPeer() {
  const accepted = new Map<string, number>();
  let wake: (() => void) | null = null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        for (const rcpt of session.envelope.rcptTo)
          accepted.set(rcpt.address, (accepted.get(rcpt.address) ?? 0) + 1);
        wake?.();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://127.0.0.1:${port}`,
    /** Resolves once every address has had `perAddress` mails accepted. */
    until(addresses: string[], perAddress: number, timeoutMs: number): Promise<boolean> {
      return new Promise((resolve) => {
        const done = () => addresses.every((a) => (accepted.get(a) ?? 0) >= perAddress);
        const timer = setTimeout(() => resolve(done()), timeoutMs);
        wake = () => {
          if (!done()) return;
          clearTimeout(timer);
          wake = null;
          resolve(true);
        };
        wake();
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'yunsupei-mail-fanout-'));
  const logger = pino({ level: 'warn' });
  const smtp = await startSmtpPeer();
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
  });
  await reactor.start();
  const transport = smtpTransport(smtp.url, 'noreply@yunsupei.example.cn');
  const mail = new MailDispatcher({
    store,
    clock,
    logger,
    transport,
    site: { publicUrl: 'https://yunsupei.example.cn', links: http.unsubscribe },
    digestCheckMs: 0,
  });
  await mail.start();

  const call = apiCaller(app);
  const { staff, demander } = await staffAndVerifiedDemander(deps, call, PASSWORD);

  log(`seeding ${SUBSCRIBERS} subscribers with immediate mail…`);
  const passwordHash = await hashPassword(PASSWORD);
  const addresses: string[] = [];
  for (let i = 0; i < SUBSCRIBERS; i++) {
    const userId = uuidv7(Date.now());
    const vendorOrg = `bench-vendor-org-${Math.floor(i / 100)}`;
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
    const own = { actor: { userId, orgId: vendorOrg, role: 'vendor' } as Actor, correlationId: 'bench' };
    const address = `vendor${i}@bench.example.cn`;
    await changeNotificationSettings(deps, own, {
      email: address,
      choices: { 'subscription.hit': 'immediately' },
    });
    await subscribe(deps, own, { kind: 'needs', q: '机器视觉', channels: ['inbox', 'email'] });
    addresses.push(address);
  }
  await call('GET', `/api/v1/needs?q=${encodeURIComponent('智能 质检')}`);
  await projector.waitFor(await store.headPosition(), 60_000);
  await reactor.waitFor(await store.headPosition(), 60_000);
  await mail.waitFor(await store.headPosition(), 60_000);

  const inboxRuns: number[] = [];
  const mailRuns: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const { id: needId } = (await call('POST', '/api/v1/needs', demander, need)) as { id: string };
    await call('POST', `/api/v1/needs/${needId}/submit`, demander);
    await reactor.waitFor(await store.headPosition(), 60_000);
    const started = performance.now();
    await call('POST', `/api/v1/needs/${needId}/approve`, staff);
    const mailed = smtp.until(addresses, run + 1, 300_000);
    if (!(await reactor.waitFor(await store.headPosition(), 120_000))) throw new Error('the reactor lags');
    inboxRuns.push(performance.now() - started);
    if (!(await mailed)) throw new Error(`not every subscriber was mailed about run ${run + 1}`);
    mailRuns.push(performance.now() - started);
    log(
      `run ${run + 1}: ${SUBSCRIBERS} inboxes in ${inboxRuns.at(-1)!.toFixed(0)} ms, ${SUBSCRIBERS} mails accepted in ${mailRuns.at(-1)!.toFixed(0)} ms`,
    );
  }

  await mail.stop();
  await transport.close();
  await reactor.stop();
  await projector.stop();
  await search.close();
  await store.close();
  await smtp.close();
  rmSync(dir, { recursive: true, force: true });
  log(`median: ${median(mailRuns).toFixed(0)} ms from approval to ${SUBSCRIBERS} mails accepted`);
  report({
    bench: 'notification-mail',
    setup: `${SUBSCRIBERS} saved searches with mail finding one need, subscription.hit immediately; SQLite; SMTP peer on 127.0.0.1; ${RUNS} needs`,
    figures: [
      { name: `approval → subscription.hit in ${SUBSCRIBERS} inboxes`, unit: 'ms', runs: inboxRuns },
      { name: `approval → ${SUBSCRIBERS} mails accepted by the SMTP peer`, unit: 'ms', runs: mailRuns },
    ],
  });
}

main().catch((error: unknown) => {
  log(String(error instanceof Error ? error.stack : error));
  process.exit(1);
});
