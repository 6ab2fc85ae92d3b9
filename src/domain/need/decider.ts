import type { OrganizationFacts } from '../organization/state.js';
import type { CommandContext } from '../shared/actor.js';
import { campaignRefusal } from '../shared/campaign-facts.js';
import type { Decider } from '../shared/decider.js';
import { NotFoundError, ValidationError } from '../shared/errors.js';
import { endOfDayInChina } from '../shared/fields.js';
import type {
  CreateNeed,
  ExpireNeed,
  MarkNeedFulfilled,
  MarkNeedInProgress,
  NeedCommand,
  PublishNeed,
  RecordPilot,
  RejectNeed,
  SelectPilot,
  SubmitNeed,
  UpdateNeed,
} from './commands.js';
import type { NeedEvent, NeedUpdated } from './events.js';
import { needError, needFieldMessages } from './messages.js';
import type { Need } from './state.js';
import { OPEN_NEED_STATUSES } from './state.js';

function initialState(): Need {
  return {
    status: 'initial',
    id: '',
    orgId: '',
    title: '',
    description: '',
    industry: '',
    scenarioType: '',
    technologies: [],
    city: '',
    budgetWan: { min: 0, max: 0 },
    problem: null,
    goals: null,
    requirements: null,
    acceptanceCriteria: [],
    periodMonths: null,
    criteria: [],
    deadline: null,
    campaignId: null,
    contact: null,
    rejectionReason: null,
    engagementId: null,
    race: null,
    pilots: [],
    closedReason: null,
    listVersion: null,
    createdAt: null,
    updatedAt: null,
    submittedAt: null,
    publishedAt: null,
  };
}

function requireFutureDeadline(deadline: string | null | undefined, now: Date): void {
  if (deadline && endOfDayInChina(deadline) < now) {
    throw new ValidationError([{ path: 'deadline', message: needFieldMessages.deadlinePassed }]);
  }
}

function requireOwner(context: CommandContext, state: Need): void {
  if (context.actor.role !== 'demander' || context.actor.orgId !== state.orgId)
    throw needError('need.forbidden');
}

function requireStaff(context: CommandContext): void {
  if (context.actor.role !== 'staff') throw needError('need.staff_only');
}

function requireDemanderOrg(context: CommandContext, org: OrganizationFacts): void {
  const { actor } = context;
  if (
    actor.role !== 'demander' ||
    org.kind !== 'demander' ||
    actor.orgId !== org.id ||
    org.status === 'initial'
  ) {
    throw needError('need.demander_only');
  }
  if (org.status === 'suspended') throw needError('need.org_suspended');
}

function create({ data, context }: CreateNeed, state: Need): NeedEvent[] {
  if (state.status !== 'initial') throw needError('need.already_exists');
  requireDemanderOrg(context, data.org);
  const { fields } = data;
  requireFutureDeadline(fields.deadline, context.now);
  const contact = fields.contact ?? data.org.contact;
  if (!contact) throw new ValidationError([{ path: 'contact', message: needFieldMessages.contactMissing }]);
  return [
    {
      type: 'NeedCreated',
      data: {
        needId: data.needId,
        orgId: data.org.id,
        ...fields,
        deadline: fields.deadline ?? null,
        campaignId: fields.campaignId ?? null,
        contact,
        at: context.now.toISOString(),
      },
    },
  ];
}

function update({ data, context }: UpdateNeed, state: Need): NeedEvent[] {
  requireOwner(context, state);
  if (state.status !== 'draft' && state.status !== 'rejected') throw needError('need.not_editable');
  const patch = data.changes;
  if (patch.deadline !== state.deadline) requireFutureDeadline(patch.deadline, context.now);
  const changes: NeedUpdated['data']['changes'] = {};
  for (const [key, value] of Object.entries(patch) as [keyof typeof patch, unknown][]) {
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(state[key])) {
      Object.assign(changes, { [key]: value });
    }
  }
  if (Object.keys(changes).length === 0) return [];
  return [{ type: 'NeedUpdated', data: { needId: state.id, changes, at: context.now.toISOString() } }];
}

