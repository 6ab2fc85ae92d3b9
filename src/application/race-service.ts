import type { z } from 'zod';
import { engagementDecider } from '../domain/engagement/decider.js';
import { engagementStream } from '../domain/engagement/stream.js';
import { selectPilotInput } from '../domain/need/commands.js';
import { needDecider } from '../domain/need/decider.js';
import type { Need } from '../domain/need/state.js';
import { needStream } from '../domain/need/stream.js';
import { parseInput } from '../domain/shared/validation.js';
import { handleCommand } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import type { CommandResult } from './entity-result.js';
import { commandResult } from './entity-result.js';
import { followUp, latestPosition } from './follow-up.js';

/**
 * Ends every pilot of the race with the outcome of the selection. Each conclusion is harmless to repeat,
 * so selecting the same pilot again finishes what a failed attempt left undone.
 */
async function concludePilots(deps: AppDeps, ctx: RequestContext, need: Need) {
  const selectedEngagementId = need.engagementId;
  if (selectedEngagementId === null) return [];
  const now = deps.clock();
  return Promise.all(
    need.pilots.map(async (engagementId) => {
      const stream = engagementStream(engagementId);
      const concluded = await followUp(deps, { command: 'ConcludePilot', stream }, () =>
        handleCommand(
          deps.store,
          stream,
          engagementDecider,
          { type: 'ConcludePilot', data: { selectedEngagementId }, context: { actor: ctx.actor, now } },
          { metadata: eventMetadata(ctx, now) },
        ),
      );
      return concluded?.position;
    }),
  );
}

/**
 * POST /api/v1/needs/:id/select (赛马, need owner): selects one of the need's signed pilots. The need
 * follows it into implementation; it goes on as a signed engagement and every other pilot ends, not
 * selected.
 */
export async function selectPilot(
  deps: AppDeps,
  ctx: RequestContext,
  needId: string,
  input: z.input<typeof selectPilotInput>,
): Promise<CommandResult<Need>> {
  const { engagementId } = parseInput(selectPilotInput, input);
  const now = deps.clock();
  const stream = needStream(needId);
  const handled = await handleCommand(
    deps.store,
    stream,
    needDecider,
    { type: 'SelectPilot', data: { needId, engagementId }, context: { actor: ctx.actor, now } },
    {
      metadata: eventMetadata(ctx, now),
      ...(ctx.expectedRevision === undefined ? {} : { expectedRevision: ctx.expectedRevision }),
    },
  );
  const result = await commandResult(deps.store, stream, needId, handled);
  const concluded = await concludePilots(deps, ctx, handled.state);
  return { ...result, position: latestPosition(result.position, ...concluded) ?? result.position };
}
