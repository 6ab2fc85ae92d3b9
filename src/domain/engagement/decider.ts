import { isOutOfMarket } from '../organization/state.js';
import type { Actor } from '../shared/actor.js';
import type { Decider } from '../shared/decider.js';
import type {
  ApplyToNeed,
  ConcludePilot,
  ConfirmDelivery,
  EngagementCommand,
  RateEngagement,
  RecommendSolution,
  ScheduleMeeting,
  SignEngagement,
  WithdrawSignature,
} from './commands.js';
import type { EngagementEvent, Side } from './events.js';
import { meetingDayReached } from './meeting-day.js';
import { engagementError } from './messages.js';
import type { EngagementState, EngagementStatus } from './state.js';
import { ENDED_STATUSES, UNSIGNED_STATUSES } from './state.js';

function initialState(): EngagementState {
  return {
    status: 'initial',
    id: '',
    needId: '',
    needOrgId: '',
    solutionId: '',
    vendorId: '',
    origin: null,
    proposal: null,
    quoteWan: null,
    contactShared: false,
    meeting: null,
    signatures: {},
    amountWan: null,
    signedAt: null,
    pilot: false,
    pilotOutcome: null,
    deliveredAt: null,
    ratings: {},
    declineReason: null,
    withdrawReason: null,
    history: [],
    createdAt: null,
    updatedAt: null,
  };
}

const otherSide: Record<Side, Side> = { demander: 'vendor', vendor: 'demander' };

/** Which party the actor speaks for, if any: staff are neither. */
function sideOf(actor: Actor, state: EngagementState): Side | null {
  if (actor.role === 'demander' && actor.orgId === state.needOrgId) return 'demander';
  if (actor.role === 'vendor' && actor.orgId === state.vendorId) return 'vendor';
  return null;
}

function isAmount(value: number): boolean {
  return Number.isFinite(value) && value >= 0;
}

/** Checks shared by every command on an existing engagement: it exists, the actor may act, it has not ended. */
function requireParty(state: EngagementState, actor: Actor, allowed: Side | 'either'): Side {
  if (state.status === 'initial') throw engagementError('engagement.not_found');
  const side = sideOf(actor, state);
  if (side === null || (allowed !== 'either' && side !== allowed)) {
    throw engagementError(
      allowed === 'demander'
        ? 'engagement.not_need_owner'
        : allowed === 'vendor'
          ? 'engagement.not_vendor'
          : 'engagement.not_party',
    );
  }
  if (ENDED_STATUSES.has(state.status)) throw engagementError('engagement.ended', { status: state.status });
  return side;
}

function requireOpenable({ data }: ApplyToNeed | RecommendSolution, state: EngagementState): void {
  if (state.status !== 'initial') throw engagementError('engagement.already_exists');
  if (data.vendor.status !== 'verified') throw engagementError('engagement.vendor_not_verified');
  if (data.need.status !== 'published') throw engagementError('engagement.need_not_published');
  if (isOutOfMarket(data.need.orgStatus)) throw engagementError('engagement.demander_out_of_market');
  if (data.solution.status !== 'published') throw engagementError('engagement.solution_not_published');
}

function opening({ data, context }: ApplyToNeed | RecommendSolution) {
  return {
    engagementId: data.engagementId,
    needId: data.need.id,
    needOrgId: data.need.orgId,
    solutionId: data.solution.id,
    vendorId: data.solution.vendorId,
    at: context.now.toISOString(),
  };
}

function apply(command: ApplyToNeed, state: EngagementState): EngagementEvent[] {
  const { data, context } = command;
  if (context.actor.role !== 'vendor') throw engagementError('engagement.vendors_only');
  if (context.actor.orgId !== data.solution.vendorId) throw engagementError('engagement.not_solution_owner');
  requireOpenable(command, state);
  if (!isAmount(data.quoteWan)) throw engagementError('engagement.invalid_amount', { path: 'quoteWan' });
  return [
    {
      type: 'EngagementApplied',
      data: { ...opening(command), proposal: data.proposal, quoteWan: data.quoteWan },
    },
  ];
}

