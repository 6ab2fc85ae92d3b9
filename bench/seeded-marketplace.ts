/**
 * A marketplace of generated needs and solutions written into an embedded event store through the domain's
 * deciders, for the search and HTTP benchmarks: organizations registered and verified (no account: hashing a
 * password costs ~200 ms each), listings created, submitted and approved, each command folded and appended
 * by the command handler as the application services do. The services themselves would fold the owner
 * organization's stream twice more per listing, which would triple the time a 200k load takes.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { handleCommand } from '../src/application/command-handler.js';
import type { RequestContext } from '../src/application/deps.js';
import { actingFor } from '../src/application/listing-loader.js';
import { currentPolicyVersions } from '../src/application/policies/policies.js';
import { needDecider } from '../src/domain/need/decider.js';
import { organizationDecider } from '../src/domain/organization/decider.js';
import { type OrganizationFacts, organizationFacts } from '../src/domain/organization/state.js';
import type { Actor } from '../src/domain/shared/actor.js';
import type { Decider, DomainEvent } from '../src/domain/shared/decider.js';
import { uuidv7 } from '../src/domain/shared/ids.js';
import { solutionDecider } from '../src/domain/solution/decider.js';
import { openSqliteEventStore } from '../src/eventstore/sqlite/sqlite-event-store.js';
import { generateListings } from '../src/generate/generate-listings.js';
import type {
  GeneratedNeed,
  GeneratedOrganization,
  GeneratedRecord,
  GeneratedSolution,
} from '../src/generate/records.js';
import { envCount } from './results.js';

export interface MarketplaceSize {
  needs: number;
  solutions: number;
  seed: number;
}

export interface SeedSummary extends MarketplaceSize {
  organizations: number;
  events: number;
  seconds: number;
}

const STAFF: RequestContext = {
  actor: { userId: '01950000-0000-7000-8000-00000000be01', orgId: null, role: 'staff' },
  correlationId: 'bench-seed',
};

/** Listings in flight at once: enough for the store's group commit to batch their appends. */
const CONCURRENCY = 64;
const CHUNK = 2048;
const MARKER = 'seeded.json';

/** Sizes from BENCH_NEEDS / BENCH_SOLUTIONS / BENCH_SEED, the 100k + 100k by default. */
export function sizeFromEnv(): MarketplaceSize {
  return {
    needs: envCount('BENCH_NEEDS', 100_000),
    solutions: envCount('BENCH_SOLUTIONS', 100_000),
    seed: envCount('BENCH_SEED', 20250301),
  };
}

/**
 * Where the store lives: BENCH_DATA_DIR when `npm run bench` shares one seeded store between its
 * benchmarks (it removes the folder at the end), otherwise a fresh temporary folder removed on `done`.
 */
