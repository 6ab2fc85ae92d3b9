import { z } from 'zod';
import type { Command } from '../shared/decider.js';
import { idSchema } from '../shared/fields.js';

export const PANEL_MAX = 15;

/** PUT /api/v1/needs/:id/panel and the need page's 评审专家组 form: the whole panel, in order. */
export const setPanelInput = z.strictObject({
  expertIds: z
    .array(idSchema, { error: '评审专家须为列表' })
    .min(1, '请至少选择1位评审专家')
    .max(PANEL_MAX, `评审专家最多${PANEL_MAX}位`)
    .refine((ids) => new Set(ids).size === ids.length, '评审专家不能重复'),
});
export type SetPanelInput = z.output<typeof setPanelInput>;

/** The need as the service found it. */
export interface PanelNeedFact {
  id: string;
  status: string;
  criteriaCount: number;
}

/** Each named account as the service found it (`role` null when there is no such account). */
export interface PanelExpertFact {
  id: string;
  role: string | null;
  active: boolean;
}

export type SetPanel = Command<
  'SetPanel',
  { need: PanelNeedFact; expertIds: string[]; experts: PanelExpertFact[] }
>;

export type PanelCommand = SetPanel;
