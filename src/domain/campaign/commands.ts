import { z } from 'zod';
import type { Command } from '../shared/decider.js';
import { idSchema, multilineText, text } from '../shared/fields.js';
import { type Scope, scopeSchema } from '../shared/scope.js';
import type { CampaignKind, ItemKind, NeedListItem, SolutionListItem } from './events.js';
import { campaignFieldMessages } from './messages.js';

/** POST /api/v1/campaigns. The window is [opensAt, closesAt): submissions at closesAt are late. */
export const openCampaignInput = z.strictObject({
  title: text('标题', { min: 4, max: 60 }),
  kind: z.enum(['needs', 'solutions', 'both'], campaignFieldMessages.kind),
  opensAt: z.iso.datetime({ offset: true, error: campaignFieldMessages.opensAt }),
  closesAt: z.iso.datetime({ offset: true, error: campaignFieldMessages.closesAt }),
  /** The province's or one city's campaign; without it, the opener's own scope. */
  scope: scopeSchema.optional(),
});
export type OpenCampaignInput = z.output<typeof openCampaignInput>;

export const enterCampaignItemInput = z.strictObject({
  itemKind: z.enum(['need', 'solution'], campaignFieldMessages.itemKind),
  itemId: idSchema,
});
export type EnterCampaignItemInput = z.output<typeof enterCampaignItemInput>;

/** POST /api/v1/campaigns/:id/publish. A correction (any publication after the first) must say what changed. */
export const publishCampaignListInput = z.strictObject({
  note: multilineText('更正说明', { min: 2, max: 500 }).optional(),
});
export type PublishCampaignListInput = z.output<typeof publishCampaignListInput>;

/** GET /api/v1/campaigns/:id/list?kind=&version= (the latest version when none is named). */
export const campaignListQuery = z.object({
  kind: z.enum(['needs', 'solutions'], campaignFieldMessages.listKind),
  version: z.coerce
    .number(campaignFieldMessages.version)
    .int(campaignFieldMessages.version)
    .min(1)
    .optional(),
});

/** An entered item as it stands now, loaded by the service: the decider picks the approved ones. */
export type NeedCandidate = Omit<NeedListItem, 'seq'> & { status: string; campaignId: string | null };
export type SolutionCandidate = Omit<SolutionListItem, 'seq'> & { status: string; campaignId: string | null };

export type OpenCampaign = Command<
  'OpenCampaign',
  { campaignId: string; title: string; kind: CampaignKind; opensAt: string; closesAt: string; scope: Scope }
>;
export type EnterCampaignItem = Command<'EnterCampaignItem', { itemKind: ItemKind; itemId: string }>;
export type CloseCampaign = Command<'CloseCampaign', Record<string, never>>;
export type PublishCampaignList = Command<
  'PublishCampaignList',
  { note: string | null; candidates: { needs: NeedCandidate[]; solutions: SolutionCandidate[] } }
>;

export type CampaignCommand = OpenCampaign | EnterCampaignItem | CloseCampaign | PublishCampaignList;
