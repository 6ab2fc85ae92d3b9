/**
 * What the security log records (等保 audit): sign-ins and their failures, locks, sign-outs, password
 * changes, changes to staff accounts and their duties, a 安全管理员 unlocking an account or resetting an
 * authenticator, exports, and every look at a demander's contact by
 * someone outside the demander's organization.
 */
export const SECURITY_EVENT_KINDS = [
  'sign_in_succeeded',
  'sign_in_failed',
  'account_locked',
  'signed_out',
  'password_changed',
  'staff_created',
  'duties_changed',
  'user_disabled',
  'user_enabled',
  'account_unlocked',
  'second_factor_reset',
  'data_exported',
  'contact_viewed',
] as const;

export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export const securityEventLabels: Record<SecurityEventKind, string> = {
  sign_in_succeeded: '登录成功',
  sign_in_failed: '登录失败',
  account_locked: '账号锁定',
  signed_out: '退出登录',
  password_changed: '修改密码',
  staff_created: '创建工作人员账号',
  duties_changed: '调整职责',
  user_disabled: '停用账号',
  user_enabled: '启用账号',
  account_unlocked: '解除账号锁定',
  second_factor_reset: '重置身份验证器',
  data_exported: '导出数据',
  contact_viewed: '查看需求方联系方式',
};