function recommend(command: RecommendSolution, state: EngagementState): EngagementEvent[] {
  if (command.context.actor.role !== 'staff') throw engagementError('engagement.staff_only');
  requireOpenable(command, state);
  return [{ type: 'EngagementRecommended', data: opening(command) }];
}

function scheduleMeeting({ data, context }: ScheduleMeeting, state: EngagementState): EngagementEvent[] {
  const side = requireParty(state, context.actor, 'either');
  if (state.status !== 'shortlisted' && state.status !== 'meeting_scheduled') {
    throw engagementError('engagement.not_schedulable', { status: state.status });
  }
  const meetingAt = Date.parse(data.meetingAt);
  if (!(meetingAt >= context.now.getTime()))
    throw engagementError('engagement.meeting_in_past', { path: 'at' });
  return [
    {
      type: 'EngagementMeetingScheduled',
      data: {
        meetingAt: new Date(meetingAt).toISOString(),
        location: data.location,
        scheduledBy: side,
        at: context.now.toISOString(),
      },
    },
  ];
}

/**
 * Each side signs with the contract amount; the engagement is signed when both have and the amounts
 * agree. A second signature with another amount is refused and nothing is recorded, so the signed amount
 * is always one both sides posted; a side that entered the wrong figure withdraws it and signs again.
 * Repeating one's own signature with the same amount is a no-op, so a client may retry a signature whose
 * follow-up (the need going in_progress) did not run.
 */
function sign({ data, context }: SignEngagement, state: EngagementState): EngagementEvent[] {
  const side = requireParty(state, context.actor, 'either');
  if (!isAmount(data.amountWan)) throw engagementError('engagement.invalid_amount', { path: 'amountWan' });
  const own = state.signatures[side];
  if (own) {
    if (own.amountWan === data.amountWan) return [];
    throw engagementError('engagement.signature_exists', { amountWan: own.amountWan });
  }
  if (state.status !== 'meeting_scheduled')
    throw engagementError('engagement.not_signable', { status: state.status });
  // The need follows one signed engagement into implementation (need.engagementId): once another one
  // signed, this one can no longer be.
  if (data.need.status !== 'published') {
    throw engagementError('engagement.need_not_open', { needStatus: data.need.status });
  }
  // Under a race the need stays published while pilots sign, up to its number of places.
  const { race } = data.need;
  if (race && race.pilotsSigned >= race.maxParallel) {
    throw engagementError('engagement.race_full', { maxParallel: race.maxParallel });
  }
  const counterpart = state.signatures[otherSide[side]];
  if (counterpart && counterpart.amountWan !== data.amountWan) {
    throw engagementError('engagement.amount_mismatch', { counterpartAmountWan: counterpart.amountWan });
  }
  const at = context.now.toISOString();
  const events: EngagementEvent[] = [
    { type: 'EngagementSignatureAdded', data: { side, amountWan: data.amountWan, at } },
  ];
  if (counterpart) {
    const pilot = race ? { pilot: true } : {};
    events.push({ type: 'EngagementSigned', data: { amountWan: data.amountWan, ...pilot, at } });
  }
  return events;
}

/** Until both amounts match, either side may take its own back (a typo) and sign again. */
function withdrawSignature({ context }: WithdrawSignature, state: EngagementState): EngagementEvent[] {
  const side = requireParty(state, context.actor, 'either');
  if (!UNSIGNED_STATUSES.has(state.status)) throw engagementError('engagement.already_signed');
  if (!state.signatures[side]) throw engagementError('engagement.no_signature');
  return [{ type: 'EngagementSignatureWithdrawn', data: { side, at: context.now.toISOString() } }];
}

