import { z } from 'zod';
import type { OrganizationFacts } from '../organization/state.js';
import type { CampaignFacts } from '../shared/campaign-facts.js';
import type { Command } from '../shared/decider.js';
import { idSchema, multilineText, reasonSchema, taxonomyCodes, text } from '../shared/fields.js';
import { wanRangeSchema } from '../shared/money.js';

const solutionFieldShape = {
  title: text('标题', { min: 4, max: 60 }),
  description: multilineText('方案介绍', { min: 20, max: 3000 }),
  industries: taxonomyCodes('industry', { min: 1, max: 8 }),
  scenarioTypes: taxonomyCodes('scenarioType', { min: 1, max: 10 }),
  technologies: taxonomyCodes('technology', { min: 1, max: 8 }),
  regionsServed: taxonomyCodes('city', { min: 1, max: 16 }, true),
  priceWan: wanRangeSchema,
  deployment: z.enum(['saas', 'on-premise', 'hybrid'], {
    error: '请选择部署方式：SaaS 云服务、本地部署或混合部署',
  }),
};

/** POST /api/v1/solutions. */
export const solutionFieldsSchema = z.strictObject({
  ...solutionFieldShape,
  campaignId: idSchema.optional(),
});
export type SolutionFields = z.output<typeof solutionFieldsSchema>;

/** PATCH /api/v1/solutions/:id: any subset of the fields; `campaignId: null` leaves the campaign. */
export const solutionChangesSchema = z
  .strictObject({ ...solutionFieldShape, campaignId: idSchema.nullable() })
  .partial();
export type SolutionChanges = z.output<typeof solutionChangesSchema>;

export const rejectSolutionSchema = reasonSchema;

/** Commands carry input the service has parsed with the schemas above: the decider does not parse it again. */
export type CreateSolution = Command<
  'CreateSolution',
  { solutionId: string; fields: SolutionFields; org: OrganizationFacts }
>;
export type UpdateSolution = Command<'UpdateSolution', { solutionId: string; changes: SolutionChanges }>;
/** `org` is the vendor now; `campaign` the campaign the solution names, null when it names none. */
export type SubmitSolution = Command<
  'SubmitSolution',
  { solutionId: string; org: OrganizationFacts; campaign: CampaignFacts | null }
>;
export type ApproveSolution = Command<'ApproveSolution', { solutionId: string }>;
export type RejectSolution = Command<'RejectSolution', { solutionId: string; reason: string }>;
export type RetireSolution = Command<'RetireSolution', { solutionId: string }>;

export type SolutionCommand =
  | CreateSolution
  | UpdateSolution
  | SubmitSolution
  | ApproveSolution
  | RejectSolution
  | RetireSolution;
