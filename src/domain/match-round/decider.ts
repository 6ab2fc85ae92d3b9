import type { CommandContext } from '../shared/actor.js';
import type { Decider } from '../shared/decider.js';
import type {
  CompleteMatchRound,
  MatchRoundCommand,
  RecordMatchRoundProgress,
  RecordMatchRoundResults,
  RecordRecommendationEngaged,
  StartMatchRound,
} from './commands.js';
import type { MatchRoundEvent, NeedRecommendations } from './events.js';
import { matchRoundError } from './messages.js';
import type { MatchRoundState } from './state.js';

/**
 * 云速配 match round (stream `match-round-<id>`): staff start it over a campaign's published needs; a runner
 * records progress, then the recommendations, then completes it, or fails it. The decider holds the round to
 * its limits whatever the runner computed: at most topK distinct vendors per need and no vendor recommended
 * more than capacityPerVendor times, so a round read back from its events keeps them by construction.
 */

function initialState(): MatchRoundState {
  return {
    status: 'initial',
    id: '',
    campaignId: '',
    topK: 0,
    capacityPerVendor: 0,
    needIds: [],
    startedBy: null,
    startedAt: null,
    progress: { done: 0, total: 0 },
    results: [],
    totalScore: null,
    greedyScore: null,
    failureReason: null,
    engaged: [],
    completedAt: null,
    updatedAt: null,
  };
}

function requireStaff(context: CommandContext): void {
  if (context.actor.role !== 'staff') throw matchRoundError('matchRound.staff_only');
}

function requireRunning(state: MatchRoundState): void {
  if (state.status === 'initial') throw matchRoundError('matchRound.not_found');
  if (state.status !== 'running') throw matchRoundError('matchRound.not_running', { status: state.status });
}

function start({ data, context }: StartMatchRound, state: MatchRoundState): MatchRoundEvent[] {
  requireStaff(context);
  if (state.status !== 'initial') throw matchRoundError('matchRound.already_started');
  if (data.needIds.length === 0)
    throw matchRoundError('matchRound.no_needs', { campaignId: data.campaignId });
  return [
    {
      type: 'MatchRoundStarted',
      data: {
        roundId: data.roundId,
        campaignId: data.campaignId,
        topK: data.topK,
        capacityPerVendor: data.capacityPerVendor,
        needIds: [...new Set(data.needIds)],
        startedBy: context.actor.userId,
        at: context.now.toISOString(),
      },
    },
  ];
}

function progress({ data, context }: RecordMatchRoundProgress, state: MatchRoundState): MatchRoundEvent[] {
  requireStaff(context);
  requireRunning(state);
  const total = state.needIds.length;
  if (!Number.isInteger(data.done) || data.done < state.progress.done || data.done > total) {
    throw matchRoundError('matchRound.invalid_progress', { done: data.done, total });
  }
  if (data.done === state.progress.done) return [];
  return [{ type: 'MatchRoundProgressed', data: { done: data.done, total, at: context.now.toISOString() } }];
}

function checkResults(results: NeedRecommendations[], state: MatchRoundState): void {
  const inRound = new Set(state.needIds);
  const recorded = new Set(state.results.map((r) => r.needId));
  const perVendor = new Map<string, number>();
  const count = ({ recommendations }: NeedRecommendations) => {
    for (const { vendorId } of recommendations) perVendor.set(vendorId, (perVendor.get(vendorId) ?? 0) + 1);
  };
  state.results.forEach(count);
  for (const result of results) {
    const { needId, recommendations } = result;
    if (!inRound.has(needId)) throw matchRoundError('matchRound.unknown_need', { needId });
    if (recorded.has(needId)) throw matchRoundError('matchRound.results_recorded', { needId });
    recorded.add(needId);
    if (recommendations.length > state.topK) {
      throw matchRoundError('matchRound.too_many_recommendations', { needId, topK: state.topK });
    }
    if (new Set(recommendations.map((r) => r.vendorId)).size !== recommendations.length) {
      throw matchRoundError('matchRound.vendor_repeated', { needId });
    }
    if (recommendations.some((r) => !(r.score >= 0 && r.score <= 1))) {
      throw matchRoundError('matchRound.invalid_score', { needId });
    }
    count(result);
  }
  for (const [vendorId, times] of perVendor) {
    if (times > state.capacityPerVendor) {
      throw matchRoundError('matchRound.capacity_exceeded', {
        vendorId,
        capacityPerVendor: state.capacityPerVendor,
      });
    }
  }
}

