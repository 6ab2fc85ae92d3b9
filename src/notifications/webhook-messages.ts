import { errorCatalog } from '../domain/shared/error-catalog.js';

export const webhookError = errorCatalog({
  'webhook.not_owner': [403, '只有该机构的用户或平台工作人员可以管理它的 Webhook'],
  'webhook.not_found': [404, '未找到该 Webhook：它不存在，或已删除'],
  'webhook.too_many': [409, '每个机构最多设置 10 个 Webhook，请先删除不用的'],
  'webhook.org_not_found': [404, '未找到该机构'],
});

export const webhookText = {
  urlInvalid: '请填写以 http:// 或 https:// 开头的完整地址',
  urlTooLong: '地址不能超过 2000 个字符',
  secretLength: '签名密钥须为 16 到 200 个字符',
  typesEmpty: '请至少选择一类通知',
  typeUnknown: '未知的通知类型',
  disabled: (url: string) => ({
    title: 'Webhook 已被停用',
    body: `发往 ${url} 的 Webhook 已连续一天推送失败，平台已将其停用。请检查接收地址后重新添加。`,
  }),
  failedForADay: '连续一天推送失败',
  removed: 'Webhook 已删除',
};
