import type { OrganizationFacts } from '../organization/state.js';
import type { CommandContext } from '../shared/actor.js';
import { campaignRefusal } from '../shared/campaign-facts.js';
import type { Decider } from '../shared/decider.js';
import { NotFoundError } from '../shared/errors.js';
import type {
  CreateSolution,
  RejectSolution,
  SolutionCommand,
  SubmitSolution,
  UpdateSolution,
} from './commands.js';
import type { SolutionEvent, SolutionUpdated } from './events.js';
import { solutionError } from './messages.js';
import type { Solution } from './state.js';

function initialState(): Solution {
  return {
    status: 'initial',
    id: '',
    vendorId: '',
    title: '',
    description: '',
    industries: [],
    scenarioTypes: [],
    technologies: [],
    regionsServed: [],
    priceWan: { min: 0, max: 0 },
    deployment: 'saas',
    campaignId: null,
    rejectionReason: null,
    createdAt: null,
    updatedAt: null,
    submittedAt: null,
    publishedAt: null,
    retiredAt: null,
  };
}

function isOwner(context: CommandContext, state: Solution): boolean {
  return context.actor.role === 'vendor' && context.actor.orgId === state.vendorId;
}

function requireOwner(context: CommandContext, state: Solution): void {
  if (!isOwner(context, state)) throw solutionError('solution.forbidden');
}

function requireStaff(context: CommandContext): void {
  if (context.actor.role !== 'staff') throw solutionError('solution.staff_only');
}

function requireVendorOrg(context: CommandContext, org: OrganizationFacts): void {
  const { actor } = context;
  if (
    actor.role !== 'vendor' ||
    org.kind !== 'vendor' ||
    actor.orgId !== org.id ||
    org.status === 'initial'
  ) {
    throw solutionError('solution.vendor_only');
  }
  if (org.status === 'suspended') throw solutionError('solution.org_suspended');
}

function create({ data, context }: CreateSolution, state: Solution): SolutionEvent[] {
  if (state.status !== 'initial') throw solutionError('solution.already_exists');
  requireVendorOrg(context, data.org);
  const { fields } = data;
  return [
    {
      type: 'SolutionCreated',
      data: {
        solutionId: data.solutionId,
        vendorId: data.org.id,
        ...fields,
        campaignId: fields.campaignId ?? null,
        at: context.now.toISOString(),
      },
    },
  ];
}

function update({ data, context }: UpdateSolution, state: Solution): SolutionEvent[] {
  requireOwner(context, state);
  if (state.status !== 'draft' && state.status !== 'rejected') throw solutionError('solution.not_editable');
  const patch = data.changes;
  const changes: SolutionUpdated['data']['changes'] = {};
  for (const [key, value] of Object.entries(patch) as [keyof typeof patch, unknown][]) {
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(state[key])) {
      Object.assign(changes, { [key]: value });
    }
  }
  if (Object.keys(changes).length === 0) return [];
  return [
    { type: 'SolutionUpdated', data: { solutionId: state.id, changes, at: context.now.toISOString() } },
  ];
}

function submit({ data, context }: SubmitSolution, state: Solution): SolutionEvent[] {
  requireOwner(context, state);
  if (state.status === 'submitted') return [];
  if (state.status !== 'draft' && state.status !== 'rejected')
    throw solutionError('solution.not_submittable');
  if (data.org.status === 'suspended') throw solutionError('solution.org_suspended');
  if (data.org.status !== 'verified') throw solutionError('solution.org_not_verified');
  if (state.campaignId) {
    const refusal = campaignRefusal(data.campaign, state.campaignId, 'solution', context.now);
    if (refusal === 'not_open') throw solutionError('solution.campaign_not_open');
    if (refusal === 'kind_mismatch') throw solutionError('solution.campaign_kind_mismatch');
  }
  const at = context.now.toISOString();
  return [{ type: 'SolutionSubmitted', data: { solutionId: state.id, campaignId: state.campaignId, at } }];
}

function approve(context: CommandContext, state: Solution): SolutionEvent[] {
  requireStaff(context);
  if (state.status !== 'submitted') throw solutionError('solution.not_under_review');
  const data = { solutionId: state.id, at: context.now.toISOString() };
  return [
    { type: 'SolutionApproved', data },
    { type: 'SolutionPublished', data },
  ];
}

function reject({ data, context }: RejectSolution, state: Solution): SolutionEvent[] {
  requireStaff(context);
  const { reason } = data;
  if (state.status !== 'submitted') throw solutionError('solution.not_under_review');
  return [
    { type: 'SolutionRejected', data: { solutionId: state.id, reason, at: context.now.toISOString() } },
  ];
}

/** The vendor takes its listing down, or staff delist it; either way it is gone for good. */
function retire(context: CommandContext, state: Solution): SolutionEvent[] {
  if (context.actor.role !== 'staff') requireOwner(context, state);
  if (state.status === 'retired') return [];
  const by = context.actor.role === 'staff' ? 'staff' : 'vendor';
  return [{ type: 'SolutionRetired', data: { solutionId: state.id, by, at: context.now.toISOString() } }];
}

function decide(command: SolutionCommand, state: Solution): SolutionEvent[] {
  if (command.type === 'CreateSolution') return create(command, state);
  if (state.status === 'initial') throw new NotFoundError('solution', command.data.solutionId);
  switch (command.type) {
    case 'UpdateSolution':
      return update(command, state);
    case 'SubmitSolution':
      return submit(command, state);
    case 'ApproveSolution':
      return approve(command.context, state);
    case 'RejectSolution':
      return reject(command, state);
    case 'RetireSolution':
      return retire(command.context, state);
  }
}

function evolve(state: Solution, event: SolutionEvent): Solution {
  const { at } = event.data;
  switch (event.type) {
    case 'SolutionCreated': {
      const { solutionId, at: _created, ...fields } = event.data;
      return { ...state, ...fields, status: 'draft', id: solutionId, createdAt: at, updatedAt: at };
    }
    case 'SolutionUpdated':
      return { ...state, ...event.data.changes, updatedAt: at };
    case 'SolutionSubmitted':
      return { ...state, status: 'submitted', rejectionReason: null, submittedAt: at, updatedAt: at };
    case 'SolutionApproved':
      return { ...state, updatedAt: at };
    case 'SolutionPublished':
      return { ...state, status: 'published', publishedAt: at, updatedAt: at };
    case 'SolutionRejected':
      return { ...state, status: 'rejected', rejectionReason: event.data.reason, updatedAt: at };
    case 'SolutionRetired':
      return { ...state, status: 'retired', retiredAt: at, updatedAt: at };
  }
}

export const solutionDecider: Decider<Solution, SolutionCommand, SolutionEvent> = {
  decide,
  evolve,
  initialState,
};
