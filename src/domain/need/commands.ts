import { z } from 'zod';
import type { OrganizationFacts } from '../organization/state.js';
import type { CampaignFacts } from '../shared/campaign-facts.js';
import type { Command } from '../shared/decider.js';
import {
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

const needFieldShape = {
  title: text('标题', { min: 4, max: 60 }),
  description: multilineText('需求描述', { min: 20, max: 3000 }),
  industry: taxonomyCode('industry'),
  scenarioType: taxonomyCode('scenarioType'),
  technologies: taxonomyCodes('technology', { min: 0, max: 8 }),
  city: taxonomyCode('city'),
  budgetWan: wanRangeSchema,
};

/** POST /api/v1/needs. Without `contact` the need shows the organization's contact. */
export const needFieldsSchema = z.strictObject({
  ...needFieldShape,
  technologies: needFieldShape.technologies.default([]),
  deadline: dateSchema.optional(),
  campaignId: idSchema.optional(),
  contact: contactSchema.optional(),
});
export type NeedFields = z.output<typeof needFieldsSchema>;

/** PATCH /api/v1/needs/:id: any subset of the fields; `null` clears the deadline or leaves the campaign. */
export const needChangesSchema = z
  .strictObject({
    ...needFieldShape,
    deadline: dateSchema.nullable(),
    campaignId: idSchema.nullable(),
    contact: contactSchema,
  })
  .partial();
export type NeedChanges = z.output<typeof needChangesSchema>;

export const rejectNeedSchema = reasonSchema;

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
  | MarkNeedFulfilled;
