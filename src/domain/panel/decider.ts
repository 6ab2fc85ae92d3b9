import type { Decider } from '../shared/decider.js';
import type { PanelCommand, SetPanel } from './commands.js';
import type { PanelEvent } from './events.js';
import { panelError } from './messages.js';
import { PANEL_NEED_STATUSES, type Panel } from './state.js';

function initialState(): Panel {
  return { needId: '', expertIds: [], setAt: null };
}

function setPanel({ data, context }: SetPanel, state: Panel): PanelEvent[] {
  if (context.actor.role !== 'staff') throw panelError('panel.staff_only');
  if (!PANEL_NEED_STATUSES.has(data.need.status))
    throw panelError('panel.need_not_open', { status: data.need.status });
  if (data.need.criteriaCount === 0) throw panelError('panel.no_criteria');
  const usable = new Set(data.experts.filter((e) => e.role === 'expert' && e.active).map((e) => e.id));
  const refused = data.expertIds.filter((id) => !usable.has(id));
  if (refused.length > 0) throw panelError('panel.not_expert', { expertIds: refused });
  if (JSON.stringify(data.expertIds) === JSON.stringify(state.expertIds)) return [];
  const added = data.expertIds.filter((id) => !state.expertIds.includes(id));
  const at = context.now.toISOString();
  return [{ type: 'NeedPanelSet', data: { needId: data.need.id, expertIds: data.expertIds, added, at } }];
}

function decide(command: PanelCommand, state: Panel): PanelEvent[] {
  return setPanel(command, state);
}

function evolve(_state: Panel, event: PanelEvent): Panel {
  const { needId, expertIds, at } = event.data;
  return { needId, expertIds, setAt: at };
}

export const panelDecider: Decider<Panel, PanelCommand, PanelEvent> = { decide, evolve, initialState };
