import type { z } from 'zod';
import type {
  CampaignCommand,
  NeedCandidate,
  SolutionCandidate,
  SourceCampaign,
} from '../domain/campaign/commands.js';
import {
  campaignListQuery,
  enterCampaignItemInput,
  openCampaignInput,
  openProvincialListInput,
  publishCampaignListInput,
} from '../domain/campaign/commands.js';
import { campaignDecider } from '../domain/campaign/decider.js';
import type { CampaignListItem, ListKind } from '../domain/campaign/events.js';
import { campaignError } from '../domain/campaign/messages.js';
import type { CampaignState } from '../domain/campaign/state.js';
import { acceptedListKinds } from '../domain/campaign/state.js';
import { campaignStream } from '../domain/campaign/stream.js';
import { needDecider } from '../domain/need/decider.js';
import { needStream } from '../domain/need/stream.js';
import { organizationDecider } from '../domain/organization/decider.js';
import type { Organization } from '../domain/organization/state.js';
import { organizationStream } from '../domain/organization/stream.js';
import { PROVINCE } from '../domain/shared/scope.js';
import { parseInput } from '../domain/shared/validation.js';
import { solutionDecider } from '../domain/solution/decider.js';
import { solutionStream } from '../domain/solution/stream.js';
import { scopeOf } from '../domain/taxonomy/city-directory.js';
import { loadCityDirectory } from './city-directory.js';
import type { Handled } from './command-handler.js';
import { handleCommand, readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import type { CommandResult, EntityRead } from './entity-result.js';
import { commandResult, readExisting } from './entity-result.js';
import { followUp, latestPosition } from './follow-up.js';
import { periodBounds, periodsOf } from './queries/stats-period.js';
import { requireStaffDuty } from './staff-duties.js';
import { requireProvinceStaff, requireScopeFor, staffScopeOf } from './staff-scope.js';

export interface CampaignList {
  campaignId: string;
  title: string;
  version: number;
  /** Every published version of this list, oldest first. */
  versions: number[];
  kind: ListKind;
  publishedAt: string;
  note: string | null;
  /** A provincial list: each item carries its `source`. */
  gathered: boolean;
  items: CampaignListItem[];
}

/** Reads of other streams run this many at a time: enough to hide a remote store's latency. */
const READ_CONCURRENCY = 16;

/**
 * Submissions pile into one campaign stream near its deadline, and each round of racing writers lets
 * one through, so an entry retries for longer than other commands before giving up.
 */
const ENTRY_ATTEMPTS = 50;

type CommandData<Type extends CampaignCommand['type']> = Extract<CampaignCommand, { type: Type }>['data'];

async function decideOn<Type extends CampaignCommand['type']>(
  deps: AppDeps,
  ctx: RequestContext,
  campaignId: string,
  type: Type,
  data: CommandData<Type>,
  expectedRevision: bigint | 'no_stream' | undefined,
  maxAttempts?: number,
): Promise<Handled<CampaignState, unknown>> {
  const now = deps.clock();
  const command = { type, data, context: { actor: ctx.actor, now } } as CampaignCommand;
  return handleCommand(deps.store, campaignStream(campaignId), campaignDecider, command, {
    metadata: eventMetadata(ctx, now),
    ...(expectedRevision === undefined ? {} : { expectedRevision }),
    ...(maxAttempts === undefined ? {} : { maxAttempts }),
  });
}

function resultOf(deps: AppDeps, id: string, handled: Handled<CampaignState, unknown>) {
  return commandResult(deps.store, campaignStream(id), id, handled);
}

/**
 * POST /api/v1/campaigns (staff): the campaign opens at once; submissions are taken inside its window.
 * It is the province's or one city's; without a scope named, the opener's own.
 */
export async function openCampaign(
  deps: AppDeps,
  ctx: RequestContext,
  input: z.input<typeof openCampaignInput>,
): Promise<CommandResult<CampaignState>> {
  const { scope: named, ...fields } = parseInput(
    openCampaignInput.extend({ scope: scopeOf(await loadCityDirectory(deps.store)).optional() }),
    input,
  );
  const scope = named ?? (await staffScopeOf(deps, ctx.actor)) ?? PROVINCE;
  await requireScopeFor(deps, ctx, scope);
  await requireStaffDuty(deps, ctx, 'business');
  const id = deps.newId();
  const data = { campaignId: id, ...fields, scope };
  const handled = await decideOn(deps, ctx, id, 'OpenCampaign', data, 'no_stream');
  return resultOf(deps, id, handled);
}

/** The city campaigns a provincial list names, each folded from its own stream (not the read model). */
async function loadSources(deps: AppDeps, ids: string[]): Promise<SourceCampaign[]> {
  return mapConcurrently(ids, READ_CONCURRENCY, async (id) => {
    const { state } = await readEntity(deps.store, campaignStream(id), campaignDecider);
    const { status, title, kind, scope, gathers, lists, closesAt } = state;
    return { id, status, title, kind, scope, gathers, lists, closingPeriods: periodsOf(closesAt) };
  });
}

/**
 * POST /api/v1/campaigns/provincial (province staff): a provincial list (全省汇总清单) over the chosen city
 * campaigns of one period, ready to publish; its 征集期 is the period's.
 */
export async function openProvincialList(
  deps: AppDeps,
  ctx: RequestContext,
  input: z.input<typeof openProvincialListInput>,
): Promise<CommandResult<CampaignState>> {
  await requireProvinceStaff(deps, ctx, '发布全省汇总清单');
  await requireStaffDuty(deps, ctx, 'business');
  const { campaignIds, ...fields } = parseInput(openProvincialListInput, input);
  const { start, end } = periodBounds(fields.period);
  const id = deps.newId();
  const sources = await loadSources(deps, campaignIds);
  const data = { campaignId: id, ...fields, opensAt: start, closesAt: end, sources };
  const handled = await decideOn(deps, ctx, id, 'OpenProvincialList', data, 'no_stream');
  return resultOf(deps, id, handled);
}

/**
 * Records that a need or solution was submitted into the campaign; the need and solution services call
 * it on submit, with the submitter's context. Entering an item twice is a no-op.
 */
export async function enterCampaignItem(
  deps: AppDeps,
  ctx: RequestContext,
  campaignId: string,
  input: z.input<typeof enterCampaignItemInput>,
): Promise<CommandResult<CampaignState>> {
  const data = parseInput(enterCampaignItemInput, input);
  const handled = await decideOn(deps, ctx, campaignId, 'EnterCampaignItem', data, undefined, ENTRY_ATTEMPTS);
  return resultOf(deps, campaignId, handled);
}

/** Staff manage the campaigns of their own city (province staff all) as 业务人员: scope and duty. */
export async function requireCampaignInScope(deps: AppDeps, ctx: RequestContext, campaign: CampaignState) {
  await requireScopeFor(deps, ctx, campaign.scope);
  await requireStaffDuty(deps, ctx, 'business');
}

/** POST /api/v1/campaigns/:id/close (staff). */
export async function closeCampaign(
  deps: AppDeps,
  ctx: RequestContext,
  campaignId: string,
): Promise<CommandResult<CampaignState>> {
  await requireCampaignInScope(deps, ctx, (await getCampaign(deps, campaignId)).state);
  return resultOf(
    deps,
    campaignId,
    await decideOn(deps, ctx, campaignId, 'CloseCampaign', {}, ctx.expectedRevision),
  );
}

async function mapConcurrently<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Loads every entered item as it stands now, with its organization's name. */
async function loadCandidates(deps: AppDeps, state: CampaignState) {
  const orgs = new Map<string, Promise<Organization>>();
  const orgOf = (id: string) => {
    let org = orgs.get(id);
    if (!org) {
      org = readEntity(deps.store, organizationStream(id), organizationDecider).then(
        (folded) => folded.state,
      );
      orgs.set(id, org);
    }
    return org;
  };
  const kinds = acceptedListKinds(state.kind);
  const needs = kinds.includes('needs')
    ? await mapConcurrently(
        state.items.needs,
        READ_CONCURRENCY,
        async (id): Promise<NeedCandidate | null> => {
          const { state: need } = await readEntity(deps.store, needStream(id), needDecider);
          if (need.status === 'initial') return null;
          const org = await orgOf(need.orgId);
          const { title, orgId, industry, city, technologies, scenarioType, budgetWan, status, campaignId } =
            need;
          return {
            id,
            title,
            orgId,
            orgName: org.name,
            industry,
            city,
            technologies,
            scenarioType,
            budgetWan,
            status,
            campaignId,
          };
        },
      )
    : [];
  const solutions = kinds.includes('solutions')
    ? await mapConcurrently(
        state.items.solutions,
        READ_CONCURRENCY,
        async (id): Promise<SolutionCandidate | null> => {
          const { state: solution } = await readEntity(deps.store, solutionStream(id), solutionDecider);
          if (solution.status === 'initial') return null;
          const org = await orgOf(solution.vendorId);
          return {
            id,
            title: solution.title,
            orgId: solution.vendorId,
            orgName: org.name,
            industry: solution.industries[0] ?? '',
            city: org.city,
            technologies: solution.technologies,
            industries: solution.industries,
            scenarioTypes: solution.scenarioTypes,
            regionsServed: solution.regionsServed,
            priceWan: solution.priceWan,
            deployment: solution.deployment,
            status: solution.status,
            campaignId: solution.campaignId,
          };
        },
      )
    : [];
  return {
    needs: needs.filter((c): c is NeedCandidate => c !== null),
    solutions: solutions.filter((c): c is SolutionCandidate => c !== null),
  };
}

/**
 * POST /api/v1/campaigns/:id/publish (staff). Freezes the lists of a closed campaign, numbering every
 * approved item, then publishes each approved need. After the first publication the same call corrects
 * the lists: a list whose items changed gets a new version (with `note`), an unchanged one none. Either
 * way the needs of the latest lists are then published, so re-running a publication that stopped
 * half-way finishes it without a new version.
 */
export async function publishCampaignList(
  deps: AppDeps,
  ctx: RequestContext,
  campaignId: string,
  input: z.input<typeof publishCampaignListInput> = {},
): Promise<CommandResult<CampaignState>> {
  const { note } = parseInput(publishCampaignListInput, input);
  const { state: before } = await getCampaign(deps, campaignId);
  await requireCampaignInScope(deps, ctx, before);
  const candidates = await loadCandidates(deps, before);
  const sources = before.gathers ? await loadSources(deps, before.gathers.campaignIds) : [];
  const handled = await decideOn(
    deps,
    ctx,
    campaignId,
    'PublishCampaignList',
    { note: note ?? null, candidates, sources },
    ctx.expectedRevision,
  );

  const latest = handled.state.lists.needs.at(-1);
  const approved = new Set(candidates.needs.filter((c) => c.status === 'approved').map((c) => c.id));
  const toPublish = latest ? latest.items.filter((item) => approved.has(item.id)) : [];
  const positions: (bigint | null)[] = [handled.position];
  let published = 0;
  for (const item of toPublish) {
    const stream = needStream(item.id);
    const now = deps.clock();
    const done = await followUp(deps, { command: 'PublishNeed', stream }, () =>
      handleCommand(
        deps.store,
        stream,
        needDecider,
        {
          type: 'PublishNeed',
          data: { needId: item.id, campaignId, listVersion: latest!.version },
          context: { actor: ctx.actor, now },
        },
        { metadata: eventMetadata(ctx, now) },
      ),
    );
    positions.push(done?.position ?? null);
    if (done) published++;
    if (published > 0 && published % 100 === 0) {
      deps.logger.info({ campaignId, published, of: toPublish.length }, 'publishing campaign needs');
    }
  }
  deps.logger.info(
    {
      campaignId,
      versions: handled.events.length,
      needsPublished: published,
      refused: toPublish.length - published,
    },
    'campaign lists published',
  );
  const result = await resultOf(deps, campaignId, handled);
  return { ...result, position: latestPosition(result.position, ...positions) ?? result.position };
}

/**
 * The needs of the campaign's latest published list that are published now, in the list's order (its
 * 序号), from the needs' own streams: a command deciding on them must not wait for the read model.
 */
export async function publishedNeedsOf(deps: AppDeps, campaign: CampaignState): Promise<string[]> {
  const listed = campaign.lists.needs.at(-1)?.items.map((item) => item.id) ?? [];
  const published = await mapConcurrently(listed, READ_CONCURRENCY, async (id) => {
    const { state: need } = await readEntity(deps.store, needStream(id), needDecider);
    return need.status === 'published';
  });
  return listed.filter((_, i) => published[i]);
}

export function getCampaign(deps: AppDeps, campaignId: string): Promise<EntityRead<CampaignState>> {
  return readExisting(deps.store, 'campaign', campaignStream(campaignId), campaignId, campaignDecider);
}

/** GET /api/v1/campaigns/:id/list?kind=&version=: a published version as frozen, the latest by default. */
export async function getCampaignList(
  deps: AppDeps,
  campaignId: string,
  kind: ListKind,
  version?: number,
): Promise<CampaignList> {
  const query = parseInput(campaignListQuery, { kind, version });
  const { state } = await getCampaign(deps, campaignId);
  const versions = state.lists[query.kind];
  const list =
    query.version === undefined ? versions.at(-1) : versions.find((v) => v.version === query.version);
  if (!list) throw campaignError('campaign.list_not_published', { kind: query.kind, version: query.version });
  return {
    campaignId,
    title: state.title,
    version: list.version,
    versions: versions.map((v) => v.version),
    kind: list.kind,
    publishedAt: list.publishedAt,
    note: list.note,
    gathered: state.gathers !== null,
    items: list.items,
  };
}
