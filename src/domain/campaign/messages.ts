import { errorCatalog } from '../shared/error-catalog.js';

export const campaignError = errorCatalog({
  'campaign.not_found': [404, '征集批次不存在'],
  'campaign.already_exists': [409, '征集批次已存在'],
  'campaign.staff_only': [403, '只有平台工作人员可以管理征集批次'],
  'campaign.invalid_window': [422, '截止时间须晚于开始时间'],
  'campaign.not_open': [409, '征集批次未在征集中'],
  'campaign.not_yet_open': [409, '征集尚未开始'],
  'campaign.window_passed': [409, '征集已截止'],
  'campaign.kind_not_accepted': [409, '本批次不征集此类内容'],
  'campaign.item_forbidden': [403, '只有需求方可提交需求、服务商可提交方案'],
  'campaign.not_closed': [409, '征集批次须先结束征集才能发布清单'],
  'campaign.correction_note_required': [422, '更正已发布的清单须说明更正内容'],
  'campaign.list_not_published': [404, '清单尚未发布或没有该版本'],
  'campaign.source_not_found': [422, '所选的征集批次不存在'],
  'campaign.source_not_city': [422, '全省汇总清单只能汇总地市的征集批次'],
  'campaign.source_outside_period': [422, '所选的征集批次的征集截止时间不在汇总期内'],
  'campaign.source_not_published': [409, '所选的地市征集批次尚有清单未发布，发布后才能汇总'],
});

/** Messages of the input schemas (commands.ts) that the shared field helpers do not word. */
export const campaignFieldMessages = {
  kind: '请选择征集类型：征集场景需求、征集解决方案或需求与方案同时征集',
  opensAt: '请填写有效的开始时间（日期和时间）',
  closesAt: '请填写有效的截止时间（日期和时间）',
  itemKind: '征集内容须为场景需求或解决方案',
  listKind: '清单须为需求清单或方案清单',
  version: '版本须为正整数',
  period: '请填写汇总期：年份（如 2026）或季度（如 2026Q1）',
  campaignIds: '请选择要汇总的地市征集批次（至少一个）',
  campaignIdsRepeated: '同一征集批次只能选择一次',
} as const;
