import { errorCatalog } from '../shared/error-catalog.js';

export const solutionError = errorCatalog({
  'solution.already_exists': [409, '该解决方案已存在'],
  'solution.vendor_only': [403, '只有供给方机构可以发布解决方案'],
  'solution.forbidden': [403, '只有发布该方案的机构可以进行此操作'],
  'solution.staff_only': [403, '只有平台工作人员可以审核解决方案'],
  'solution.org_not_verified': [403, '机构通过认证后才能提交解决方案'],
  'solution.org_suspended': [403, '机构已被暂停，不能发布或提交解决方案'],
  'solution.not_editable': [409, '方案已提交审核，不能修改'],
  'solution.not_submittable': [409, '只有草稿或被退回的方案可以提交审核'],
  'solution.not_under_review': [409, '方案不在审核中'],
  'solution.campaign_not_open': [409, '所选征集批次当前未开放征集'],
  'solution.campaign_kind_mismatch': [409, '所选征集批次不征集解决方案'],
});