function submit({ data, context }: SubmitNeed, state: Need): NeedEvent[] {
  requireOwner(context, state);
  if (state.status === 'submitted') return [];
  if (state.status !== 'draft' && state.status !== 'rejected') throw needError('need.not_submittable');
  if (data.org.status === 'suspended') throw needError('need.org_suspended');
  if (data.org.status !== 'verified') throw needError('need.org_not_verified');
  requireFutureDeadline(state.deadline, context.now);
  if (state.campaignId) {
    const refusal = campaignRefusal(data.campaign, state.campaignId, 'need', context.now);
    if (refusal === 'not_open') throw needError('need.campaign_not_open');
    if (refusal === 'kind_mismatch') throw needError('need.campaign_kind_mismatch');
  }
  const at = context.now.toISOString();
  return [{ type: 'NeedSubmitted', data: { needId: state.id, campaignId: state.campaignId, at } }];
}

/** A need outside campaigns goes public when approved; one inside waits for its campaign's list. */
function approve(context: CommandContext, state: Need): NeedEvent[] {
  requireStaff(context);
  if (state.status !== 'submitted') throw needError('need.not_under_review');
  const at = context.now.toISOString();
  const approved: NeedEvent = { type: 'NeedApproved', data: { needId: state.id, at } };
  if (state.campaignId) return [approved];
  return [
    approved,
    { type: 'NeedPublished', data: { needId: state.id, campaignId: null, listVersion: null, at } },
  ];
}

function reject({ data, context }: RejectNeed, state: Need): NeedEvent[] {
  requireStaff(context);
  const { reason } = data;
  if (state.status !== 'submitted') throw needError('need.not_under_review');
  return [{ type: 'NeedRejected', data: { needId: state.id, reason, at: context.now.toISOString() } }];
}

/** Signed pilots are agreements under way: the need cannot close under them until one is selected. */
function requireNoPilots(state: Need): void {
  if (state.pilots.length > 0) throw needError('need.pilots_running');
}

function withdraw(context: CommandContext, state: Need): NeedEvent[] {
  requireOwner(context, state);
  if (state.status === 'closed') return [];
  if (!OPEN_NEED_STATUSES.has(state.status)) throw needError('need.not_open');
  requireNoPilots(state);
  return [{ type: 'NeedWithdrawn', data: { needId: state.id, at: context.now.toISOString() } }];
}

function expire({ context }: ExpireNeed, state: Need): NeedEvent[] {
  requireStaff(context);
  if (state.status === 'closed') return [];
  if (!OPEN_NEED_STATUSES.has(state.status)) throw needError('need.not_open');
  if (!state.deadline || endOfDayInChina(state.deadline) >= context.now) throw needError('need.not_expired');
  requireNoPilots(state);
  const at = context.now.toISOString();
  return [{ type: 'NeedExpired', data: { needId: state.id, deadline: state.deadline, at } }];
}

function publish({ data, context }: PublishNeed, state: Need): NeedEvent[] {
  requireStaff(context);
  if (state.campaignId !== data.campaignId) throw needError('need.campaign_mismatch');
  if (state.status === 'published') return [];
  if (state.status !== 'approved') throw needError('need.not_approved');
  const { campaignId, listVersion } = data;
  const at = context.now.toISOString();
  return [{ type: 'NeedPublished', data: { needId: state.id, campaignId, listVersion, at } }];
}

/**
 * Issued by the engagement service when both sides have signed; the engagement is the authority on who
 * signed, so any signed-in actor may carry it here.
 */
function markInProgress({ data, context }: MarkNeedInProgress, state: Need): NeedEvent[] {
  if (context.actor.role === 'anonymous') throw needError('need.forbidden');
  if (state.status === 'in_progress' || state.status === 'fulfilled') {
    if (state.engagementId === data.engagementId) return [];
    throw needError('need.already_in_progress');
  }
  if (state.status !== 'published') throw needError('need.not_published');
  const at = context.now.toISOString();
  return [{ type: 'NeedMarkedInProgress', data: { needId: state.id, engagementId: data.engagementId, at } }];
}

function markFulfilled({ data, context }: MarkNeedFulfilled, state: Need): NeedEvent[] {
  if (context.actor.role === 'anonymous') throw needError('need.forbidden');
  if (state.status !== 'in_progress' && state.status !== 'fulfilled') throw needError('need.not_in_progress');
  if (state.engagementId !== data.engagementId) throw needError('need.engagement_mismatch');
  if (state.status === 'fulfilled') return [];
  const at = context.now.toISOString();
  return [{ type: 'NeedFulfilled', data: { needId: state.id, engagementId: data.engagementId, at } }];
}

