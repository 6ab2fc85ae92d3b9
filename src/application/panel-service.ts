import { setPanelInput } from '../domain/panel/commands.js';
import { panelDecider } from '../domain/panel/decider.js';
import type { Panel } from '../domain/panel/state.js';
import { panelStream } from '../domain/panel/stream.js';
import { parseInput } from '../domain/shared/validation.js';
import { userDecider } from '../domain/user/decider.js';
import { userStream } from '../domain/user/stream.js';
import { handleCommand, readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import { getNeed } from './need-service.js';
import { requireStaffDuty } from './staff-duties.js';
import { requireScopeFor } from './staff-scope.js';

/** A panel member as staff and the page show them. */
export interface PanelMember {
  id: string;
  username: string;
  name: string | null;
}

export interface PanelResult {
  panel: Panel;
  position: bigint | null;
}

/** The need's panel now; empty when staff have named none. */
export async function getPanel(deps: AppDeps, needId: string): Promise<Panel> {
  const { state } = await readEntity(deps.store, panelStream(needId), panelDecider);
  return { ...state, needId };
}

/** The panel's experts with their names, for staff. */
export async function panelMembers(deps: AppDeps, panel: Panel): Promise<PanelMember[]> {
  return Promise.all(
    panel.expertIds.map(async (id) => {
      const { state } = await readEntity(deps.store, userStream(id), userDecider);
      return { id, username: state.username, name: state.name };
    }),
  );
}

/**
 * PUT /api/v1/needs/:id/panel (staff covering the need's city): names the need's whole panel. Each named
 * account is read here so that the decider can refuse one that is not an active expert.
 */
export async function setPanel(
  deps: AppDeps,
  ctx: RequestContext,
  needId: string,
  input: unknown,
): Promise<PanelResult> {
  const { expertIds } = parseInput(setPanelInput, input);
  const { state: need } = await getNeed(deps, needId);
  await requireScopeFor(deps, ctx, need.city);
  await requireStaffDuty(deps, ctx, 'business', '设置评审专家组');
  const experts = await Promise.all(
    expertIds.map(async (id) => {
      const { state, revision } = await readEntity(deps.store, userStream(id), userDecider);
      return { id, role: revision === null ? null : state.role, active: state.status === 'active' };
    }),
  );
  const now = deps.clock();
  const handled = await handleCommand(
    deps.store,
    panelStream(needId),
    panelDecider,
    {
      type: 'SetPanel',
      data: {
        need: { id: needId, status: need.status, criteriaCount: need.criteria.length },
        expertIds,
        experts,
      },
      context: { actor: ctx.actor, now },
    },
    { metadata: eventMetadata(ctx, now) },
  );
  if (handled.position !== null) deps.logger.info({ needId, experts: expertIds.length }, 'review panel set');
  return { panel: { ...handled.state, needId }, position: handled.position };
}
