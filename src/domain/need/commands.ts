import { z } from 'zod';
import type { OrganizationFacts } from '../organization/state.js';
import type { CampaignFacts } from '../shared/campaign-facts.js';
import type { Command } from '../shared/decider.js';
import {
  chosenId,
  contactSchema,
  dateSchema,
  idSchema,
  multilineText,
  reasonSchema,
  taxonomyCode,
  taxonomyCodes,
  text,
} from '../shared/fields.js';
import { wanRangeSchema } from '../shared/money.js';
import { criteriaSchema } from './criteria.js';

const needFieldShape = {
  title: text('标题', { min: 4, max: 60 }),
  description: multilineText('需求描述', { min: 20, max: 3000 }),
  industry: taxonomyCode('industry'),
  scenarioType: taxonomyCode('scenarioType'),
  technologies: taxonomyCodes('technology', { min: 0, max: 8 }),
  city: taxonomyCode('city'),
  budgetWan: wanRangeSchema,
};

/** A month count typed into a form arrives as a number; anything else is refused in the form's words. */
const periodMonthsSchema = z
  .number({ error: '实施周期须为数字（月）' })
  .int('实施周期须为整数个月')
  .min(1, '实施周期须为1到120个月')
  .max(120, '实施周期须为1到120个月');

/** 赛马: how many vendors may run pilots side by side, 2 to 10. */
const raceSchema = z.strictObject(
  {
    maxParallel: z
      .number({ error: '并行试点数须为数字' })
      .int('并行试点数须为整数')
      .min(2, '并行试点数须为2到10家')
      .max(10, '并行试点数须为2到10家'),
  },
  { error: '赛马设置须包含并行试点数' },
);

/** The brief (揭榜挂帅): the parts of a need beside its description, each optional. */
const needBriefShape = {
  problem: multilineText('现状与痛点', { min: 2, max: 2000 }),
  goals: multilineText('建设目标', { min: 2, max: 2000 }),
  requirements: multilineText('技术要求', { min: 2, max: 2000 }),
  acceptanceCriteria: z
    .array(text('验收指标', { min: 2, max: 200 }), { error: '验收指标须为一条条文字' })
    .max(20, '验收指标最多填写20条'),
  periodMonths: periodMonthsSchema,
};

/** POST /api/v1/needs. Without `contact` the need shows the organization's contact. */
export const needFieldsSchema = z.strictObject({
  ...needFieldShape,
  technologies: needFieldShape.technologies.default([]),
  ...z.strictObject(needBriefShape).partial().shape,
  deadline: dateSchema.optional(),
  campaignId: idSchema.optional(),
  contact: contactSchema.optional(),
  criteria: criteriaSchema.optional(),
  race: raceSchema.optional(),
});
export type NeedFields = z.output<typeof needFieldsSchema>;

/**
 * PATCH /api/v1/needs/:id: any subset of the fields; `null` clears the deadline, a part of the brief, or
 * leaves the campaign; `[]` clears the acceptance criteria or the evaluation criteria.
 */
export const needChangesSchema = z
  .strictObject({
    ...needFieldShape,
    problem: needBriefShape.problem.nullable(),
    goals: needBriefShape.goals.nullable(),
    requirements: needBriefShape.requirements.nullable(),
    acceptanceCriteria: needBriefShape.acceptanceCriteria,
    periodMonths: needBriefShape.periodMonths.nullable(),
    deadline: dateSchema.nullable(),
    campaignId: idSchema.nullable(),
    contact: contactSchema,
    criteria: criteriaSchema,
    race: raceSchema.nullable(),
  })
  .partial();
export type NeedChanges = z.output<typeof needChangesSchema>;

/** A part of a draft as typed so far: any length up to what the field could ever hold. */
const draftText = (label: string, max: number) =>
  z
    .string({ error: `${label}须为文字` })
    .max(max, `${label}最多${max}个字`)
    .nullable()
    .optional();

/**
 * POST /api/v1/needs/assess: a draft as the author has typed it so far. Only the shapes are checked (the
 * guidance is about what is missing, so a half-written part is no error); other fields of a need body
 * (contact, deadline, campaign) may come along and are ignored.
 */
export const needDraftSchema = z.object({
  title: draftText('标题', 60),
  description: draftText('需求描述', 3000),
  technologies: z
    .array(z.string(), { error: '涉及技术须为一组技术' })
    .max(8, '涉及技术最多选择8项')
    .nullable()
    .optional(),
  budgetWan: z
    .object({
      min: z.number({ error: '金额须为数字（万元）' }).nullable().optional(),
      max: z.number({ error: '金额须为数字（万元）' }).nullable().optional(),
    })
    .nullable()
    .optional(),
  problem: draftText('现状与痛点', 2000),
  goals: draftText('建设目标', 2000),
  requirements: draftText('技术要求', 2000),
  acceptanceCriteria: z
    .array(z.string().max(200, '每条验收指标最多200个字'), { error: '验收指标须为一条条文字' })
    .max(20, '验收指标最多填写20条')
    .nullable()
    .optional(),
  periodMonths: z.number({ error: '实施周期须为数字（月）' }).nullable().optional(),
});
export type NeedDraftInput = z.output<typeof needDraftSchema>;

export const rejectNeedSchema = reasonSchema;

/** POST /api/v1/needs/:id/select: the pilot the demander selects from its race. */
export const selectPilotInput = z.strictObject({ engagementId: chosenId('入选的试点对接') });
export type SelectPilotInput = z.output<typeof selectPilotInput>;

/** Commands carry input the service has parsed with the schemas above: the decider does not parse it again. */
export type CreateNeed = Command<
  'CreateNeed',
  { needId: string; fields: NeedFields; org: OrganizationFacts }
>;
export type UpdateNeed = Command<'UpdateNeed', { needId: string; changes: NeedChanges }>;
/** `org` is the owner organization now; `campaign` the campaign the need names, null when it names none. */
export type SubmitNeed = Command<
  'SubmitNeed',
  { needId: string; org: OrganizationFacts; campaign: CampaignFacts | null }
>;
export type ApproveNeed = Command<'ApproveNeed', { needId: string }>;
export type RejectNeed = Command<'RejectNeed', { needId: string; reason: string }>;
export type WithdrawNeed = Command<'WithdrawNeed', { needId: string }>;
export type ExpireNeed = Command<'ExpireNeed', { needId: string }>;
export type PublishNeed = Command<'PublishNeed', { needId: string; campaignId: string; listVersion: number }>;
export type MarkNeedInProgress = Command<'MarkNeedInProgress', { needId: string; engagementId: string }>;
export type MarkNeedFulfilled = Command<'MarkNeedFulfilled', { needId: string; engagementId: string }>;
/** Issued by the engagement service when an engagement is signed under the need's race. */
export type RecordPilot = Command<'RecordPilot', { needId: string; engagementId: string }>;
export type SelectPilot = Command<'SelectPilot', { needId: string; engagementId: string }>;

export type NeedCommand =
  | CreateNeed
  | UpdateNeed
  | SubmitNeed
  | ApproveNeed
  | RejectNeed
  | WithdrawNeed
  | ExpireNeed
  | PublishNeed
  | MarkNeedInProgress
  | MarkNeedFulfilled
  | RecordPilot
  | SelectPilot;
