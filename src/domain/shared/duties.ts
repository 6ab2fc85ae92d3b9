import { z } from 'zod';

/**
 * 三员分立: what a staff account may do besides holding the staff role. `accounts` (系统管理员) creates
 * accounts and sets roles, scopes and duties; `security` (安全管理员) handles security settings; `audit`
 * (审计管理员) reads the security log and nothing else; `business` covers reviews, campaigns and matching.
 * Staff registered before duties existed hold every duty but `audit`.
 */
export type Duty = 'accounts' | 'security' | 'audit' | 'business';

export const DUTIES = ['accounts', 'security', 'audit', 'business'] as const satisfies readonly Duty[];

export const dutyLabels: Record<Duty, string> = {
  accounts: '系统管理员',
  security: '安全管理员',
  audit: '审计管理员',
  business: '业务人员',
};

export const DUTIES_BEFORE_SEPARATION: readonly Duty[] = ['accounts', 'security', 'business'];

/** A staff account's duties as a form or a body names them: each a known duty (the rules are the decider's). */
export const dutiesSchema = z
  .array(z.enum(DUTIES, { error: '职责须为系统管理员、安全管理员、审计管理员或业务人员' }), {
    error: '请选择职责',
  })
  .max(DUTIES.length, '职责过多')
  .meta({
    description: '职责：accounts 系统管理员，security 安全管理员，audit 审计管理员，business 业务人员',
  });

/** Each duty once, in the order of DUTIES: how a set of duties is stored and compared. */
export function orderedDuties(duties: readonly Duty[]): Duty[] {
  return DUTIES.filter((duty) => duties.includes(duty));
}

/** 系统管理员、业务人员: how a set of duties reads in a sentence. */
export function dutiesLabel(duties: readonly Duty[]): string {
  return orderedDuties(duties)
    .map((duty) => dutyLabels[duty])
    .join('、');
}
