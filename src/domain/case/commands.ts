import { z } from 'zod';
import type { Command } from '../shared/decider.js';
import { multilineText, plainText, taxonomyCode, text } from '../shared/fields.js';
import { caseFieldMessages } from './messages.js';

/** POST /api/v1/engagements/:id/promote-case. */
export const promoteCaseInput = z.strictObject({
  summary: multilineText('案例摘要', { min: 10, max: 2000 }),
  /** Defaults to the need's title. */
  title: text('案例标题', { min: 4, max: 60 }).optional(),
});
export type PromoteCaseInput = z.output<typeof promoteCaseInput>;

export const recordCaseReplicationInput = z.strictObject({
  city: taxonomyCode('city'),
  note: z
    .string()
    .trim()
    .max(500, caseFieldMessages.note)
    .refine(...plainText('说明', 'multi'))
    .optional(),
});
export type RecordCaseReplicationInput = z.output<typeof recordCaseReplicationInput>;

/** The engagement and its need as the service read them. */
export interface PromotionFacts {
  engagement: {
    id: string;
    status: string;
    needId: string;
    needOrgId: string;
    solutionId: string;
    vendorId: string;
    amountWan: number | null;
  };
  need: { title: string; city: string; industry: string; scenarioType: string; technologies: string[] };
}

export type PromoteCase = Command<'PromoteCase', PromotionFacts & { summary: string; title: string | null }>;
export type RecordCaseReplication = Command<'RecordCaseReplication', { city: string; note: string | null }>;

export type CaseCommand = PromoteCase | RecordCaseReplication;
