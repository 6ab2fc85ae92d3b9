import type { CommandContext } from '../shared/actor.js';
import type { Decider } from '../shared/decider.js';
import { PROVINCE } from '../shared/scope.js';
import type {
  CampaignCommand,
  EnterCampaignItem,
  NeedCandidate,
  OpenCampaign,
  OpenProvincialList,
  PublishCampaignList,
  SolutionCandidate,
  SourceCampaign,
} from './commands.js';
import type { CampaignEvent, CampaignListItem, CampaignListPublished, ListKind } from './events.js';
import { campaignError } from './messages.js';
import type { CampaignState } from './state.js';
import { acceptedListKinds, listKindOf } from './state.js';

function initialState(): CampaignState {
  return {
    status: 'initial',
    id: '',
    title: '',
    kind: 'both',
    scope: PROVINCE,
    gathers: null,
    opensAt: '',
    closesAt: '',
    items: { needs: [], solutions: [] },
    lists: { needs: [], solutions: [] },
    createdAt: null,
    closedAt: null,
    updatedAt: null,
  };
}

/** Needs stay on the list after publication, as they move on to in_progress and fulfilled. */
const LISTED_NEED_STATUSES = new Set(['approved', 'published', 'in_progress', 'fulfilled']);
const LISTED_SOLUTION_STATUSES = new Set(['published']);

function requireStaff(context: CommandContext): void {
  if (context.actor.role !== 'staff') throw campaignError('campaign.staff_only');
}

function requireExisting(state: CampaignState): void {
  if (state.status === 'initial') throw campaignError('campaign.not_found');
}

function openCampaign({ data, context }: OpenCampaign, state: CampaignState): CampaignEvent[] {
  requireStaff(context);
  if (state.status !== 'initial') throw campaignError('campaign.already_exists');
  const opensAt = Date.parse(data.opensAt);
  const closesAt = Date.parse(data.closesAt);
  if (!(closesAt > opensAt)) throw campaignError('campaign.invalid_window', { path: 'closesAt' });
  return [
    {
      type: 'CampaignOpened',
      data: {
        campaignId: data.campaignId,
        title: data.title,
        kind: data.kind,
        scope: data.scope,
        opensAt: new Date(opensAt).toISOString(),
        closesAt: new Date(closesAt).toISOString(),
        at: context.now.toISOString(),
      },
    },
  ];
}

/** Every source a city campaign (not the province's, nor another provincial list) closed within the period. */
function openProvincialList({ data, context }: OpenProvincialList, state: CampaignState): CampaignEvent[] {
  requireStaff(context);
  if (state.status !== 'initial') throw campaignError('campaign.already_exists');
  for (const source of data.sources) {
    const details = { path: 'campaignIds', campaignId: source.id };
    if (source.status === 'initial') throw campaignError('campaign.source_not_found', details);
    if (source.scope === PROVINCE || source.gathers) throw campaignError('campaign.source_not_city', details);
    if (!source.closingPeriods.includes(data.period))
      throw campaignError('campaign.source_outside_period', { ...details, period: data.period });
  }
  return [
    {
      type: 'CampaignOpened',
      data: {
        campaignId: data.campaignId,
        title: data.title,
        kind: data.kind,
        scope: PROVINCE,
        gathers: { period: data.period, campaignIds: data.sources.map((source) => source.id) },
        opensAt: data.opensAt,
        closesAt: data.closesAt,
        at: context.now.toISOString(),
      },
    },
  ];
}

function enterItem({ data, context }: EnterCampaignItem, state: CampaignState): CampaignEvent[] {
  requireExisting(state);
  const role = context.actor.role;
  const expectedRole = data.itemKind === 'need' ? 'demander' : 'vendor';
  if (role !== expectedRole && role !== 'staff') throw campaignError('campaign.item_forbidden');
  const listKind = listKindOf[data.itemKind];
  // A resubmission after a rejection enters the item again: it keeps its first place.
  if (state.items[listKind].includes(data.itemId)) return [];
  if (state.status !== 'open') throw campaignError('campaign.not_open');
  if (!acceptedListKinds(state.kind).includes(listKind)) throw campaignError('campaign.kind_not_accepted');
  const now = context.now.getTime();
  if (now < Date.parse(state.opensAt))
    throw campaignError('campaign.not_yet_open', { opensAt: state.opensAt });
  if (now >= Date.parse(state.closesAt))
    throw campaignError('campaign.window_passed', { closesAt: state.closesAt });
  return [
    {
      type: 'CampaignItemEntered',
      data: { itemKind: data.itemKind, itemId: data.itemId, at: context.now.toISOString() },
    },
  ];
}

/** The entered, still-listed candidates in entry order, numbered from 1. */
function numbered<C extends NeedCandidate | SolutionCandidate>(
  state: CampaignState,
  kind: ListKind,
  candidates: C[],
  listed: Set<string>,
  toItem: (candidate: C, seq: number) => CampaignListItem,
): CampaignListItem[] {
  const entryOrder = new Map(state.items[kind].map((id, index) => [id, index]));
  const byId = new Map<string, C>();
  for (const candidate of candidates) {
    if (entryOrder.has(candidate.id) && candidate.campaignId === state.id && listed.has(candidate.status)) {
      byId.set(candidate.id, candidate);
    }
  }
  return [...byId.values()]
    .sort((a, b) => entryOrder.get(a.id)! - entryOrder.get(b.id)!)
    .map((candidate, index) => toItem(candidate, index + 1));
}

