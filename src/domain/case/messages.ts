import { errorCatalog } from '../shared/error-catalog.js';

export const caseError = errorCatalog({
  'case.not_found': [404, '典型案例不存在'],
  'case.staff_only': [403, '只有平台工作人员可以管理典型案例'],
  'case.already_promoted': [409, '该对接已评为典型案例'],
  'case.engagement_not_delivered': [409, '只有已交付的对接可以评为典型案例'],
  'case.engagement_not_rated': [409, '双方都评价之后，对接才能评为典型案例'],
  'case.unknown_city': [422, '未知的城市代码'],
  'case.same_city': [422, '复用城市不能是案例的原城市'],
  'case.already_replicated': [409, '该城市的复用已记录'],
});

/** Messages of the input schemas (commands.ts) that the shared field helpers do not word. */
export const caseFieldMessages = {
  note: '说明不能超过500个字',
} as const;
