import { errorCatalog } from '../../domain/shared/error-catalog.js';

export const historyError = errorCatalog({
  'history.forbidden': [403, '只有平台工作人员和所属机构可以查看这条历史记录'],
  'activity.staff_only': [403, '只有平台工作人员可以查看平台动态'],
});

export const activityMessages = {
  kind: (allowed: readonly string[]) => `类别须为以下之一：${allowed.join('、')}`,
  date: '日期须为 年-月-日 格式，如 2025-03-01',
  range: '开始日期不能晚于结束日期',
} as const;
