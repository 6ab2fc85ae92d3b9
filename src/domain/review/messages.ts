import { errorCatalog } from '../shared/error-catalog.js';

export const reviewError = errorCatalog({
  'review.expert_only': [403, '只有评审专家可以评审'],
  'review.not_on_panel': [403, '您不在该需求的评审专家组中'],
  'review.own_organization': [403, '您所在机构是该申请的服务商，须回避，不能评审'],
  'review.already_submitted': [409, '您已评审过这个申请，评审提交后不能修改'],
  'review.not_reviewable': [409, '该申请已撤回、被婉拒或尚未揭榜，不能评审'],
  'review.no_criteria': [409, '需求未设置评审标准，不能评审'],
  'review.summary_forbidden': [403, '只有发布该需求的需求方和平台工作人员可以查看评审汇总'],
});

export const reviewFieldMessages = {
  conflictWithScores: '声明回避的评审不打分',
  scoresMissing: (names: string[]) => `请为评审标准打分：${names.join('、')}`,
  unknownCriterion: (name: string) => `需求没有评审标准“${name}”`,
  repeatedCriterion: (name: string) => `评审标准“${name}”打了两次分`,
};
