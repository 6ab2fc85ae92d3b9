import { readEntity } from '../application/command-handler.js';
import type { AppDeps, RequestContext } from '../application/deps.js';
import { eventMetadata } from '../application/deps.js';
import { claimLedgerKey, completeLedgerKey, listingLedgerKey } from '../application/import-ledger.js';
import { actingFor, loadNeed, loadSolution, withClaimedId } from '../application/listing-loader.js';
import { registerOrganization, verifyOrganization } from '../application/organization-service.js';
import { currentPolicyVersions } from '../application/policies/policies.js';
import { organizationDecider } from '../domain/organization/decider.js';
import { organizationStream } from '../domain/organization/stream.js';
import { anonymous } from '../domain/shared/actor.js';
import type { GeneratedNeed, GeneratedOrganization, GeneratedRecord, GeneratedSolution } from './records.js';

export interface LoadGeneratedOptions {
  /** The administrator password of every generated organization. */
  password: string;
  /** Commands in flight at once; the embedded store commits concurrent appends together. */
  concurrency?: number;
  onProgress?: (listingsDone: number) => void;
  signal?: AbortSignal;
}

export interface LoadGeneratedSummary {
  organizations: number;
  needs: number;
  solutions: number;
  /** Records an earlier load had already written. */
  alreadyLoaded: number;
}

const CHUNK = 256;

/**
 * Writes generated records through the application services: organizations registered and verified,
 * needs and solutions created, submitted and approved by staff (so they are published). Organizations
 * are keyed in the import ledger by their record key, listings by organization and title as the sheet
 * import keys them, so loading the same file or seed again writes nothing and a load that was
 * interrupted continues. Organizations of a chunk are written before its listings;
 * within each group the commands run concurrently.
 */
export async function loadGenerated(
  deps: AppDeps,
  staff: RequestContext,
  records: Iterable<GeneratedRecord> | AsyncIterable<GeneratedRecord>,
  options: LoadGeneratedOptions,
): Promise<LoadGeneratedSummary> {
  const summary: LoadGeneratedSummary = { organizations: 0, needs: 0, solutions: 0, alreadyLoaded: 0 };
  const orgs = new Map<string, { id: string; kind: GeneratedOrganization['kind'] }>();
  const concurrency = options.concurrency ?? 8;
  let listingsDone = 0;

  const claim = async (ledgerKey: string, recordKey: string) => {
    const now = deps.clock();
    const metadata = eventMetadata(staff, now);
    const claimed = await claimLedgerKey(deps.store, ledgerKey, deps.newId(), {
      source: { generated: recordKey },
      at: now.toISOString(),
      metadata,
    });
    const complete = () =>
      completeLedgerKey(deps.store, ledgerKey, claimed.itemId, { at: now.toISOString(), metadata });
    return { ...claimed, complete };
  };

  const loadOrganization = async (record: GeneratedOrganization) => {
    const claimed = await claim(`generated:${record.key}`, record.key);
    orgs.set(record.key, { id: claimed.itemId, kind: record.kind });
    if (claimed.state === 'completed') {
      summary.alreadyLoaded++;
      return;
    }
    const { state } = await readEntity(deps.store, organizationStream(claimed.itemId), organizationDecider);
    if (state.status === 'initial') {
      const { type: _type, key, ...fields } = record;
      await registerOrganization(
        withClaimedId(deps, claimed.itemId),
        { actor: anonymous, correlationId: staff.correlationId },
        {
          ...fields,
          admin: { username: key.toLowerCase(), password: options.password },
          accepted: currentPolicyVersions(),
        },
      );
    }
    if (state.status === 'initial' || state.status === 'pending')
      await verifyOrganization(deps, staff, claimed.itemId);
    await claimed.complete();
    summary.organizations++;
  };

  const loadListing = async (record: GeneratedNeed | GeneratedSolution) => {
    const org = orgs.get(record.org);
    if (!org)
      throw new Error(`${record.key}: organization ${record.org} does not come before it in the input`);
    const kind = record.type === 'need' ? 'needs' : 'solutions';
    const claimed = await claim(listingLedgerKey(kind, org.id, record.title), record.key);
    if (claimed.state === 'completed') {
      summary.alreadyLoaded++;
    } else {
      const { type, key: _key, org: _org, ...fields } = record;
      const steps = { owner: actingFor(staff, org), reviewer: staff };
      if (type === 'need') await loadNeed(deps, claimed.itemId, fields, steps);
      else await loadSolution(deps, claimed.itemId, fields, steps);
      await claimed.complete();
      summary[type === 'need' ? 'needs' : 'solutions']++;
    }
    options.onProgress?.(++listingsDone);
  };

  let chunk: GeneratedRecord[] = [];
  const flush = async () => {
    options.signal?.throwIfAborted();
    const organizations = chunk.filter((r): r is GeneratedOrganization => r.type === 'organization');
    const listings = chunk.filter((r): r is GeneratedNeed | GeneratedSolution => r.type !== 'organization');
    await inParallel(organizations, concurrency, loadOrganization);
    await inParallel(listings, concurrency, loadListing);
    chunk = [];
  };
  for await (const record of records) {
    chunk.push(record);
    if (chunk.length >= CHUNK) await flush();
  }
  await flush();
  return summary;
}

async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
