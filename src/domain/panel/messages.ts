import { errorCatalog } from '../shared/error-catalog.js';

export const panelError = errorCatalog({
  'panel.staff_only': [403, '只有平台工作人员可以设置评审专家组'],
  'panel.need_not_open': [409, '只有已通过审核或已发布的需求可以设置评审专家组'],
  'panel.no_criteria': [409, '需求未设置评审标准，不能设置评审专家组'],
  'panel.not_expert': [422, '所选账号不是可用的评审专家'],
});
