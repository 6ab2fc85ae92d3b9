import { errorCatalog } from '../shared/error-catalog.js';

export const needError = errorCatalog({
  'need.already_exists': [409, '该需求已存在'],
  'need.demander_only': [403, '只有需求方机构可以发布场景需求'],
  'need.forbidden': [403, '只有发布该需求的机构可以进行此操作'],
  'need.staff_only': [403, '只有平台工作人员可以审核、发布或关闭需求'],
  'need.org_not_verified': [403, '机构通过认证后才能提交需求'],
  'need.org_suspended': [403, '机构已被暂停，不能发布或提交需求'],
  'need.not_editable': [409, '需求已提交审核，不能修改'],
  'need.not_submittable': [409, '只有草稿或被退回的需求可以提交审核'],
  'need.not_under_review': [409, '需求不在审核中'],
  'need.not_open': [409, '需求已进入实施或已完成，不能关闭'],
  'need.not_expired': [409, '需求尚未到截止日期'],
  'need.not_approved': [409, '需求尚未通过审核，不能发布'],
  'need.campaign_mismatch': [409, '需求不属于该征集批次'],
  'need.campaign_not_open': [409, '所选征集批次当前未开放征集'],
  'need.campaign_kind_mismatch': [409, '所选征集批次不征集场景需求'],
  'need.not_published': [409, '需求尚未发布，不能开始实施'],
  'need.already_in_progress': [409, '需求已通过其他对接开始实施'],
  'need.not_in_progress': [409, '需求未在实施中，不能确认完成'],
  'need.engagement_mismatch': [409, '该对接不是需求正在实施的对接'],
  'need.no_race': [409, '该需求未设置赛马（并行试点），不能选定试点'],
  'need.race_full': [409, '该需求的并行试点名额已满，不能再签约试点'],
  'need.not_a_pilot': [409, '所选对接不是该需求已签约的试点，不能选定'],
  'need.pilot_already_selected': [409, '该需求已选定试点服务商，不能再次选定'],
  'need.race_not_running': [409, '需求不在赛马试点阶段，不能签约或选定试点'],
  'need.pilots_running': [409, '需求已有服务商在试点，请先选定一家，不能关闭'],
});

export const needFieldMessages = {
  deadlinePassed: '截止日期不能早于今天',
  contactMissing: '请填写联系人',
};

/** The completeness guidance's hints, each naming the part of the form to fill and how. */
export const needHints = {
  descriptionMissing: '请填写需求描述：说明业务场景、现有系统和期望效果，云速配按描述为需求匹配方案',
  descriptionShort: (length: number) =>
    `需求描述只有${length}个字，过短难以匹配到合适的方案：请写到80字以上，说明业务场景、现有系统和期望效果`,
  problemMissing: '请填写现状与痛点：现在怎么做，问题出在哪里',
  problemWithoutFigure: '现状与痛点中没有数字：请写出问题的规模或代价，如“人工巡检每天4小时”“漏检率约3%”',
  goalsMissing: '请填写建设目标：建成后要达到什么效果',
  goalsRepeatTitle: '建设目标只是重复了需求标题：请写出建成后要达到的具体效果',
  requirementsMissing: '请填写技术要求：如部署方式、对接的系统、数据条件、性能要求',
  criteriaMissing: '请至少填写一条验收指标，每行一条',
  criteriaNotMeasurable: '验收指标都没有可衡量的数字：请写成如“识别准确率不低于95%”“响应时间小于2秒”',
  periodMissing: '请填写实施周期（月），服务商据此判断能否按期交付',
  budgetMissing: '未填写预算（预算上限为0）：请写明预算范围，服务商才能判断是否合适',
  technologiesMissing: '请选择涉及技术：云速配按技术为需求匹配方案',
};
