/**
 * 云速配 match rounds over a campaign: started by staff, run in the background of the process that started
 * them, recorded as events on `match-round-<id>` (who started it and with which parameters, progress, the
 * recommendations, the totals): a round is browsed and audited from its stream alone, and re-running it with
 * the parameters its start recorded (needs, limits, the moment it scored as of) on the same read model gives
 * the same recommendations.
 *
 * A process that dies mid-round leaves its round `running` with no runner. Rounds are not resumed (the read
 * model may have moved on, so a resumed round would mix two states of the marketplace): a running round that
 * no runner in this process owns and whose stream has not moved for `staleAfterMs` is marked failed
 * (interrupted) when it is next read, and staff start a new one. Runners record progress at least every
 * `progressEvery` needs and every few seconds, well inside that window.
 */
import type { z } from 'zod';
import type { EngagementState } from '../domain/engagement/state.js';
import type { StartMatchRoundInput } from '../domain/match-round/commands.js';
import {
  engageRecommendationInput,
  type MatchRoundCommand,
  startMatchRoundInput,
} from '../domain/match-round/commands.js';
import { matchRoundDecider } from '../domain/match-round/decider.js';
import { matchRoundError } from '../domain/match-round/messages.js';
import type { MatchRoundState } from '../domain/match-round/state.js';
import { parseInput } from '../domain/shared/validation.js';
import { defaultMatchingConfig, type MatchingConfig } from '../matching/config.js';
import type { MatchRoundDocument } from '../projections/match-rounds-projection.js';
import type { ProjectionStatus } from '../projections/status.js';
import type { SearchIndex } from '../search/port.js';
import { getCampaign, publishedNeedsOf, requireCampaignInScope } from './campaign-service.js';
import { handleCommand, readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import { recommendSolution } from './engagement-service.js';
import type { CommandResult, EntityRead } from './entity-result.js';
import { commandResult, readExisting } from './entity-result.js';
import { latestPosition } from './follow-up.js';
import { planMatchRound, type RoundPlan } from './match-round-plan.js';
import type { MatchingService } from './matching-service.js';
import { listMatchRounds, type MatchRoundListQuery } from './queries/match-rounds-query.js';
import type { ListPage } from './queries/params.js';

export const matchRoundStream = (roundId: string) => `match-round-${roundId}`;

export interface MatchRoundServiceOptions {
  app: AppDeps;
  search: SearchIndex;
  matching: MatchingService;
  config?: MatchingConfig;
  /** Progress is recorded at least every this many needs (and every 2 seconds). */
  progressEvery?: number;
  /** Needs per results event: keeps every append of a large round small. */
  resultsPerEvent?: number;
  /** How long a running round no runner owns may stay still before it is taken as interrupted. */
  staleAfterMs?: number;
  /** How far the read model has caught up: a round scores only once it holds the facts the round started on. */
  projections: Pick<ProjectionStatus, 'waitFor'>;
  /** How long a runner waits for the read model to catch up before it fails the round. */
  catchUpTimeoutMs?: number;
}

export interface MatchRoundService {
  /** POST /campaigns/:id/match-rounds (staff): records the start and runs the round in the background. */
  start(
    ctx: RequestContext,
    campaignId: string,
    input: z.input<typeof startMatchRoundInput>,
  ): Promise<CommandResult<MatchRoundState>>;
  /** GET /match-rounds/:id (staff): the round as its events tell it. */
  get(ctx: RequestContext, roundId: string): Promise<EntityRead<MatchRoundState>>;
  /** GET /campaigns/:id/match-rounds (staff): the campaign's rounds, newest first, from the read model. */
  list(
    ctx: RequestContext,
    campaignId: string,
    input: MatchRoundListQuery,
  ): Promise<ListPage<MatchRoundDocument>>;
  /** POST /match-rounds/:id/engagements (staff): one recommendation becomes a recommended engagement. */
  engage(
    ctx: RequestContext,
    roundId: string,
    input: z.input<typeof engageRecommendationInput>,
  ): Promise<CommandResult<EngagementState>>;
  /** Resolves once the rounds this process runs have finished. */
  idle(): Promise<void>;
}

const PROGRESS_INTERVAL_MS = 2000;
const INTERRUPTED = '匹配轮次在运行中被中断（服务重启或进程退出），请重新发起匹配';

export function createMatchRoundService(options: MatchRoundServiceOptions): MatchRoundService {
  const { app, search, matching } = options;
  const config = options.config ?? defaultMatchingConfig;
  const progressEvery = options.progressEvery ?? 100;
  const resultsPerEvent = options.resultsPerEvent ?? 200;
  const staleAfterMs = options.staleAfterMs ?? 120_000;
  const catchUpTimeoutMs = options.catchUpTimeoutMs ?? 60_000;
  const running = new Map<string, Promise<void>>();

  const decide = async (
    ctx: RequestContext,
    roundId: string,
    command: (now: Date) => MatchRoundCommand,
    expectedRevision?: 'no_stream',
  ) => {
    const now = app.clock();
    return handleCommand(app.store, matchRoundStream(roundId), matchRoundDecider, command(now), {
      metadata: eventMetadata(ctx, now),
      ...(expectedRevision ? { expectedRevision } : {}),
    });
  };
  const context = (ctx: RequestContext, now: Date) => ({ actor: ctx.actor, now });

  async function record(ctx: RequestContext, roundId: string, plan: RoundPlan): Promise<void> {
    for (let i = 0; i < plan.results.length; i += resultsPerEvent) {
      const results = plan.results.slice(i, i + resultsPerEvent);
      await decide(ctx, roundId, (now) => ({
        type: 'RecordMatchRoundResults',
        data: { results },
        context: context(ctx, now),
      }));
    }
    const { totalScore, greedyScore } = plan;
    await decide(ctx, roundId, (now) => ({
      type: 'CompleteMatchRound',
      data: { totalScore, greedyScore },
      context: context(ctx, now),
    }));
  }

  async function run(ctx: RequestContext, roundId: string, startedAt: bigint | null): Promise<void> {
    const { state } = await readEntity(app.store, matchRoundStream(roundId), matchRoundDecider);
    const total = state.needIds.length;
    let recorded = 0;
    let recordedAt = performance.now();
    const onProgress = async (done: number) => {
      const due = done - recorded >= progressEvery || performance.now() - recordedAt >= PROGRESS_INTERVAL_MS;
      if (!due && done < total) return;
      await decide(ctx, roundId, (now) => ({
        type: 'RecordMatchRoundProgress',
        data: { done },
        context: context(ctx, now),
      }));
      recorded = done;
      recordedAt = performance.now();
    };
    try {
      // The round reads its needs and the solutions from the read model, which may not yet hold the list
      // publication the round was started on.
      if (startedAt !== null && !(await options.projections.waitFor(startedAt, catchUpTimeoutMs))) {
        throw new Error(`搜索索引 ${catchUpTimeoutMs / 1000} 秒内未追上事件库，请稍后重新发起匹配`);
      }
      const plan = await planMatchRound(
        { search, matching },
        {
          needIds: state.needIds,
          topK: state.topK,
          capacityPerVendor: state.capacityPerVendor,
          now: new Date(state.startedAt!),
          settings: config.round,
        },
        onProgress,
      );
      await record(ctx, roundId, plan);
      const gap = plan.totalScore > 0 ? (plan.totalScore - plan.greedyScore) / plan.totalScore : 0;
      app.logger.info(
        {
          roundId,
          campaignId: state.campaignId,
          needs: total,
          closedNeeds: plan.closedNeeds,
          recommendations: plan.recommendations,
          totalScore: plan.totalScore,
          greedyScore: plan.greedyScore,
          greedyGap: Math.round(gap * 10_000) / 10_000,
          scoringMs: Math.round(plan.scoringMs),
          assignmentMs: Math.round(plan.assignmentMs),
        },
        'match round completed',
      );
    } catch (error) {
      app.logger.error({ err: error, roundId }, 'match round failed');
      const reason = `匹配轮次运行失败：${(error as Error).message}`;
      await decide(ctx, roundId, (now) => ({
        type: 'FailMatchRound',
        data: { reason },
        context: context(ctx, now),
      })).catch((failure: unknown) =>
        app.logger.error({ err: failure, roundId }, 'match round failure not recorded'),
      );
    }
  }

  function launch(ctx: RequestContext, roundId: string, startedAt: bigint | null): void {
    const runner = run(ctx, roundId, startedAt)
      .catch((error: unknown) => app.logger.error({ err: error, roundId }, 'match round runner stopped'))
      .finally(() => running.delete(roundId));
    running.set(roundId, runner);
  }

  function requireStaff(ctx: RequestContext): void {
    if (ctx.actor.role !== 'staff') throw matchRoundError('matchRound.staff_only');
  }

  /** Staff run and browse the rounds of their own city's campaigns (province staff all). */
  async function campaignInScope(ctx: RequestContext, campaignId: string) {
    const { state: campaign } = await getCampaign(app, campaignId);
    await requireCampaignInScope(app, ctx, campaign);
    return campaign;
  }

  async function get(ctx: RequestContext, roundId: string): Promise<EntityRead<MatchRoundState>> {
    requireStaff(ctx);
    const stream = matchRoundStream(roundId);
    const read = await readExisting(app.store, 'matchRound', stream, roundId, matchRoundDecider);
    await campaignInScope(ctx, read.state.campaignId);
    const { status, updatedAt } = read.state;
    const stale = app.clock().getTime() - Date.parse(updatedAt ?? '') > staleAfterMs;
    if (status !== 'running' || running.has(roundId) || !stale) return read;
    app.logger.warn({ roundId, updatedAt }, 'match round interrupted; marking it failed');
    const failed = await decide(ctx, roundId, (now) => ({
      type: 'FailMatchRound',
      data: { reason: INTERRUPTED },
      context: context(ctx, now),
    }));
    return { id: roundId, state: failed.state, revision: failed.revision! };
  }

  return {
    async start(ctx, campaignId, input) {
      requireStaff(ctx);
      const { topK, capacityPerVendor }: StartMatchRoundInput = parseInput(startMatchRoundInput, input);
      const campaign = await campaignInScope(ctx, campaignId);
      const needIds = await publishedNeedsOf(app, campaign);
      const roundId = app.newId();
      const handled = await decide(
        ctx,
        roundId,
        (now) => ({
          type: 'StartMatchRound',
          data: { roundId, campaignId, topK, capacityPerVendor, needIds },
          context: context(ctx, now),
        }),
        'no_stream',
      );
      launch(ctx, roundId, handled.position);
      return commandResult(app.store, matchRoundStream(roundId), roundId, handled);
    },

    get,

    async list(ctx, campaignId, input) {
      requireStaff(ctx);
      await campaignInScope(ctx, campaignId);
      return listMatchRounds(search, campaignId, input);
    },

    async engage(ctx, roundId, input) {
      const { needId, solutionId } = parseInput(engageRecommendationInput, input);
      const round = await get(ctx, roundId);
      // Decided once without the engagement, so that an illegal request creates nothing.
      matchRoundDecider.decide(
        {
          type: 'RecordRecommendationEngaged',
          data: { needId, solutionId, engagementId: '' },
          context: context(ctx, app.clock()),
        },
        round.state,
      );
      const engagement = await recommendSolution(app, ctx, needId, { solutionId });
      const recorded = await decide(ctx, roundId, (now) => ({
        type: 'RecordRecommendationEngaged',
        data: { needId, solutionId, engagementId: engagement.id },
        context: context(ctx, now),
      }));
      return {
        ...engagement,
        position: latestPosition(engagement.position, recorded.position) ?? engagement.position,
      };
    },

    async idle() {
      while (running.size > 0) await Promise.all([...running.values()]);
    },
  };
}
