/**
 * A labeled matching dataset (the format of src/seed/match-dev.json) loaded the way listings reach the
 * product: organizations registered and verified, needs and solutions created, submitted and approved through
 * the application services on a SQLite event store, then projected into a SQLite search index by the
 * Projector. Every listing is published at one moment, and vendors have no history, so that only fit can tell
 * candidates apart.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { AppDeps, RequestContext } from '../src/application/deps.js';
import { actingFor, loadNeed, loadSolution } from '../src/application/listing-loader.js';
import { registerOrganization, verifyOrganization } from '../src/application/organization-service.js';
import { currentPolicyVersions } from '../src/application/policies/policies.js';
import { anonymous } from '../src/domain/shared/actor.js';
import { uuidv7 } from '../src/domain/shared/ids.js';
import { openSqliteEventStore } from '../src/eventstore/sqlite/sqlite-event-store.js';
import type { Grades } from '../src/matching/metrics.js';
import { Projector } from '../src/projections/projector.js';
import { loadDefinitions } from '../src/search/definitions.js';
import type { SearchIndex } from '../src/search/port.js';
import { openSqliteSearchIndex } from '../src/search/sqlite/sqlite-search-index.js';
import type { DemoDataset } from '../src/seed/demo-dataset.js';
import { demoOrganizations } from '../src/seed/demo-orgs.js';

export const PUBLISHED_AT = new Date('2025-01-01T00:00:00.000Z');
const PASSWORD = 'eval-match-2025';
const CONCURRENCY = 8;

export interface LoadedMarketplace {
  deps: AppDeps;
  search: SearchIndex;
  /** Dataset key → entity id, for needs and solutions. */
  ids: Map<string, string>;
  /** Need id → solution id → grade. */
  judgments: Map<string, Grades>;
  needIds: string[];
  counts: { organizations: number; needs: number; solutions: number; events: bigint };
  close(): Promise<void>;
}

export function readMatchDataset(path: string): DemoDataset {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as DemoDataset;
  return {
    ...raw,
    needs: raw.needs.map((need) => ({ ...need, orgKind: need.orgKind ?? 'enterprise' })),
    vendors: raw.vendors.map((vendor) => ({ ...vendor, description: vendor.description ?? '' })),
  };
}

async function inParallel<T>(items: readonly T[], run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, items.length) }, worker));
}

export async function loadThroughCommands(
  dataset: DemoDataset,
  onProgress: (step: string) => void = () => undefined,
): Promise<LoadedMarketplace> {
  const dir = mkdtempSync(join(tmpdir(), 'yunsupei-eval-match-'));
  const logger = pino({ level: 'warn' });
  const store = openSqliteEventStore({ path: join(dir, 'events.db'), synchronous: 'NORMAL' });
  const search = openSqliteSearchIndex({ path: join(dir, 'search.db'), logger });
  const close = async () => {
    await search.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const deps: AppDeps = { store, clock: () => PUBLISHED_AT, newId: () => uuidv7(), logger };
    return { ...(await load(deps, search, dataset, onProgress)), close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function load(
  deps: AppDeps,
  search: SearchIndex,
  dataset: DemoDataset,
  onProgress: (step: string) => void,
): Promise<Omit<LoadedMarketplace, 'close'>> {
  const { store, logger } = deps;
  for (const definition of loadDefinitions().values()) await search.applySettings(definition);
  const staff: RequestContext = {
    actor: { userId: null, orgId: null, role: 'staff' },
    correlationId: 'eval-match',
  };

  const orgIds = new Map<string, string>();
  const organizations = demoOrganizations(dataset);
  await inParallel(organizations, async ({ key, username, ...fields }) => {
    const { org } = await registerOrganization(
      deps,
      { actor: anonymous, correlationId: staff.correlationId },
      { ...fields, admin: { username, password: PASSWORD }, accepted: currentPolicyVersions() },
    );
    await verifyOrganization(deps, staff, org.id);
    orgIds.set(key, org.id);
  });
  onProgress(`${organizations.length} organizations registered and verified`);

  const ids = new Map<string, string>();
  const owner = (orgKey: string, kind: 'demander' | 'vendor') =>
    actingFor(staff, { id: orgIds.get(orgKey)!, kind });
  await inParallel(dataset.needs, async ({ key, orgName: _orgName, orgKind: _orgKind, ...fields }) => {
    const id = deps.newId();
    await loadNeed(deps, id, fields, { owner: owner(key, 'demander'), reviewer: staff });
    ids.set(key, id);
  });
  await inParallel(dataset.solutions, async ({ key, vendor, ...fields }) => {
    const id = deps.newId();
    await loadSolution(deps, id, fields, { owner: owner(vendor, 'vendor'), reviewer: staff });
    ids.set(key, id);
  });
  onProgress(`${dataset.needs.length} needs and ${dataset.solutions.length} solutions approved`);

  const projector = new Projector({ store, search, logger });
  await projector.start();
  const head = await store.headPosition();
  if (!(await projector.waitFor(head, 60_000))) throw new Error('projections did not catch up within 60 s');
  await projector.stop();
  onProgress(`${head + 1n} events projected into the search index`);

  const judgments = new Map<string, Map<string, number>>(
    dataset.needs.map((n) => [ids.get(n.key)!, new Map()]),
  );
  for (const { need, solution, grade } of dataset.qrels) {
    const needId = ids.get(need);
    const solutionId = ids.get(solution);
    if (needId && solutionId) judgments.get(needId)?.set(solutionId, grade);
  }
  return {
    deps,
    search,
    ids,
    judgments,
    needIds: dataset.needs.map((n) => ids.get(n.key)!),
    counts: {
      organizations: organizations.length,
      needs: dataset.needs.length,
      solutions: dataset.solutions.length,
      events: head + 1n,
    },
  };
}
