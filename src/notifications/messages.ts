import { errorCatalog } from '../domain/shared/error-catalog.js';

export const notificationError = errorCatalog({
  not_found: [404, '未找到这条通知：它不存在，或不是发给您的'],
});

const quoted = (title: string) => `「${title}」`;

/** The Chinese of every notification, in one place. */
export const notificationText = {
  engagementApplied: (need: string) => ({
    title: '有服务商揭榜了您的需求',
    body: `您的需求${quoted(need)}收到一份揭榜申请，请查看方案与报价。`,
  }),
  engagementShortlisted: (need: string) => ({
    title: '您的揭榜已入围',
    body: `需求方已将您对${quoted(need)}的揭榜列入候选。`,
  }),
  engagementDeclined: (need: string, reason: string) => ({
    title: '对接未被采纳',
    body: `需求方未采纳您对${quoted(need)}的对接。原因：${reason}`,
  }),
  engagementMeetingScheduled: (need: string, at: string, location: string) => ({
    title: '对方约定了洽谈',
    body: `${quoted(need)}的对接约定于 ${at} 在${location}洽谈。`,
  }),
  engagementSigned: (need: string, amountWan: number) => ({
    title: '对接已签约',
    body: `${quoted(need)}的对接双方均已签约，合同金额 ${amountWan} 万元。`,
  }),
  engagementDelivered: (need: string) => ({
    title: '对接已交付',
    body: `${quoted(need)}的对接已标记为交付，请确认并评价。`,
  }),
  engagementRated: (need: string, score: number) => ({
    title: '对方给出了评价',
    body: `对方对${quoted(need)}的对接打了 ${score} 分。`,
  }),
  raceSelected: (need: string) => ({
    title: '您的试点已入选',
    body: `需求方在${quoted(need)}的赛马中选定了您的试点，对接将按签约继续实施与交付。`,
  }),
  raceNotSelected: (need: string) => ({
    title: '试点结束（未入选）',
    body: `需求方在${quoted(need)}的赛马中选定了其他服务商，您的试点已结束，感谢参与。`,
  }),
  needApproved: (title: string) => ({
    title: '需求已通过审核',
    body: `您的需求${quoted(title)}已通过平台审核。`,
  }),
  needRejected: (title: string, reason: string) => ({
    title: '需求未通过审核',
    body: `您的需求${quoted(title)}被退回。原因：${reason}`,
  }),
  solutionApproved: (title: string) => ({
    title: '解决方案已通过审核',
    body: `您的解决方案${quoted(title)}已通过平台审核并公开。`,
  }),
  solutionRejected: (title: string, reason: string) => ({
    title: '解决方案未通过审核',
    body: `您的解决方案${quoted(title)}被退回。原因：${reason}`,
  }),
  orgVerified: (name: string) => ({
    title: '机构已通过认证',
    body: `${quoted(name)}已通过平台认证，现在可以发布需求或方案。`,
  }),
  orgSuspended: (name: string, reason: string) => ({
    title: '机构已被暂停',
    body: `${quoted(name)}已被平台暂停。原因：${reason}`,
  }),
  campaignOpened: (title: string, closesAt: string) => ({
    title: '新的征集批次已开放',
    body: `征集批次${quoted(title)}已开放，截止时间 ${closesAt}。`,
  }),
  campaignClosing: (title: string, closesAt: string) => ({
    title: '征集批次即将截止',
    body: `征集批次${quoted(title)}将于 ${closesAt} 截止，请及时提交。`,
  }),
  matchRoundForVendor: (count: number) => ({
    title: '您的方案获得匹配推荐',
    body: `本轮云速配为您的方案推荐了 ${count} 个场景需求。`,
  }),
  questionAsked: (need: string) => ({
    title: '您的需求收到一个提问',
    body: `有服务商就需求${quoted(need)}提问，回答后所有可查看该需求的人都能看到问答。`,
  }),
  questionAnswered: (need: string) => ({
    title: '您的提问已得到回答',
    body: `需求方已回答您对${quoted(need)}的提问。`,
  }),
  panelJoined: (need: string) => ({
    title: '您被选为需求的评审专家',
    body: `平台已将您列入需求${quoted(need)}的评审专家组，请在“我的评审”中评审它的申请。`,
  }),
  matchRoundForDemander: (count: number) => ({
    title: '您的需求获得匹配推荐',
    body: `本轮云速配为您的需求推荐了 ${count} 个解决方案。`,
  }),
};

/** Times in notifications read as Beijing time, minutes precision. */
export function beijingTime(iso: string): string {
  const local = new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}
