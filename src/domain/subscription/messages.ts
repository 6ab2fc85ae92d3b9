import { errorCatalog } from '../shared/error-catalog.js';
import { type TaxonomyKind, zhLabel } from '../shared/taxonomy.js';
import type { SavedSearch } from './state.js';

/** How many saved searches one user may keep. */
export const MAX_SUBSCRIPTIONS = 20;

export const subscriptionText = {
  kind: '订阅类型须为 needs（场景需求）或 solutions（解决方案）',
  q: '关键词不能超过200个字',
  qLine: '关键词须为一行文字，不能含有换行、制表符等控制字符',
  channels: '通知方式须为 inbox（站内通知）、email（邮件）或 webhook（机构的 Webhook）',
  channelsEmpty: '请至少选择一种通知方式',
  channelsRepeated: '通知方式不能重复',
} as const;

export const subscriptionError = errorCatalog({
  'subscription.sign_in_required': [401, '请先登录再订阅搜索'],
  'subscription.not_owner': [403, '只能管理自己的订阅'],
  'subscription.limit_reached': [409, `每个账号最多保存 ${MAX_SUBSCRIPTIONS} 个订阅，请先取消不再需要的订阅`],
  'subscription.duplicate': [409, '您已订阅了相同的搜索'],
  'subscription.not_found': [404, '未找到这个订阅：它不存在、已取消，或不是您的'],
});

export const kindLabels = { needs: '场景需求', solutions: '解决方案' } as const;
export const channelLabels = { inbox: '站内通知', email: '邮件', webhook: 'Webhook' } as const;

/** A saved search in the words of the search page: 关键词「视觉」，行业：高端装备，城市：济南、青岛. */
export function searchSummary(saved: SavedSearch): string {
  const labelled = (label: string, kind: TaxonomyKind, codes: string[]) =>
    codes.length === 0 ? [] : [`${label}：${codes.map((code) => zhLabel(kind, code)).join('、')}`];
  const parts = [
    ...(saved.q ? [`关键词「${saved.q}」`] : []),
    ...labelled('行业', 'industry', saved.industries),
    ...labelled('技术', 'technology', saved.technologies),
    ...labelled('城市', 'city', saved.cities),
  ];
  return parts.length > 0 ? parts.join('，') : `全部新发布的${kindLabels[saved.kind]}`;
}
