import type { CommandContext } from '../shared/actor.js';
import type { Decider } from '../shared/decider.js';
import { isCode } from '../shared/taxonomy.js';
import type { CaseCommand, PromoteCase, RecordCaseReplication } from './commands.js';
import type { CaseEvent } from './events.js';
import { caseError } from './messages.js';
import type { CaseState } from './state.js';

function initialState(): CaseState {
  return {
    status: 'initial',
    id: '',
    engagementId: '',
    needId: '',
    needOrgId: '',
    solutionId: '',
    vendorId: '',
    title: '',
    summary: '',
    city: '',
    industry: '',
    scenarioType: '',
    technologies: [],
    amountWan: null,
    replicatedTo: [],
    promotedAt: null,
    updatedAt: null,
  };
}

function requireStaff(context: CommandContext): void {
  if (context.actor.role !== 'staff') throw caseError('case.staff_only');
}

function promote({ data, context }: PromoteCase, state: CaseState): CaseEvent[] {
  requireStaff(context);
  if (state.status !== 'initial') throw caseError('case.already_promoted');
  const { engagement, need } = data;
  // A case is what both sides vouch for: it waits for the two ratings, which come after delivery.
  if (engagement.status !== 'rated') {
    const code =
      engagement.status === 'delivered' ? 'case.engagement_not_rated' : 'case.engagement_not_delivered';
    throw caseError(code, { status: engagement.status });
  }
  return [
    {
      type: 'CasePromoted',
      data: {
        caseId: engagement.id,
        engagementId: engagement.id,
        needId: engagement.needId,
        needOrgId: engagement.needOrgId,
        solutionId: engagement.solutionId,
        vendorId: engagement.vendorId,
        title: data.title ?? need.title,
        summary: data.summary,
        city: need.city,
        industry: need.industry,
        scenarioType: need.scenarioType,
        technologies: need.technologies,
        amountWan: engagement.amountWan,
        at: context.now.toISOString(),
      },
    },
  ];
}

function replicate({ data, context }: RecordCaseReplication, state: CaseState): CaseEvent[] {
  if (state.status === 'initial') throw caseError('case.not_found');
  requireStaff(context);
  if (!isCode('city', data.city)) throw caseError('case.unknown_city', { path: 'city' });
  if (data.city === state.city) throw caseError('case.same_city', { path: 'city' });
  if (state.replicatedTo.some((r) => r.city === data.city))
    throw caseError('case.already_replicated', { city: data.city });
  return [
    { type: 'CaseReplicated', data: { city: data.city, note: data.note, at: context.now.toISOString() } },
  ];
}

function decide(command: CaseCommand, state: CaseState): CaseEvent[] {
  return command.type === 'PromoteCase' ? promote(command, state) : replicate(command, state);
}

function evolve(state: CaseState, event: CaseEvent): CaseState {
  switch (event.type) {
    case 'CasePromoted': {
      const { caseId, at, ...copied } = event.data;
      return { ...state, ...copied, status: 'promoted', id: caseId, promotedAt: at, updatedAt: at };
    }
    case 'CaseReplicated': {
      const { city, note, at } = event.data;
      return { ...state, replicatedTo: [...state.replicatedTo, { city, note, at }], updatedAt: at };
    }
  }
}

export const caseDecider: Decider<CaseState, CaseCommand, CaseEvent> = { decide, evolve, initialState };
