import { errorCatalog } from '../shared/error-catalog.js';
import { DomainError } from '../shared/errors.js';

export const userError = errorCatalog({
  'user.already_registered': [409, '该用户已存在'],
  'user.username_taken': [409, '用户名已被使用'],
  'user.staff_only': [403, '只有平台工作人员可以管理用户'],
  'user.invalid_membership': [422, '机构用户须属于一个机构，平台工作人员不属于任何机构'],
  'user.cannot_disable_self': [409, '不能停用自己的账号'],
  'user.not_self': [403, '只能修改自己的账号'],
  'user.not_active': [409, '账号已停用'],
  'user.wrong_password': [422, '当前密码不正确'],
  'user.password_reused': [422, '新密码不能与最近5次使用过的密码相同'],
  'auth.invalid_credentials': [401, '用户名或密码错误，或账号已停用'],
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