export function benchDataDir(): { dir: string; done(): void } {
  const shared = process.env.BENCH_DATA_DIR;
  if (shared) {
    mkdirSync(shared, { recursive: true });
    return { dir: shared, done: () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'yunsupei-bench-'));
  return { dir, done: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The summary of the store already seeded in `dir` with exactly this size, or null. `npm run bench` seeds
 * once and lets the later benchmarks of the same run reuse it; the marker is written last, so a seed that
 * was cut off is never reused.
 */
export function seededBefore(dir: string, size: MarketplaceSize): SeedSummary | null {
  const marker = join(dir, MARKER);
  if (!existsSync(marker)) return null;
  const summary = JSON.parse(readFileSync(marker, 'utf8')) as SeedSummary;
  const same =
    summary.needs === size.needs && summary.solutions === size.solutions && summary.seed === size.seed;
  return same ? summary : null;
}

export async function seedMarketplace(
  dir: string,
  size: MarketplaceSize,
  onProgress: (listings: number, total: number) => void = () => undefined,
): Promise<SeedSummary> {
  const started = performance.now();
  let events = 0;
  const store = openSqliteEventStore({
    path: join(dir, 'events.db'),
    synchronous: 'NORMAL',
    onCommit: (stats) => {
      events += stats.events;
    },
  });
  const orgs = new Map<
    string,
    { id: string; kind: GeneratedOrganization['kind']; facts: OrganizationFacts }
  >();
  const total = size.needs + size.solutions;
  let listings = 0;

  /** Folds the stream, decides and appends, as the application services do for each command. */
  const run = <State, Command, Event extends DomainEvent>(
    stream: string,
    decider: Decider<State, Command, Event>,
    actor: Actor,
    command: (now: Date) => Command,
  ) => {
    const now = new Date();
    const metadata = { actor, at: now.toISOString(), correlationId: STAFF.correlationId, causationId: null };
    return handleCommand(store, stream, decider, command(now), { metadata });
  };

  const writeOrganization = async (record: GeneratedOrganization) => {
    const orgId = uuidv7();
    const { type: _type, key, ...fields } = record;
    const stream = `org-${orgId}`;
    const staff = STAFF.actor;
    await run(stream, organizationDecider, staff, (now) => ({
      type: 'RegisterOrganization' as const,
      data: { orgId, fields, accepted: currentPolicyVersions(), currentPolicies: currentPolicyVersions() },
      context: { actor: staff, now },
    }));
    const verified = await run(stream, organizationDecider, staff, (now) => ({
      type: 'VerifyOrganization' as const,
      data: { orgId },
      context: { actor: staff, now },
    }));
    orgs.set(key, { id: orgId, kind: record.kind, facts: organizationFacts(verified.state) });
  };

  const writeNeed = async (record: GeneratedNeed) => {
    const { type: _type, key: _key, org: orgKey, ...fields } = record;
    const org = orgs.get(orgKey)!;
    const owner = actingFor(STAFF, org).actor;
    const needId = uuidv7();
    const stream = `need-${needId}`;
    await run(stream, needDecider, owner, (now) => ({
      type: 'CreateNeed' as const,
      data: { needId, fields, org: org.facts },
      context: { actor: owner, now },
    }));
    await run(stream, needDecider, owner, (now) => ({
      type: 'SubmitNeed' as const,
      data: { needId, org: org.facts, campaign: null },
      context: { actor: owner, now },
    }));
    await run(stream, needDecider, STAFF.actor, (now) => ({
      type: 'ApproveNeed' as const,
      data: { needId },
      context: { actor: STAFF.actor, now },
    }));
  };

  const writeSolution = async (record: GeneratedSolution) => {
    const { type: _type, key: _key, org: orgKey, ...fields } = record;
    const org = orgs.get(orgKey)!;
    const owner = actingFor(STAFF, org).actor;
    const solutionId = uuidv7();
    const stream = `solution-${solutionId}`;
    await run(stream, solutionDecider, owner, (now) => ({
      type: 'CreateSolution' as const,
      data: { solutionId, fields, org: org.facts },
      context: { actor: owner, now },
    }));
    await run(stream, solutionDecider, owner, (now) => ({
      type: 'SubmitSolution' as const,
      data: { solutionId, org: org.facts, campaign: null },
      context: { actor: owner, now },
    }));
    await run(stream, solutionDecider, STAFF.actor, (now) => ({
      type: 'ApproveSolution' as const,
      data: { solutionId },
      context: { actor: STAFF.actor, now },
    }));
  };

  let chunk: GeneratedRecord[] = [];
  const flush = async () => {
    const organizations = chunk.filter((r): r is GeneratedOrganization => r.type === 'organization');
    await inParallel(organizations, CONCURRENCY, writeOrganization);
    const listed = chunk.filter((r): r is GeneratedNeed | GeneratedSolution => r.type !== 'organization');
    await inParallel(listed, CONCURRENCY, async (record) => {
      await (record.type === 'need' ? writeNeed(record) : writeSolution(record));
      onProgress(++listings, total);
    });
    chunk = [];
  };
  try {
    for (const record of generateListings(size)) {
      chunk.push(record);
      if (chunk.length >= CHUNK) await flush();
    }
    await flush();
    const summary: SeedSummary = {
      ...size,
      organizations: orgs.size,
      events,
      seconds: (performance.now() - started) / 1000,
    };
    writeFileSync(join(dir, MARKER), JSON.stringify(summary));
    return summary;
  } finally {
    await store.close();
  }
}

async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