/**
 * The need owner confirms delivery once signed, and not before the meeting's day. Confirming again is a
 * no-op, so a retry can finish the follow-up (the need going fulfilled).
 */
function confirmDelivery({ context }: ConfirmDelivery, state: EngagementState): EngagementEvent[] {
  requireParty(state, context.actor, 'demander');
  if (state.status === 'delivered' || state.status === 'rated') return [];
  if (state.status !== 'signed')
    throw engagementError('engagement.not_deliverable', { status: state.status });
  if (state.pilot && state.pilotOutcome !== 'selected')
    throw engagementError('engagement.pilot_not_selected');
  if (!meetingDayReached(state.meeting, context.now)) {
    throw engagementError('engagement.delivery_before_meeting', { meetingAt: state.meeting?.at });
  }
  return [{ type: 'EngagementDelivered', data: { at: context.now.toISOString() } }];
}

function rate({ data, context }: RateEngagement, state: EngagementState): EngagementEvent[] {
  const side = requireParty(state, context.actor, 'either');
  if (state.status !== 'delivered' && state.status !== 'rated') {
    throw engagementError('engagement.not_ratable', { status: state.status });
  }
  if (state.ratings[side]) throw engagementError('engagement.already_rated');
  if (!Number.isInteger(data.score) || data.score < 1 || data.score > 5) {
    throw engagementError('engagement.invalid_score', { path: 'score' });
  }
  return [
    {
      type: 'EngagementRated',
      data: { side, score: data.score, comment: data.comment, at: context.now.toISOString() },
    },
  ];
}

/**
 * The need's selection ends every pilot of the race: the selected one goes on as a signed engagement, the
 * others end. Concluding again with the same selection is a no-op, so the selection's follow-up may repeat.
 */
function concludePilot({ data, context }: ConcludePilot, state: EngagementState): EngagementEvent[] {
  if (state.status === 'initial') throw engagementError('engagement.not_found');
  if (sideOf(context.actor, state) !== 'demander') throw engagementError('engagement.not_need_owner');
  const outcome = data.selectedEngagementId === state.id ? 'selected' : 'not_selected';
  if (state.pilotOutcome === outcome) return [];
  if (!state.pilot || state.pilotOutcome !== null || state.status !== 'signed') {
    throw engagementError('engagement.not_running_pilot', { status: state.status });
  }
  return [{ type: 'EngagementPilotConcluded', data: { outcome, at: context.now.toISOString() } }];
}

function decide(command: EngagementCommand, state: EngagementState): EngagementEvent[] {
  const { context } = command;
  const at = context.now.toISOString();
  switch (command.type) {
    case 'ApplyToNeed':
      return apply(command, state);
    case 'RecommendSolution':
      return recommend(command, state);
    case 'AcceptRecommendation':
      requireParty(state, context.actor, 'vendor');
      if (state.status !== 'recommended')
        throw engagementError('engagement.not_recommended', { status: state.status });
      if (!isAmount(command.data.quoteWan))
        throw engagementError('engagement.invalid_amount', { path: 'quoteWan' });
      return [
        {
          type: 'EngagementRecommendationAccepted',
          data: { proposal: command.data.proposal, quoteWan: command.data.quoteWan, at },
        },
      ];
    case 'ShortlistEngagement':
      requireParty(state, context.actor, 'demander');
      if (state.status !== 'applied' && state.status !== 'recommended') {
        throw engagementError('engagement.not_shortlistable', { status: state.status });
      }
      return [{ type: 'EngagementShortlisted', data: { shareContact: command.data.shareContact, at } }];
    case 'DeclineEngagement':
      requireParty(state, context.actor, 'demander');
      if (!UNSIGNED_STATUSES.has(state.status)) throw engagementError('engagement.already_signed');
      return [{ type: 'EngagementDeclined', data: { reason: command.data.reason, at } }];
    case 'WithdrawEngagement':
      requireParty(state, context.actor, 'vendor');
      if (!UNSIGNED_STATUSES.has(state.status)) throw engagementError('engagement.already_signed');
      return [{ type: 'EngagementWithdrawn', data: { reason: command.data.reason, at } }];
    case 'ScheduleMeeting':
      return scheduleMeeting(command, state);
    case 'SignEngagement':
      return sign(command, state);
    case 'WithdrawSignature':
      return withdrawSignature(command, state);
    case 'ConfirmDelivery':
      return confirmDelivery(command, state);
    case 'RateEngagement':
      return rate(command, state);
    case 'ConcludePilot':
      return concludePilot(command, state);
  }
}

