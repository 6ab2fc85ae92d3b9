import { errorCatalog } from '../shared/error-catalog.js';
import { DomainError } from '../shared/errors.js';

export const userError = errorCatalog({
  'user.already_registered': [409, '该用户已存在'],
  'user.username_taken': [409, '用户名已被使用'],
  'user.staff_only': [403, '只有平台工作人员可以管理用户'],
  'user.invalid_membership': [422, '机构用户须属于一个机构，平台工作人员不属于任何机构'],
  'user.expertise_experts_only': [422, '只有评审专家账号填写专业领域与所属机构'],
  'user.cannot_disable_self': [409, '不能停用自己的账号'],
  'user.not_self': [403, '只能修改自己的账号'],
  'user.not_active': [409, '账号已停用'],
  'user.wrong_password': [422, '当前密码不正确'],
  'user.password_reused': [422, '新密码不能与最近5次使用过的密码相同'],
  'auth.invalid_credentials': [401, '用户名或密码错误，或账号已停用'],
  'auth.password_expired': [403, '密码已过期，请修改密码后再登录'],
  'auth.initial_password': [403, '首次登录须修改初始密码，请修改密码后再登录'],
  'auth.second_factor_enrollment_required': [403, '平台工作人员首次登录须绑定身份验证器，请完成绑定后再登录'],
  'auth.second_factor_required': [403, '请填写身份验证器上的6位动态验证码，或一个恢复码'],
  'auth.invalid_second_factor': [401, '动态验证码或恢复码不正确'],
  'auth.totp_code_used': [401, '该动态验证码已使用过，请等身份验证器显示新的验证码后再试'],
  'user.totp_staff_only': [403, '只有平台工作人员绑定身份验证器'],
  'user.totp_already_enrolled': [409, '该账号已绑定身份验证器'],
  'user.cannot_reset_own_second_factor': [409, '不能重置自己的身份验证器，请由另一位安全管理员重置'],
  'user.totp_not_required': [409, '本平台未要求工作人员使用身份验证器'],
  'user.password_not_due': [409, '密码未过期，请登录后在“修改密码”中修改'],
  'user.duties_staff_only': [422, '只有平台工作人员有职责'],
  'user.duties_empty': [422, '请至少选择一项职责'],
  'user.duties_conflict': [422, '系统管理员与审计管理员须由不同的人担任，同一账号不能兼任'],
  'user.cannot_change_own_duties': [409, '不能修改自己的职责，请由另一位系统管理员修改'],
  'user.cancel_staff_only_by_admin': [403, '平台工作人员的账号不能自行注销，请联系系统管理员删除账号'],
  'user.cancelled': [409, '该账号已注销'],
  'user.wrong_totp_code': [422, '动态验证码不正确，请核对身份验证器上的时间和密钥后重试'],
});

/** 北京时间 is UTC+8 all year. */
const CHINA_OFFSET_MS = 8 * 3_600_000;

/**
 * The right password during a lock: only someone who knows it learns that the account is locked, so the
 * lock tells no one else whether a username exists.
 */
export function accountLocked(until: string, now: Date): DomainError {
  const untilMs = Date.parse(until);
  const minutes = Math.max(1, Math.ceil((untilMs - now.getTime()) / 60_000));
  const clock = new Date(untilMs + CHINA_OFFSET_MS).toISOString().slice(11, 16);
  return new DomainError(
    'auth.locked',
    `密码连续输错次数过多，账号已临时锁定，请于${minutes}分钟后（北京时间${clock}以后）再试`,
    401,
    { retryAt: until },
  );
}
