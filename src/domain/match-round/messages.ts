import { errorCatalog } from '../shared/error-catalog.js';

export const matchRoundError = errorCatalog({
  'matchRound.not_found': [404, '匹配轮次不存在'],
  'matchRound.staff_only': [403, '只有平台工作人员可以运行和查看云速配匹配轮次'],
  'matchRound.already_started': [409, '该匹配轮次已经开始'],
  'matchRound.no_needs': [409, '该征集批次还没有已发布的需求，无法匹配'],
  'matchRound.not_running': [409, '匹配轮次已结束'],
  'matchRound.invalid_progress': [409, '匹配进度不能倒退或超过需求总数'],
  'matchRound.unknown_need': [409, '该需求不在本匹配轮次中'],
  'matchRound.results_recorded': [409, '该需求的匹配结果已记录'],
  'matchRound.too_many_recommendations': [409, '每条需求的推荐数不能超过本轮设定的数量'],
  'matchRound.vendor_repeated': [409, '同一服务商在一条需求下只能推荐一次'],
  'matchRound.invalid_score': [409, '匹配分数须在0到1之间'],
  'matchRound.capacity_exceeded': [409, '服务商获得的推荐数超过了本轮每家服务商的上限'],
  'matchRound.results_incomplete': [409, '还有需求的匹配结果未记录，不能完成匹配轮次'],
  'matchRound.not_completed': [409, '匹配轮次尚未完成'],
  'matchRound.not_recommended': [409, '该方案不在本轮对该需求的推荐中'],
  'matchRound.already_engaged': [409, '该推荐已转为对接'],
});

/** Messages of the input schemas (commands.ts). */
export const matchRoundFieldMessages = {
  topK: '每条需求的推荐数须为1到20的整数',
  capacityPerVendor: '每家服务商的推荐上限须为1到1000的整数',
} as const;
