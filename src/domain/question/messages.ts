import { errorCatalog } from '../shared/error-catalog.js';

export const questionError = errorCatalog({
  'question.not_vendor': [403, '只有服务商可以就需求提问'],
  'question.vendor_not_verified': [403, '服务商机构通过认证后才能提问'],
  'question.need_not_published': [409, '需求未发布或已关闭，不能提问'],
  'question.demander_out_of_market': [409, '需求方机构已被暂停或已注销，暂不能提问'],
  'question.not_need_owner': [403, '只有发布该需求的需求方可以回答提问'],
  'question.not_found': [404, '未找到这个提问'],
  'question.already_answered': [409, '这个提问已经回答过了'],
});
