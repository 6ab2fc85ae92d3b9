import { describe, it } from 'vitest';
import type { PanelCommand, SetPanel } from '../../../src/domain/panel/commands.js';
import { panelDecider } from '../../../src/domain/panel/decider.js';
import type { PanelEvent } from '../../../src/domain/panel/events.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(panelDecider);

const NEED = '01900000-0000-7000-8000-00000000a001';
const A = '01900000-0000-7000-8000-0000000000a1';
const B = '01900000-0000-7000-8000-0000000000b1';
const staff: Actor = { userId: 'u-staff', orgId: null, role: 'staff' };
const now = new Date('2025-03-01T08:00:00.000Z');
const at = now.toISOString();
const need = { id: NEED, status: 'published', criteriaCount: 2 };
const experts = [
  { id: A, role: 'expert', active: true },
  { id: B, role: 'expert', active: true },
];

function setPanel(data: Partial<SetPanel['data']> = {}, actor: Actor = staff): PanelCommand {
  return { type: 'SetPanel', data: { need, expertIds: [A], experts, ...data }, context: { actor, now } };
}
const panelSet = (expertIds: string[], added: string[]): PanelEvent => ({
  type: 'NeedPanelSet',
  data: { needId: NEED, expertIds, added, at },
});

describe('SetPanel', () => {
  it('names the panel of a published need', () =>
    spec([])
      .when(setPanel())
      .then([panelSet([A], [A])]));
  it('replaces the panel, naming who was added', () =>
    spec([panelSet([A], [A])])
      .when(setPanel({ expertIds: [A, B] }))
      .then([panelSet([A, B], [B])]));
  it('changes nothing when the panel is the same', () =>
    spec([panelSet([A], [A])])
      .when(setPanel())
      .then([]));
  it('is open to an approved need', () =>
    spec([])
      .when(setPanel({ need: { ...need, status: 'approved' } }))
      .then([panelSet([A], [A])]));
  for (const role of ['demander', 'vendor', 'expert', 'anonymous'] as const) {
    it(`is refused to ${role}`, () =>
      spec([])
        .when(setPanel({}, { userId: 'u', orgId: null, role }))
        .thenThrows('panel.staff_only', 403));
  }
  for (const status of ['draft', 'submitted', 'rejected', 'in_progress', 'fulfilled', 'closed']) {
    it(`is refused on a ${status} need`, () =>
      spec([])
        .when(setPanel({ need: { ...need, status } }))
        .thenThrows('panel.need_not_open', 409));
  }
  it('is refused on a need without criteria', () =>
    spec([])
      .when(setPanel({ need: { ...need, criteriaCount: 0 } }))
      .thenThrows('panel.no_criteria', 409));
  it('refuses an account that is not an active expert', () => {
    spec([])
      .when(setPanel({ experts: [{ id: A, role: 'staff', active: true }] }))
      .thenThrows('panel.not_expert', 422);
    spec([])
      .when(setPanel({ experts: [{ id: A, role: 'expert', active: false }] }))
      .thenThrows('panel.not_expert', 422);
    spec([])
      .when(setPanel({ experts: [{ id: A, role: null, active: false }] }))
      .thenThrows('panel.not_expert', 422);
  });
});
