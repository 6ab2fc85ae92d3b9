import { errorCatalog } from '../shared/error-catalog.js';

export const engagementError = errorCatalog({
  'engagement.not_found': [404, '对接不存在'],
  'engagement.already_exists': [409, '对接已存在'],
  'engagement.already_open': [409, '该服务商在此需求上已有进行中的对接'],
  'engagement.vendors_only': [403, '只有服务商可以揭榜'],
  'engagement.staff_only': [403, '只有平台工作人员可以推荐方案'],
  'engagement.not_solution_owner': [403, '只能用本机构发布的方案揭榜'],
  'engagement.not_need_owner': [403, '只有需求方可以执行此操作'],
  'engagement.not_vendor': [403, '只有揭榜的服务商可以执行此操作'],
  'engagement.not_party': [403, '只有对接双方可以执行此操作'],
  'engagement.vendor_not_verified': [403, '服务商机构未通过认证或已被暂停'],
  'engagement.need_not_published': [409, '需求未发布，不能揭榜或推荐'],
  'engagement.solution_not_published': [409, '方案未发布，不能用于揭榜或推荐'],
  'engagement.need_not_open': [409, '需求已关闭、已完成或已与其他服务商签约，不能签约'],
  'engagement.ended': [409, '对接已结束（已拒绝、已撤回或试点未入选）'],
  'engagement.not_recommended': [409, '只有平台推荐的对接可以接受'],
  'engagement.not_shortlistable': [409, '只有已揭榜或已推荐的对接可以入围'],
  'engagement.already_signed': [409, '对接已签约，不能拒绝或撤回'],
  'engagement.not_schedulable': [409, '只有已入围、尚未签约的对接可以安排约谈'],
  'engagement.meeting_in_past': [422, '约谈时间不能早于当前时间'],
  'engagement.not_signable': [409, '约谈之后才能签约'],
  'engagement.signature_exists': [409, '您已签约，不能再次提交不同的金额'],
  'engagement.amount_mismatch': [409, '签约金额与对方确认的金额不一致'],
  'engagement.invalid_amount': [422, '金额须为不小于0的数（万元）'],
  'engagement.no_signature': [409, '您尚未确认签约金额，无需撤回'],
  'engagement.not_deliverable': [409, '签约之后才能确认交付'],
  'engagement.delivery_before_meeting': [409, '约谈日期之前不能确认交付'],
  'engagement.not_ratable': [409, '交付之后才能评价'],
  'engagement.already_rated': [409, '您已评价过此对接'],
  'engagement.invalid_score': [422, '评分须为1到5的整数'],
  'engagement.race_full': [409, '该需求的并行试点名额已满，不能再签约试点'],
  'engagement.pilot_not_selected': [409, '试点尚未被需求方选定，不能确认交付'],
  'engagement.not_running_pilot': [409, '该对接不是进行中的试点，不能结束试点'],
});

/** Messages of the input schemas (commands.ts) that the shared field helpers do not word. */
export const engagementFieldMessages = {
  meetingAt: '请填写有效的约谈时间（日期和时间）',
  score: '评分须为1到5的整数',
  comment: '评价不能超过500个字',
  shareContact: '是否同意向服务商共享联系方式须为是或否',
} as const;
