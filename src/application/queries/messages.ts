import { errorCatalog } from '../../domain/shared/error-catalog.js';

/** Rejections of the read side (lists, search, profiles, stats). */
export const queryError = errorCatalog({
  'query.sign_in_required': [401, '请先登录后再查看本机构的发布'],
  'query.org_only': [403, '只有机构用户可以查看本机构的发布'],
  'query.staff_only': [403, '只有平台工作人员可以查看机构列表'],
  'vendor.not_found': [404, '未找到该服务商'],
});

/** Texts of the query parameter checks, one per rule a caller can break. */
export const queryMessages = {
  q: '关键词不能超过 200 个字符',
  code: (name: string) => `${name} 须为 1 到 64 个字符的代码`,
  id: (name: string) => `${name} 须为 1 到 64 个字符的编号`,
  page: '页码须为不小于 1 的整数',
  pageSize: (max: number) => `每页条数须为 1 到 ${max} 的整数`,
  pageWindow: (maxHits: number) => `最多只能翻阅前 ${maxHits} 条结果，请缩小筛选范围`,
  sort: (allowed: readonly string[]) => `排序方式须为以下之一：${allowed.join('、')}`,
  status: (allowed: readonly string[]) => `状态须为以下之一：${allowed.join('、')}`,
  deployment: (allowed: readonly string[]) => `部署方式须为以下之一：${allowed.join('、')}`,
  mine: 'mine 须为 true 或 false',
  limit: (max: number) => `条数须为 1 到 ${max} 的整数`,
  period: '统计期须为四位年份（如 2026）或年份加季度（如 2026Q3）',
} as const;
