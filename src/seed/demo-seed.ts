import {
  closeCampaign,
  getCampaign,
  openCampaign,
  publishCampaignList,
} from '../application/campaign-service.js';
import { readEntity } from '../application/command-handler.js';
import type { AppDeps, RequestContext } from '../application/deps.js';
import { eventMetadata } from '../application/deps.js';
import {
  claimLedgerKey,
  completeLedgerKey,
  listingLedgerKey,
  readLedger,
} from '../application/import-ledger.js';
import { loadNeed, loadSolution, withClaimedId } from '../application/listing-loader.js';
import { registerOrganization, verifyOrganization } from '../application/organization-service.js';
import { currentPolicyVersions } from '../application/policies/policies.js';
import { usernameTarget } from '../application/user-service.js';
import { campaignDecider } from '../domain/campaign/decider.js';
import { campaignStream } from '../domain/campaign/stream.js';
import { organizationDecider } from '../domain/organization/decider.js';
import { organizationStream } from '../domain/organization/stream.js';
import { anonymous } from '../domain/shared/actor.js';
import { type DemoDataset, demoDataset } from './demo-dataset.js';
import { engagementSteps, type SeedStep } from './demo-engagements.js';
import { type DemoOrganization, demoOrganizations } from './demo-orgs.js';
import { CAMPAIGN_DAYS, demoPlan, LIST_PUBLISHED_DAY } from './demo-plan.js';

export interface SeedOptions {
  /** The password of every demo organization's administrator account. */
  password: string;
  dataset?: DemoDataset;
  onProgress?: (done: number, total: number) => void;
  /** Stops between two steps; what was written stays, and the next run continues from there. */
  signal?: AbortSignal;
}

export interface SeedSummary {
  campaignId: string;
  organizations: number;
  needs: number;
  solutions: number;
  engagements: number;
  cases: number;
  /** Events written by this run: 0 when the demo was already complete. */
  eventsWritten: bigint;
  accounts: { username: string; name: string; kind: string }[];
}

const DAY_MS = 86_400_000;
/** The history ends about ten days before today, so the platform looks like it has been running a while. */
const HISTORY_DAYS = 110;
/** Two needs in three and half the solutions come in through the campaign; the rest outside it. */
const inCampaign = {
  need: (index: number, count: number) => index < Math.ceil((count * 2) / 3),
  solution: (index: number) => index % 2 === 0,
};

const ledgerKey = (what: string) => `seed:demo:${what}`;

/**
 * `yunsupei seed --demo`: the development dataset loaded through the real application services, as
 * a history that starts about four months ago — organizations registered and verified, a campaign
 * that collected needs and solutions and published its lists, needs outside it published on approval,
 * then weeks of engagements and a few cases. Every entity is keyed in the import ledger and every step
 * runs only when the entity has not passed it yet: a second run writes nothing, and a run that was
 * interrupted picks up where it stopped, on the same timeline (anchored on the campaign's opening).
 */
