import { describe, it } from 'vitest';
import type { MatchRoundCommand } from '../../../src/domain/match-round/commands.js';
import { matchRoundDecider } from '../../../src/domain/match-round/decider.js';
import type { MatchRoundEvent, NeedRecommendations } from '../../../src/domain/match-round/events.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { deciderSpec } from '../domain/spec.js';

const spec = deciderSpec(matchRoundDecider);
const now = new Date('2025-05-01T08:00:00.000Z');
const at = now.toISOString();
const staff: Actor = { userId: 'staff-1', orgId: null, role: 'staff' };
const vendor: Actor = { userId: 'user-v', orgId: 'org-v', role: 'vendor' };

function command<C extends MatchRoundCommand>(type: C['type'], data: C['data'], actor: Actor = staff): C {
  return { type, data, context: { actor, now } } as C;
}

const started: MatchRoundEvent = {
  type: 'MatchRoundStarted',
  data: {
    roundId: 'round-1',
    campaignId: 'campaign-1',
    topK: 2,
    capacityPerVendor: 1,
    needIds: ['need-a', 'need-b'],
    startedBy: 'staff-1',
    at,
  },
};

const rec = (solutionId: string, vendorId: string, score = 0.8) => ({ solutionId, vendorId, score });
const needA: NeedRecommendations = {
  needId: 'need-a',
  recommendations: [rec('s1', 'v1'), rec('s2', 'v2', 0.7)],
};
const needB: NeedRecommendations = { needId: 'need-b', recommendations: [rec('s3', 'v3')] };
const recorded = (...results: NeedRecommendations[]): MatchRoundEvent => ({
  type: 'MatchRoundResultsRecorded',
  data: { results, at },
});
const completed: MatchRoundEvent = {
  type: 'MatchRoundCompleted',
  data: { totalScore: 2.3, greedyScore: 2.3, recommendations: 3, at },
};

describe('match round decider', () => {
  it('starts a round for staff with its parameters and needs, recording who started it', () => {
    spec([])
      .when(
        command('StartMatchRound', {
          roundId: 'round-1',
          campaignId: 'campaign-1',
          topK: 2,
          capacityPerVendor: 1,
          needIds: ['need-a', 'need-b', 'need-a'],
        }),
      )
      .then([started]);
  });

  it('lets only staff start a round, and not over no needs', () => {
    const data = { roundId: 'r', campaignId: 'c', topK: 2, capacityPerVendor: 1, needIds: ['need-a'] };
    spec([])
      .when(command('StartMatchRound', data, vendor))
      .thenThrows('matchRound.staff_only', 403);
    spec([])
      .when(command('StartMatchRound', { ...data, needIds: [] }))
      .thenThrows('matchRound.no_needs', 409);
    spec([started]).when(command('StartMatchRound', data)).thenThrows('matchRound.already_started', 409);
  });

  it('records progress forward only', () => {
    spec([started])
      .when(command('RecordMatchRoundProgress', { done: 1 }))
      .then([{ type: 'MatchRoundProgressed', data: { done: 1, total: 2, at } }]);
    const progressed: MatchRoundEvent = { type: 'MatchRoundProgressed', data: { done: 1, total: 2, at } };
    spec([started, progressed])
      .when(command('RecordMatchRoundProgress', { done: 1 }))
      .then([]);
    spec([started, progressed])
      .when(command('RecordMatchRoundProgress', { done: 0 }))
      .thenThrows('matchRound.invalid_progress');
    spec([started])
      .when(command('RecordMatchRoundProgress', { done: 3 }))
      .thenThrows('matchRound.invalid_progress');
  });

  it('records results that keep the limits', () => {
    spec([started])
      .when(command('RecordMatchRoundResults', { results: [needA] }))
      .then([recorded(needA)]);
  });

  it('refuses results over capacity, over topK, with a vendor twice, for a need outside the round or twice', () => {
    const overCapacity = { needId: 'need-b', recommendations: [rec('s9', 'v1')] };
    spec([started, recorded(needA)])
      .when(command('RecordMatchRoundResults', { results: [overCapacity] }))
      .thenThrows('matchRound.capacity_exceeded', 409);
    const three = { needId: 'need-b', recommendations: [rec('s4', 'v4'), rec('s5', 'v5'), rec('s6', 'v6')] };
    spec([started])
      .when(command('RecordMatchRoundResults', { results: [three] }))
      .thenThrows('matchRound.too_many_recommendations');
    const twice = { needId: 'need-b', recommendations: [rec('s4', 'v4'), rec('s5', 'v4')] };
    spec([started])
      .when(command('RecordMatchRoundResults', { results: [twice] }))
      .thenThrows('matchRound.vendor_repeated');
    const stranger = { needId: 'need-z', recommendations: [] };
    spec([started])
      .when(command('RecordMatchRoundResults', { results: [stranger] }))
      .thenThrows('matchRound.unknown_need');
    spec([started, recorded(needA)])
      .when(command('RecordMatchRoundResults', { results: [needA] }))
      .thenThrows('matchRound.results_recorded');
  });

  it('completes only once every need has its results, with the totals', () => {
    spec([started, recorded(needA)])
      .when(command('CompleteMatchRound', { totalScore: 1.5, greedyScore: 1.5 }))
      .thenThrows('matchRound.results_incomplete', 409);
    spec([started, recorded(needA), recorded(needB)])
      .when(command('CompleteMatchRound', { totalScore: 2.3, greedyScore: 2.3 }))
      .then([completed]);
  });

  it('fails a running round, and nothing after it ended', () => {
    spec([started])
      .when(command('FailMatchRound', { reason: '中断' }))
      .then([{ type: 'MatchRoundFailed', data: { reason: '中断', at } }]);
    spec([started, recorded(needA), recorded(needB), completed])
      .when(command('FailMatchRound', { reason: '中断' }))
      .thenThrows('matchRound.not_running', 409);
    spec([])
      .when(command('RecordMatchRoundProgress', { done: 1 }))
      .thenThrows('matchRound.not_found', 404);
  });

  it('records a recommendation turned into an engagement once, and only one the completed round made', () => {
    const done = [started, recorded(needA), recorded(needB), completed];
    const engaged: MatchRoundEvent = {
      type: 'MatchRecommendationEngaged',
      data: { needId: 'need-a', solutionId: 's2', vendorId: 'v2', engagementId: 'e1', at },
    };
    spec(done)
      .when(
        command('RecordRecommendationEngaged', { needId: 'need-a', solutionId: 's2', engagementId: 'e1' }),
      )
      .then([engaged]);
    spec([...done, engaged])
      .when(
        command('RecordRecommendationEngaged', { needId: 'need-a', solutionId: 's2', engagementId: 'e2' }),
      )
      .thenThrows('matchRound.already_engaged');
    spec(done)
      .when(
        command('RecordRecommendationEngaged', { needId: 'need-a', solutionId: 's3', engagementId: 'e1' }),
      )
      .thenThrows('matchRound.not_recommended');
    spec([started])
      .when(
        command('RecordRecommendationEngaged', { needId: 'need-a', solutionId: 's1', engagementId: 'e1' }),
      )
      .thenThrows('matchRound.not_completed');
    spec(done)
      .when(
        command(
          'RecordRecommendationEngaged',
          { needId: 'need-a', solutionId: 's1', engagementId: 'e1' },
          vendor,
        ),
      )
      .thenThrows('matchRound.staff_only', 403);
  });
});
