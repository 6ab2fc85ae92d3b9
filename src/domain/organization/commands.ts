import { z } from 'zod';
import type { Command } from '../shared/decider.js';
import {
  contactSchema,
  plainText,
  reasonSchema,
  taxonomyCode,
  taxonomyCodes,
  text,
} from '../shared/fields.js';
import { isValidUscc } from '../shared/uscc.js';
import { newCredentialsSchema } from '../user/commands.js';
import { type PolicyVersions, policyAcceptanceSchema } from './policy-acceptance.js';

export const usccSchema = z
  .string({ error: '请填写统一社会信用代码' })
  .trim()
  .toUpperCase()
  .regex(/^[0-9A-Z]{18}$/, { error: '统一社会信用代码须为18位数字或大写字母', abort: true })
  .refine(isValidUscc, '统一社会信用代码无效，请核对（校验位不符）');

const descriptionSchema = z
  .string({ error: '机构简介须为文字' })
  .trim()
  .max(500, '机构简介不能超过500个字')
  .refine(...plainText('机构简介', 'multi'));
const qualificationsSchema = taxonomyCodes('qualification', { min: 0, max: 10 });

/** The organization itself, as registration records it. */
export const organizationFieldsSchema = z.strictObject({
  name: text('机构名称', { min: 2, max: 60 }),
  uscc: usccSchema,
  kind: z.enum(['demander', 'vendor'], { error: '请选择机构类型：需求方或服务商' }),
  city: taxonomyCode('city'),
  contact: contactSchema,
  qualifications: qualificationsSchema.default([]),
  description: descriptionSchema.default(''),
});

export type OrganizationFields = z.output<typeof organizationFieldsSchema>;

/**
 * POST /api/v1/orgs: the organization, the account of its first administrator, and the versions of the
 * 隐私政策 and 用户协议 the registrant accepted.
 */
export const organizationRegistrationSchema = organizationFieldsSchema.extend({
  admin: newCredentialsSchema,
  accepted: policyAcceptanceSchema,
});

export const organizationProfileSchema = z
  .strictObject({
    city: taxonomyCode('city'),
    qualifications: qualificationsSchema,
    contact: contactSchema,
    description: descriptionSchema,
  })
  .partial();
export type OrganizationProfile = z.output<typeof organizationProfileSchema>;

export const suspendOrganizationSchema = reasonSchema;

/** Commands carry input the service has parsed with the schemas above: the decider does not parse it again. */
/** `currentPolicies` are the versions in force, which `accepted` must name. */
export type RegisterOrganization = Command<
  'RegisterOrganization',
  { orgId: string; fields: OrganizationFields; accepted: PolicyVersions; currentPolicies: PolicyVersions }
>;
export type VerifyOrganization = Command<'VerifyOrganization', { orgId: string }>;
export type SuspendOrganization = Command<'SuspendOrganization', { orgId: string; reason: string }>;
export type ReinstateOrganization = Command<'ReinstateOrganization', { orgId: string }>;
export type UpdateOrganizationProfile = Command<
  'UpdateOrganizationProfile',
  { orgId: string; profile: OrganizationProfile }
>;

/**
 * 注销 with its last active account: `membersLeft` is how many other active accounts the organization
 * still has (loaded by the service), which must be none.
 */
export type CancelOrganization = Command<'CancelOrganization', { orgId: string; membersLeft: number }>;

export type OrganizationCommand =
  | RegisterOrganization
  | VerifyOrganization
  | SuspendOrganization
  | ReinstateOrganization
  | UpdateOrganizationProfile
  | CancelOrganization;