export async function seedDemo(
  deps: AppDeps,
  staff: RequestContext,
  options: SeedOptions,
): Promise<SeedSummary> {
  const dataset = options.dataset ?? demoDataset;
  const headBefore = await deps.store.headPosition();
  const orgs = demoOrganizations(dataset);
  const plan = demoPlan(dataset);
  const anchor = await timelineAnchor(deps);
  const at = (day: number) => new Date(anchor + day * DAY_MS);
  const depsAt = (day: number): AppDeps => ({ ...deps, clock: () => at(day) });

  const claim = async (key: string, day: number) => {
    const now = at(day);
    const metadata = eventMetadata(staff, now);
    return claimLedgerKey(deps.store, key, deps.newId(), {
      source: { seed: 'demo', key },
      at: now.toISOString(),
      metadata,
    });
  };
  const complete = (key: string, itemId: string, day: number) =>
    completeLedgerKey(deps.store, key, itemId, {
      at: at(day).toISOString(),
      metadata: eventMetadata(staff, at(day)),
    });

  const steps: SeedStep[] = [];
  const orgIds = new Map<string, string>();
  const actors = new Map<string, RequestContext>();
  const actorOf = async (orgKey: string): Promise<RequestContext> => {
    const cached = actors.get(orgKey);
    if (cached) return cached;
    const org = orgs.find((o) => o.key === orgKey)!;
    const target = usernameTarget(org.username);
    const { state } = await readEntity(deps.store, target.stream, target.decider);
    // The organization's administrator, whom the seed registered: the demo's engagements are theirs.
    const actor: RequestContext = {
      actor: { userId: state.ownerId, orgId: orgIds.get(orgKey)!, role: org.kind },
      correlationId: staff.correlationId,
    };
    actors.set(orgKey, actor);
    return actor;
  };

  orgs.forEach((org, index) => {
    const day = index * 0.01;
    steps.push({
      day,
      run: async () => {
        const key = ledgerKey(`org:${org.key}`);
        const claimed = await claim(key, day);
        orgIds.set(org.key, claimed.itemId);
        if (claimed.state !== 'completed') {
          await registerAndVerify(depsAt(day), staff, org, claimed.itemId, options.password);
          await complete(key, claimed.itemId, day);
        }
      },
    });
  });

  let campaignId = '';
  steps.push({
    day: 0.6,
    run: async () => {
      const claimed = await claim(ledgerKey('campaign'), 0.6);
      campaignId = claimed.itemId;
      if (claimed.state === 'completed') return;
      const { state } = await readEntity(deps.store, campaignStream(campaignId), campaignDecider);
      if (state.status === 'initial') {
        await openCampaign(withClaimedId(depsAt(0.6), campaignId), staff, {
          title: `${at(0).getUTCFullYear()}年第一批数字化应用场景需求与解决方案征集`,
          kind: 'both',
          opensAt: at(0).toISOString(),
          closesAt: at(CAMPAIGN_DAYS).toISOString(),
        });
      }
      await complete(ledgerKey('campaign'), campaignId, 0.6);
    },
  });

  const needIds = new Map<string, string>();
  dataset.needs.forEach((need, index) => {
    const day = 1 + index * 0.6;
    steps.push({
      day,
      run: async () => {
        const key = listingLedgerKey('needs', orgIds.get(need.key)!, need.title);
        const claimed = await claim(key, day);
        needIds.set(need.key, claimed.itemId);
        if (claimed.state === 'completed') return;
        const { key: _key, orgName: _orgName, orgKind: _orgKind, ...fields } = need;
        const campaign = inCampaign.need(index, dataset.needs.length) ? { campaignId } : {};
        await loadNeed(
          depsAt(day),
          claimed.itemId,
          { ...fields, ...campaign },
          {
            owner: await actorOf(need.key),
            reviewer: staff,
          },
        );
        await complete(key, claimed.itemId, day);
      },
    });
  });

  const solutionIds = new Map<string, string>();
  dataset.solutions.forEach((solution, index) => {
    const day = 2 + index * 0.2;
    steps.push({
      day,
      run: async () => {
        const key = listingLedgerKey('solutions', orgIds.get(solution.vendor)!, solution.title);
        const claimed = await claim(key, day);
        solutionIds.set(solution.key, claimed.itemId);
        if (claimed.state === 'completed') return;
        const { key: _key, vendor, ...fields } = solution;
        const campaign = inCampaign.solution(index) ? { campaignId } : {};
        await loadSolution(
          depsAt(day),
          claimed.itemId,
          { ...fields, ...campaign },
          {
            owner: await actorOf(vendor),
            reviewer: staff,
          },
        );
        await complete(key, claimed.itemId, day);
      },
    });
  });

  steps.push({
    day: LIST_PUBLISHED_DAY,
    run: async () => {
      const { state } = await getCampaign(deps, campaignId);
      if (state.status === 'open') await closeCampaign(depsAt(CAMPAIGN_DAYS + 0.5), staff, campaignId);
      // Publishing again adds no version but publishes the list's needs that a cut-off run left approved.
      await publishCampaignList(depsAt(LIST_PUBLISHED_DAY), staff, campaignId);
    },
  });

  steps.push(
    ...engagementSteps(plan, {
      deps,
      depsAt,
      staff,
      realNow: deps.clock(),
      actorOf,
      needId: (key) => needIds.get(key)!,
      solutionId: (key) => solutionIds.get(key)!,
      vendorOf: (solutionKey) => dataset.solutions.find((s) => s.key === solutionKey)!.vendor,
      vendorName: (vendorKey) => orgs.find((o) => o.key === vendorKey)!.name,
      claim: (what, day) => claim(ledgerKey(what), day),
    }),
  );

  // In time order, so that the store's order and the history's agree.
  steps.sort((a, b) => a.day - b.day);
  let done = 0;
  for (const step of steps) {
    options.signal?.throwIfAborted();
    await step.run();
    options.onProgress?.(++done, steps.length);
  }

  const eventsWritten = (await deps.store.headPosition()) - headBefore;
  deps.logger.info({ campaignId, eventsWritten: eventsWritten.toString() }, 'demo seeded');
  return {
    campaignId,
    organizations: orgs.length,
    needs: dataset.needs.length,
    solutions: dataset.solutions.length,
    engagements: plan.engagements.length,
    cases: plan.cases.length,
    eventsWritten,
    accounts: orgs.map((o) => ({ username: o.username, name: o.name, kind: o.kind })),
  };
}

/** The campaign's opening when an earlier run created it, so that a resumed run continues the same story. */
async function timelineAnchor(deps: AppDeps): Promise<number> {
  const ledger = await readLedger(deps.store, ledgerKey('campaign'));
  if (ledger) {
    const { state } = await readEntity(deps.store, campaignStream(ledger.itemId), campaignDecider);
    if (state.opensAt) return Date.parse(state.opensAt);
  }
  return deps.clock().getTime() - HISTORY_DAYS * DAY_MS;
}

async function registerAndVerify(
  deps: AppDeps,
  staff: RequestContext,
  org: DemoOrganization,
  orgId: string,
  password: string,
): Promise<void> {
  const { state } = await readEntity(deps.store, organizationStream(orgId), organizationDecider);
  if (state.status === 'initial') {
    const { key: _key, username, ...fields } = org;
    await registerOrganization(
      withClaimedId(deps, orgId),
      { actor: anonymous, correlationId: staff.correlationId },
      {
        ...fields,
        admin: { username, password },
        accepted: currentPolicyVersions(),
      },
    );
  }
  if (state.status === 'initial' || state.status === 'pending') await verifyOrganization(deps, staff, orgId);
}