function recordResults(
  { data, context }: RecordMatchRoundResults,
  state: MatchRoundState,
): MatchRoundEvent[] {
  requireStaff(context);
  requireRunning(state);
  checkResults(data.results, state);
  if (data.results.length === 0) return [];
  return [
    { type: 'MatchRoundResultsRecorded', data: { results: data.results, at: context.now.toISOString() } },
  ];
}

function complete({ data, context }: CompleteMatchRound, state: MatchRoundState): MatchRoundEvent[] {
  requireStaff(context);
  requireRunning(state);
  const recorded = new Set(state.results.map((r) => r.needId));
  const missing = state.needIds.filter((id) => !recorded.has(id));
  if (missing.length > 0) throw matchRoundError('matchRound.results_incomplete', { missing: missing.length });
  const recommendations = state.results.reduce((sum, r) => sum + r.recommendations.length, 0);
  return [
    {
      type: 'MatchRoundCompleted',
      data: {
        totalScore: data.totalScore,
        greedyScore: data.greedyScore,
        recommendations,
        at: context.now.toISOString(),
      },
    },
  ];
}

function engaged({ data, context }: RecordRecommendationEngaged, state: MatchRoundState): MatchRoundEvent[] {
  requireStaff(context);
  if (state.status === 'initial') throw matchRoundError('matchRound.not_found');
  if (state.status !== 'completed')
    throw matchRoundError('matchRound.not_completed', { status: state.status });
  const recommendation = state.results
    .find((r) => r.needId === data.needId)
    ?.recommendations.find((r) => r.solutionId === data.solutionId);
  if (!recommendation) throw matchRoundError('matchRound.not_recommended', { needId: data.needId });
  if (state.engaged.some((e) => e.needId === data.needId && e.solutionId === data.solutionId)) {
    throw matchRoundError('matchRound.already_engaged', { needId: data.needId, solutionId: data.solutionId });
  }
  return [
    {
      type: 'MatchRecommendationEngaged',
      data: {
        needId: data.needId,
        solutionId: data.solutionId,
        vendorId: recommendation.vendorId,
        engagementId: data.engagementId,
        at: context.now.toISOString(),
      },
    },
  ];
}

function decide(command: MatchRoundCommand, state: MatchRoundState): MatchRoundEvent[] {
  switch (command.type) {
    case 'StartMatchRound':
      return start(command, state);
    case 'RecordMatchRoundProgress':
      return progress(command, state);
    case 'RecordMatchRoundResults':
      return recordResults(command, state);
    case 'CompleteMatchRound':
      return complete(command, state);
    case 'FailMatchRound':
      requireStaff(command.context);
      requireRunning(state);
      return [
        {
          type: 'MatchRoundFailed',
          data: { reason: command.data.reason, at: command.context.now.toISOString() },
        },
      ];
    case 'RecordRecommendationEngaged':
      return engaged(command, state);
  }
}

function evolve(state: MatchRoundState, event: MatchRoundEvent): MatchRoundState {
  switch (event.type) {
    case 'MatchRoundStarted': {
      const { roundId, campaignId, topK, capacityPerVendor, needIds, startedBy, at } = event.data;
      return {
        ...state,
        status: 'running',
        id: roundId,
        campaignId,
        topK,
        capacityPerVendor,
        needIds,
        startedBy,
        startedAt: at,
        progress: { done: 0, total: needIds.length },
        updatedAt: at,
      };
    }
    case 'MatchRoundProgressed':
      return {
        ...state,
        progress: { done: event.data.done, total: event.data.total },
        updatedAt: event.data.at,
      };
    case 'MatchRoundResultsRecorded':
      return { ...state, results: [...state.results, ...event.data.results], updatedAt: event.data.at };
    case 'MatchRoundCompleted':
      return {
        ...state,
        status: 'completed',
        progress: { done: state.needIds.length, total: state.needIds.length },
        totalScore: event.data.totalScore,
        greedyScore: event.data.greedyScore,
        completedAt: event.data.at,
        updatedAt: event.data.at,
      };
    case 'MatchRoundFailed':
      return { ...state, status: 'failed', failureReason: event.data.reason, updatedAt: event.data.at };
    case 'MatchRecommendationEngaged':
      return { ...state, engaged: [...state.engaged, event.data], updatedAt: event.data.at };
  }
}

export const matchRoundDecider: Decider<MatchRoundState, MatchRoundCommand, MatchRoundEvent> = {
  decide,
  evolve,
  initialState,
};
