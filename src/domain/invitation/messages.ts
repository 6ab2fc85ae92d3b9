import { errorCatalog } from '../shared/error-catalog.js';

export const invitationError = errorCatalog({
  'invitation.not_need_owner': [403, '只有发布该需求的需求方可以邀请服务商揭榜'],
  'invitation.need_not_published': [409, '需求未发布或已关闭，不能邀请服务商揭榜'],
  'invitation.solution_not_found': [404, '未找到要邀请的解决方案'],
  'invitation.solution_not_published': [409, '该方案未发布，不能据此邀请服务商'],
  'invitation.own_solution': [409, '不能邀请本机构的方案'],
  'invitation.vendor_not_verified': [409, '该服务商机构未通过认证或已被暂停，不能邀请'],
  'invitation.vendor_engaged': [409, '该服务商已在此需求上揭榜或被推荐，无需再邀请'],
  'invitation.already_open': [409, '已邀请该服务商揭榜此需求，请等待对方揭榜'],
  'invitation.not_vendor': [403, '只有被邀请的服务商揭榜时才能接受邀请'],
});
