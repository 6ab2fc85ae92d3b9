import { z } from 'zod';
import type { Command } from '../shared/decider.js';
import { idSchema, multilineText, text } from '../shared/fields.js';
import { type Scope, scopeSchema } from '../shared/scope.js';
import type { CampaignKind, ItemKind, NeedListItem, SolutionListItem } from './events.js';
import { campaignFieldMessages } from './messages.js';
import type { CampaignState } from './state.js';

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

/**
 * POST /api/v1/campaigns/provincial: a provincial list gathering the published lists of the chosen city
 * campaigns, every one of whose 征集期 ended within the period (a year or a quarter, Beijing time).
 */
export const openProvincialListInput = z.strictObject({
  title: text('标题', { min: 4, max: 60 }),
  kind: z.enum(['needs', 'solutions', 'both'], campaignFieldMessages.kind),
  period: z
    .string(campaignFieldMessages.period)
    .trim()
    .regex(/^\d{4}(Q[1-4])?$/, campaignFieldMessages.period)
    .meta({
      description: '汇总期：年份（如 2026）或季度（如 2026Q1），按征集截止时间（北京时间）',
      example: '2026Q1',
    }),
  campaignIds: z
    .array(idSchema, campaignFieldMessages.campaignIds)
    .min(1, campaignFieldMessages.campaignIds)
    .max(200, campaignFieldMessages.campaignIds)
    .refine((ids) => new Set(ids).size === ids.length, campaignFieldMessages.campaignIdsRepeated),
});
export type OpenProvincialListInput = z.output<typeof openProvincialListInput>;

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

/**
 * A city campaign a provincial list gathers, loaded by the service from its stream; `closingPeriods` are
 * the year and the quarter (Beijing time) its 征集期 ended in.
 */
export type SourceCampaign = Pick<
  CampaignState,
  'id' | 'status' | 'title' | 'kind' | 'scope' | 'gathers' | 'lists'
> & {
  closingPeriods: string[];
};

export type OpenCampaign = Command<
  'OpenCampaign',
  { campaignId: string; title: string; kind: CampaignKind; opensAt: string; closesAt: string; scope: Scope }
>;
export type OpenProvincialList = Command<
  'OpenProvincialList',
  {
    campaignId: string;
    title: string;
    kind: CampaignKind;
    period: string;
    /** The period's bounds: a provincial list's 征集期 is the period it gathers. */
    opensAt: string;
    closesAt: string;
    sources: SourceCampaign[];
  }
>;
export type EnterCampaignItem = Command<'EnterCampaignItem', { itemKind: ItemKind; itemId: string }>;
export type CloseCampaign = Command<'CloseCampaign', Record<string, never>>;
export type PublishCampaignList = Command<
  'PublishCampaignList',
  {
    note: string | null;
    candidates: { needs: NeedCandidate[]; solutions: SolutionCandidate[] };
    /** A provincial list's city campaigns as they stand now; none for any other campaign. */
    sources?: SourceCampaign[];
  }
>;

export type CampaignCommand =
  | OpenCampaign
  | OpenProvincialList
  | EnterCampaignItem
  | CloseCampaign
  | PublishCampaignList;
