import { errorCatalog } from '../shared/error-catalog.js';

export const organizationError = errorCatalog({
  'organization.already_registered': [409, '该机构已注册'],
  'organization.uscc_taken': [409, '该统一社会信用代码已被其他机构注册'],
  'organization.staff_only': [403, '只有平台工作人员可以审核或暂停机构'],
  'organization.forbidden': [403, '只能修改本机构的资料'],
  'organization.suspended': [403, '机构已被暂停，请联系平台工作人员'],
  'organization.not_pending': [409, '机构已被暂停，请使用恢复操作'],
  'organization.not_verified': [409, '只有已认证的机构可以被暂停'],
  'organization.not_suspended': [409, '机构未被暂停，无需恢复'],
  'organization.cancelled': [409, '机构已注销'],
  'organization.members_left': [409, '机构还有其他正常使用的账号，不能注销机构'],
  'organization.policies_outdated': [422, '《隐私政策》或《用户协议》已更新，请阅读最新版本后重新勾选同意'],
});
