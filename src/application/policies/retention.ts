import type { AppDeps } from '../deps.js';
import { DEFAULT_PRIVACY_CONTACT } from './policies.js';

/** YUNSUPEI_RETENTION_DAYS when unset: three years. */
export const DEFAULT_RETENTION_DAYS = 1095;

/** How long personal data is kept and whom to ask about it, as 我的数据 and the 隐私政策 page show them. */
export interface DataPolicy {
  retentionDays: number;
  /** The personal-information protection contact (YUNSUPEI_PRIVACY_CONTACT). */
  privacyContact: string;
  /** The same, in a sentence for people. */
  notice: string;
}

/**
 * The retention period is the operator's promise, not a timer: the product deletes nothing by itself. What
 * it does itself is 注销: the account's (and its last organization's) personal data becomes unreadable at once.
 */
export function dataPolicy(
  deps: Pick<AppDeps, 'retentionDays'>,
  privacyContact: string | undefined,
): DataPolicy {
  const retentionDays = deps.retentionDays ?? DEFAULT_RETENTION_DAYS;
  return {
    retentionDays,
    privacyContact: privacyContact ?? DEFAULT_PRIVACY_CONTACT,
    notice:
      `个人信息在账号存续期间保存，保存期限为${retentionDays}天（自最后一次使用平台起算），期满由平台运营单位处理；` +
      '本系统不会自行删除任何数据。注销账号后，您的个人信息（及机构最后一个账号注销时机构的联系人信息）立即无法读取，页面显示为“已注销”。',
  };
}
