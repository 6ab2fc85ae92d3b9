import { errorCatalog } from '../shared/error-catalog.js';

export const userError = errorCatalog({
  'user.already_registered': [409, '该用户已存在'],
  'user.username_taken': [409, '用户名已被使用'],
  'user.staff_only': [403, '只有平台工作人员可以管理用户'],
  'user.invalid_membership': [422, '机构用户须属于一个机构，平台工作人员不属于任何机构'],
  'user.cannot_disable_self': [409, '不能停用自己的账号'],
  'user.not_self': [403, '只能修改自己的账号'],
  'user.not_active': [409, '账号已停用'],
  'user.wrong_password': [422, '当前密码不正确'],
  'auth.invalid_credentials': [401, '用户名或密码错误，或账号已停用'],
});