function moveTo(state: EngagementState, status: EngagementStatus, at: string): EngagementState {
  if (state.status === status) return { ...state, updatedAt: at };
  return { ...state, status, history: [...state.history, { status, at }], updatedAt: at };
}

function evolve(state: EngagementState, event: EngagementEvent): EngagementState {
  switch (event.type) {
    case 'EngagementApplied':
    case 'EngagementRecommended': {
      const { engagementId, needId, needOrgId, solutionId, vendorId, at } = event.data;
      const applied = event.type === 'EngagementApplied';
      return moveTo(
        {
          ...initialState(),
          id: engagementId,
          needId,
          needOrgId,
          solutionId,
          vendorId,
          origin: applied ? 'applied' : 'recommended',
          proposal: applied ? event.data.proposal : null,
          quoteWan: applied ? event.data.quoteWan : null,
          createdAt: at,
        },
        applied ? 'applied' : 'recommended',
        at,
      );
    }
    case 'EngagementRecommendationAccepted': {
      const { proposal, quoteWan, at } = event.data;
      return moveTo({ ...state, proposal, quoteWan }, 'applied', at);
    }
    case 'EngagementShortlisted':
      return moveTo(
        { ...state, contactShared: event.data.shareContact ?? true },
        'shortlisted',
        event.data.at,
      );
    case 'EngagementDeclined':
      return moveTo({ ...state, declineReason: event.data.reason }, 'declined', event.data.at);
    case 'EngagementWithdrawn':
      return moveTo({ ...state, withdrawReason: event.data.reason }, 'withdrawn', event.data.at);
    case 'EngagementMeetingScheduled': {
      const { meetingAt, location, scheduledBy, at } = event.data;
      return moveTo({ ...state, meeting: { at: meetingAt, location, scheduledBy } }, 'meeting_scheduled', at);
    }
    case 'EngagementSignatureAdded': {
      const { side, amountWan, at } = event.data;
      return { ...state, signatures: { ...state.signatures, [side]: { amountWan, at } }, updatedAt: at };
    }
    case 'EngagementSignatureWithdrawn': {
      const { [event.data.side]: _withdrawn, ...signatures } = state.signatures;
      return { ...state, signatures, updatedAt: event.data.at };
    }
    case 'EngagementSigned':
      return moveTo(
        {
          ...state,
          amountWan: event.data.amountWan,
          signedAt: event.data.at,
          pilot: event.data.pilot ?? false,
        },
        'signed',
        event.data.at,
      );
    case 'EngagementDelivered':
      return moveTo({ ...state, deliveredAt: event.data.at }, 'delivered', event.data.at);
    case 'EngagementRated': {
      const { side, score, comment, at } = event.data;
      const ratings = { ...state.ratings, [side]: { score, comment, at } };
      return moveTo({ ...state, ratings }, ratings.demander && ratings.vendor ? 'rated' : state.status, at);
    }
    case 'EngagementPilotConcluded': {
      const { outcome, at } = event.data;
      const concluded = { ...state, pilotOutcome: outcome };
      return outcome === 'selected' ? { ...concluded, updatedAt: at } : moveTo(concluded, 'pilot_ended', at);
    }
  }
}

export const engagementDecider: Decider<EngagementState, EngagementCommand, EngagementEvent> = {
  decide,
  evolve,
  initialState,
};
