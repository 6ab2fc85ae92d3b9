import { errorCatalog } from '../domain/shared/error-catalog.js';
import type { NotificationType } from './types.js';

export const settingsError = errorCatalog({
  'notification_settings.not_own': [403, '只能修改自己的通知设置'],
  'notification_settings.link_invalid': [404, '退订链接无效或已损坏，请登录后在“通知设置”页面修改'],
});

/** What each kind of notification is called where a person chooses how to hear of it. */
export const notificationTypeLabels: Record<NotificationType, string> = {
  'need.matched': '需求的云速配推荐',
  'subscription.hit': '订阅的搜索有新结果',
  'invitation.received': '收到揭榜邀请',
  'engagement.applied': '服务商揭榜',
  'engagement.shortlisted': '揭榜入围',
  'engagement.declined': '对接未被采纳',
  'engagement.meeting_scheduled': '约定洽谈',
  'engagement.signed': '对接签约',
  'engagement.delivered': '对接交付',
  'engagement.rated': '对方评价',
  'race.selected': '赛马试点入选',
  'race.not_selected': '赛马试点未入选',
  'listing.approved': '需求或方案通过审核',
  'listing.rejected': '需求或方案被退回',
  'org.verified': '机构通过认证',
  'org.suspended': '机构被暂停',
  'campaign.opened': '征集批次开放',
  'campaign.closing': '征集批次即将截止',
  'match_round.recommended': '匹配轮次推荐',
  'webhook.disabled': 'Webhook 被停用',
  'question.asked': '需求收到提问',
  'question.answered': '提问得到回答',
  'review.panel_joined': '被选为评审专家',
};

export const notificationTypes = Object.keys(notificationTypeLabels) as NotificationType[];

export const emailChoiceLabels = {
  immediately: '立即',
  daily: '每日汇总',
  never: '不发送',
} as const;

export const settingsText = {
  emailInvalid: '请填写有效的电子邮箱地址，如 name@example.cn',
  emailTooLong: '电子邮箱地址不能超过 254 个字符',
  choiceInvalid: '请选择 立即、每日汇总 或 不发送',
  typeUnknown: '未知的通知类型',
};