/**
 * Issued by the engagement service when an engagement is signed under the race; like MarkNeedInProgress,
 * the engagement is the authority on who signed. The need counts the places, so a signature past
 * `maxParallel` that slipped past the engagement's check is refused here.
 */
function recordPilot({ data, context }: RecordPilot, state: Need): NeedEvent[] {
  if (context.actor.role === 'anonymous') throw needError('need.forbidden');
  if (state.pilots.includes(data.engagementId)) return [];
  if (!state.race) throw needError('need.no_race');
  if (state.status !== 'published') throw needError('need.race_not_running');
  if (state.pilots.length >= state.race.maxParallel) {
    throw needError('need.race_full', { maxParallel: state.race.maxParallel });
  }
  const at = context.now.toISOString();
  return [{ type: 'NeedPilotSigned', data: { needId: state.id, engagementId: data.engagementId, at } }];
}

/**
 * The demander selects one of the signed pilots, once: the need follows it into implementation. Selecting
 * the same pilot again is a no-op, so a retry can finish ending the other pilots.
 */
function selectPilot({ data, context }: SelectPilot, state: Need): NeedEvent[] {
  requireOwner(context, state);
  if (!state.race) throw needError('need.no_race');
  if (state.engagementId !== null) {
    if (state.engagementId === data.engagementId) return [];
    throw needError('need.pilot_already_selected');
  }
  if (state.status !== 'published') throw needError('need.race_not_running');
  if (!state.pilots.includes(data.engagementId)) throw needError('need.not_a_pilot');
  const at = context.now.toISOString();
  return [{ type: 'NeedPilotSelected', data: { needId: state.id, engagementId: data.engagementId, at } }];
}

function decide(command: NeedCommand, state: Need): NeedEvent[] {
  if (command.type === 'CreateNeed') return create(command, state);
  if (state.status === 'initial') throw new NotFoundError('need', command.data.needId);
  switch (command.type) {
    case 'UpdateNeed':
      return update(command, state);
    case 'SubmitNeed':
      return submit(command, state);
    case 'ApproveNeed':
      return approve(command.context, state);
    case 'RejectNeed':
      return reject(command, state);
    case 'WithdrawNeed':
      return withdraw(command.context, state);
    case 'ExpireNeed':
      return expire(command, state);
    case 'PublishNeed':
      return publish(command, state);
    case 'MarkNeedInProgress':
      return markInProgress(command, state);
    case 'MarkNeedFulfilled':
      return markFulfilled(command, state);
    case 'RecordPilot':
      return recordPilot(command, state);
    case 'SelectPilot':
      return selectPilot(command, state);
  }
}

function evolve(state: Need, event: NeedEvent): Need {
  const { at } = event.data;
  switch (event.type) {
    case 'NeedCreated': {
      const { needId, at: _created, ...fields } = event.data;
      return { ...state, ...fields, status: 'draft', id: needId, createdAt: at, updatedAt: at };
    }
    case 'NeedUpdated':
      return { ...state, ...event.data.changes, updatedAt: at };
    case 'NeedSubmitted':
      return { ...state, status: 'submitted', rejectionReason: null, submittedAt: at, updatedAt: at };
    case 'NeedApproved':
      return { ...state, status: 'approved', updatedAt: at };
    case 'NeedRejected':
      return { ...state, status: 'rejected', rejectionReason: event.data.reason, updatedAt: at };
    case 'NeedPublished':
      return {
        ...state,
        status: 'published',
        listVersion: event.data.listVersion,
        publishedAt: at,
        updatedAt: at,
      };
    case 'NeedMarkedInProgress':
      return { ...state, status: 'in_progress', engagementId: event.data.engagementId, updatedAt: at };
    case 'NeedFulfilled':
      return { ...state, status: 'fulfilled', updatedAt: at };
    case 'NeedPilotSigned':
      return { ...state, pilots: [...state.pilots, event.data.engagementId], updatedAt: at };
    case 'NeedPilotSelected':
      return { ...state, status: 'in_progress', engagementId: event.data.engagementId, updatedAt: at };
    case 'NeedWithdrawn':
      return { ...state, status: 'closed', closedReason: 'withdrawn', updatedAt: at };
    case 'NeedExpired':
      return { ...state, status: 'closed', closedReason: 'expired', updatedAt: at };
  }
}

export const needDecider: Decider<Need, NeedCommand, NeedEvent> = { decide, evolve, initialState };
