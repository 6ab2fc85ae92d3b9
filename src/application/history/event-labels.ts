import type { AttachmentEvent } from '../../domain/attachment/events.js';
import type { CampaignEvent } from '../../domain/campaign/events.js';
import type { CaseEvent } from '../../domain/case/events.js';
import type { EngagementEvent } from '../../domain/engagement/events.js';
import type { InvitationEvent } from '../../domain/invitation/events.js';
import type { MatchRoundEvent } from '../../domain/match-round/events.js';
import type { NeedEvent } from '../../domain/need/events.js';
import type { OrganizationEvent } from '../../domain/organization/events.js';
import type { PanelEvent } from '../../domain/panel/events.js';
import type { QuestionEvent } from '../../domain/question/events.js';
import type { ReviewEvent } from '../../domain/review/events.js';
import type { SecurityLogEvent } from '../../domain/security-log/events.js';
import type { SolutionEvent } from '../../domain/solution/events.js';
import type { SubscriptionEvent } from '../../domain/subscription/events.js';
import type { TaxonomyCityEvent } from '../../domain/taxonomy/events.js';
import type { UserEvent } from '../../domain/user/events.js';

/** Each union's labels as a full record, so that a new event type without its label does not compile. */
type Labels<Event extends { type: string }> = Record<Event['type'], string>;

const need: Labels<NeedEvent> = {
  NeedCreated: '创建需求',
  NeedUpdated: '修改需求',
  NeedSubmitted: '提交审核',
  NeedApproved: '审核通过',
  NeedRejected: '审核退回',
  NeedPublished: '发布需求',
  NeedMarkedInProgress: '进入对接实施',
  NeedFulfilled: '需求已完成',
  NeedPilotSigned: '签约试点（赛马）',
  NeedPilotSelected: '选定试点服务商',
  NeedWithdrawn: '撤回需求',
  NeedExpired: '需求已过期',
};

const solution: Labels<SolutionEvent> = {
  SolutionCreated: '创建方案',
  SolutionUpdated: '修改方案',
  SolutionSubmitted: '提交审核',
  SolutionApproved: '审核通过',
  SolutionPublished: '上架方案',
  SolutionRejected: '审核退回',
  SolutionRetired: '下架方案',
};

const organization: Labels<OrganizationEvent> = {
  OrganizationRegistered: '机构注册',
  OrganizationVerified: '机构认证通过',
  OrganizationSuspended: '机构被暂停',
  OrganizationReinstated: '机构恢复',
  OrganizationProfileUpdated: '修改机构资料',
  OrganizationCancelled: '机构注销',
};

const user: Labels<UserEvent> = {
  UserRegistered: '创建账号',
  UserDisabled: '停用账号',
  UserEnabled: '启用账号',
  UserPasswordChanged: '修改密码',
  UserSignedOut: '退出登录',
  StaffTotpEnrolled: '绑定身份验证器',
  RecoveryCodeUsed: '使用恢复码登录',
  StaffDutiesChanged: '调整工作人员职责',
  UserCancelled: '注销账号',
  UserPasswordRehashed: '密码改用国密算法保存',
  TotpCodeUsed: '使用动态验证码登录',
  StaffSecondFactorReset: '重置身份验证器',
};

const engagement: Labels<EngagementEvent> = {
  EngagementApplied: '服务商揭榜',
  EngagementRecommended: '平台推荐对接',
  EngagementRecommendationAccepted: '服务商接受推荐',
  EngagementShortlisted: '需求方入围',
  EngagementDeclined: '对接被拒绝',
  EngagementWithdrawn: '服务商撤回',
  EngagementMeetingScheduled: '约定洽谈',
  EngagementSignatureAdded: '一方签约',
  EngagementSignatureWithdrawn: '撤回签约金额',
  EngagementSigned: '双方签约',
  EngagementDelivered: '项目交付',
  EngagementRated: '评价',
  EngagementPilotConcluded: '试点结束',
};

const campaign: Labels<CampaignEvent> = {
  CampaignOpened: '开启征集',
  CampaignItemEntered: '纳入征集',
  CampaignClosed: '截止征集',
  CampaignListPublished: '发布清单',
};

const matchRound: Labels<MatchRoundEvent> = {
  MatchRoundStarted: '启动匹配',
  MatchRoundProgressed: '匹配进度',
  MatchRoundResultsRecorded: '记录匹配结果',
  MatchRoundCompleted: '匹配完成',
  MatchRoundFailed: '匹配失败',
  MatchRecommendationEngaged: '推荐转为对接',
};

const caseLabels: Labels<CaseEvent> = {
  CasePromoted: '评为典型案例',
  CaseReplicated: '异地复用',
};

const invitation: Labels<InvitationEvent> = {
  VendorInvited: '邀请服务商揭榜',
  InvitationAccepted: '服务商接受邀请',
};

const question: Labels<QuestionEvent> = {
  QuestionAsked: '服务商提问',
  QuestionAnswered: '需求方答疑',
};

const subscription: Labels<SubscriptionEvent> = {
  SubscriptionCreated: '订阅搜索',
  SubscriptionCancelled: '取消订阅',
};

const taxonomyCity: Labels<TaxonomyCityEvent> = {
  CityAdded: '添加省外城市',
};

const panel: Labels<PanelEvent> = {
  NeedPanelSet: '设置评审专家组',
};

const review: Labels<ReviewEvent> = {
  ReviewSubmitted: '专家提交评审',
};

const securityLog: Labels<SecurityLogEvent> = {
  SecurityEventRecorded: '记录安全事件',
};

const attachment: Labels<AttachmentEvent> = {
  AttachmentAdded: '上传附件',
  AttachmentRemoved: '删除附件',
};

/** What happened, in Chinese, for every event type an entity's stream holds. */
export const EVENT_LABELS: Readonly<Record<string, string>> = {
  ...need,
  ...solution,
  ...organization,
  ...user,
  ...engagement,
  ...campaign,
  ...matchRound,
  ...caseLabels,
  ...invitation,
  ...question,
  ...attachment,
  ...subscription,
  ...panel,
  ...review,
  ...securityLog,
  ...taxonomyCity,
};

/** An event type stored before its label existed still reads as something, never as the English code. */
export function eventLabel(type: string): string {
  return EVENT_LABELS[type] ?? '其他操作';
}