const needItem = (c: NeedCandidate, seq: number): CampaignListItem => ({
  seq,
  id: c.id,
  title: c.title,
  orgId: c.orgId,
  orgName: c.orgName,
  industry: c.industry,
  city: c.city,
  technologies: c.technologies,
  scenarioType: c.scenarioType,
  budgetWan: { min: c.budgetWan.min, max: c.budgetWan.max },
});

const solutionItem = (c: SolutionCandidate, seq: number): CampaignListItem => ({
  seq,
  id: c.id,
  title: c.title,
  orgId: c.orgId,
  orgName: c.orgName,
  industry: c.industry,
  city: c.city,
  technologies: c.technologies,
  industries: c.industries,
  scenarioTypes: c.scenarioTypes,
  regionsServed: c.regionsServed,
  priceWan: { min: c.priceWan.min, max: c.priceWan.max },
  deployment: c.deployment,
});

/** JSON with object keys sorted, so that a list read back from the store compares equal to a fresh one. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * A provincial list's lines: the latest published list of each source in the order the sources were
 * chosen, each source's lines in their own order, numbered afresh and marked with where they came from.
 */
function gathered(gathers: string[], kind: ListKind, sources: SourceCampaign[]): CampaignListItem[] {
  const byId = new Map(sources.map((source) => [source.id, source]));
  const items: CampaignListItem[] = [];
  for (const id of gathers) {
    const source = byId.get(id);
    if (!source || !acceptedListKinds(source.kind).includes(kind)) continue;
    const list = source.lists[kind].at(-1);
    if (!list) throw campaignError('campaign.source_not_published', { campaignId: id, kind });
    for (const item of list.items) {
      items.push({
        ...item,
        seq: items.length + 1,
        source: {
          campaignId: id,
          campaignTitle: source.title,
          city: source.scope,
          version: list.version,
          seq: item.seq,
        },
      });
    }
  }
  return items;
}

function listOf(state: CampaignState, kind: ListKind, command: PublishCampaignList): CampaignListItem[] {
  const { candidates, sources } = command.data;
  if (state.gathers) return gathered(state.gathers.campaignIds, kind, sources ?? []);
  return kind === 'needs'
    ? numbered(state, kind, candidates.needs, LISTED_NEED_STATUSES, needItem)
    : numbered(state, kind, candidates.solutions, LISTED_SOLUTION_STATUSES, solutionItem);
}

/**
 * The first publication numbers every approved item. Afterwards the same command is a correction: a list
 * whose items changed gets version n+1 and must carry a note; an unchanged list gets no new version, so
 * re-running a publication that crashed before its follow-ups is harmless.
 */
function publishLists(command: PublishCampaignList, state: CampaignState): CampaignEvent[] {
  requireExisting(state);
  requireStaff(command.context);
  if (state.status === 'open') throw campaignError('campaign.not_closed');
  const publishedAt = command.context.now.toISOString();
  const events: CampaignListPublished[] = [];
  for (const kind of acceptedListKinds(state.kind)) {
    const items = listOf(state, kind, command);
    const latest = state.lists[kind].at(-1);
    if (latest && canonical(latest.items) === canonical(items)) continue;
    const version = (latest?.version ?? 0) + 1;
    events.push({
      type: 'CampaignListPublished',
      data: { kind, version, items, note: command.data.note, publishedAt },
    });
  }
  if (state.status === 'published' && events.length > 0 && !command.data.note) {
    throw campaignError('campaign.correction_note_required', { path: 'note' });
  }
  return events;
}

function decide(command: CampaignCommand, state: CampaignState): CampaignEvent[] {
  switch (command.type) {
    case 'OpenCampaign':
      return openCampaign(command, state);
    case 'OpenProvincialList':
      return openProvincialList(command, state);
    case 'EnterCampaignItem':
      return enterItem(command, state);
    case 'CloseCampaign':
      requireExisting(state);
      requireStaff(command.context);
      if (state.status !== 'open') throw campaignError('campaign.not_open');
      return [{ type: 'CampaignClosed', data: { at: command.context.now.toISOString() } }];
    case 'PublishCampaignList':
      return publishLists(command, state);
  }
}

function evolve(state: CampaignState, event: CampaignEvent): CampaignState {
  switch (event.type) {
    case 'CampaignOpened': {
      const { campaignId, title, kind, opensAt, closesAt, at } = event.data;
      const gathers = event.data.gathers ?? null;
      // A provincial list takes no submissions: it is ready to publish from the start.
      return {
        ...state,
        status: gathers ? 'closed' : 'open',
        id: campaignId,
        title,
        kind,
        scope: event.data.scope ?? PROVINCE,
        gathers,
        opensAt,
        closesAt,
        createdAt: at,
        closedAt: gathers ? at : null,
        updatedAt: at,
      };
    }
    case 'CampaignItemEntered': {
      const kind = listKindOf[event.data.itemKind];
      if (state.items[kind].includes(event.data.itemId)) return state;
      return {
        ...state,
        items: { ...state.items, [kind]: [...state.items[kind], event.data.itemId] },
        updatedAt: event.data.at,
      };
    }
    case 'CampaignClosed':
      return { ...state, status: 'closed', closedAt: event.data.at, updatedAt: event.data.at };
    case 'CampaignListPublished': {
      const { kind, version, items, note, publishedAt } = event.data;
      return {
        ...state,
        status: 'published',
        lists: {
          ...state.lists,
          [kind]: [...state.lists[kind], { version, kind, publishedAt, note, items }],
        },
        updatedAt: publishedAt,
      };
    }
  }
}

export const campaignDecider: Decider<CampaignState, CampaignCommand, CampaignEvent> = {
  decide,
  evolve,
  initialState,
};
