/**
 * Chinese labels of every status, role and enumerated value the pages show, with the tone of its badge.
 * Codes of the taxonomy (industries, cities…) take their labels from taxonomy.ts instead.
 */
export type Tone = 'neutral' | 'info' | 'progress' | 'success' | 'warning' | 'danger';

export type StatusKind =
  | 'need'
  | 'solution'
  | 'organization'
  | 'engagement'
  | 'campaign'
  | 'case'
  | 'matchRound'
  | 'user';

type StatusTable = Record<string, readonly [label: string, tone: Tone]>;

const statuses: Record<StatusKind, StatusTable> = {
  need: {
    draft: ['草稿', 'neutral'],
    submitted: ['待审核', 'warning'],
    rejected: ['已退回', 'danger'],
    approved: ['已通过待发布', 'info'],
    published: ['已发布', 'info'],
    in_progress: ['实施中', 'progress'],
    fulfilled: ['已完成', 'success'],
    closed: ['已关闭', 'neutral'],
  },
  solution: {
    draft: ['草稿', 'neutral'],
    submitted: ['待审核', 'warning'],
    rejected: ['已退回', 'danger'],
    published: ['已发布', 'info'],
    retired: ['已下架', 'neutral'],
  },
  organization: {
    pending: ['待认证', 'warning'],
    verified: ['已认证', 'success'],
    suspended: ['已暂停', 'danger'],
    cancelled: ['已注销', 'neutral'],
  },
  engagement: {
    recommended: ['平台推荐', 'info'],
    applied: ['已揭榜', 'info'],
    shortlisted: ['已入围', 'progress'],
    meeting_scheduled: ['已约谈', 'progress'],
    signed: ['已签约', 'success'],
    delivered: ['已交付', 'success'],
    rated: ['已评价', 'success'],
    declined: ['未入选', 'neutral'],
    withdrawn: ['已撤回', 'neutral'],
    pilot_ended: ['试点结束（未入选）', 'neutral'],
  },
  campaign: {
    open: ['征集中', 'info'],
    closed: ['已截止', 'warning'],
    published: ['清单已发布', 'success'],
  },
  case: { promoted: ['已入库', 'success'] },
  matchRound: {
    running: ['运行中', 'progress'],
    completed: ['已完成', 'success'],
    failed: ['失败', 'danger'],
  },
  user: { active: ['正常', 'success'], disabled: ['已停用', 'neutral'], cancelled: ['已注销', 'neutral'] },
};

export function statusLabel(kind: StatusKind, status: string): string {
  return statuses[kind][status]?.[0] ?? status;
}

export function statusTone(kind: StatusKind, status: string): Tone {
  return statuses[kind][status]?.[1] ?? 'neutral';
}

export const roleLabels: Record<string, string> = {
  demander: '需求方',
  vendor: '服务商',
  staff: '平台工作人员',
  expert: '评审专家',
  anonymous: '访客',
};

export const orgKindLabels: Record<string, string> = {
  demander: '需求方（企业、机关、事业单位）',
  vendor: '服务商',
};

export const deploymentLabels: Record<string, string> = {
  saas: 'SaaS 云服务',
  'on-premise': '本地部署',
  hybrid: '混合部署',
};

export const campaignKindLabels: Record<string, string> = {
  needs: '征集场景需求',
  solutions: '征集解决方案',
  both: '需求与方案同时征集',
};

/** 云速配's named factors, as the factor bars caption them. */
export const factorLabels: Record<string, string> = {
  text: '文本相似度',
  technology: '技术匹配',
  industry: '行业契合',
  scenario: '场景契合',
  region: '服务地域',
  budget: '预算匹配',
  trackRecord: '服务商履约',
  qualification: '资质',
  freshness: '时效',
};

export const sideLabels: Record<string, string> = { demander: '需求方', vendor: '服务商' };
