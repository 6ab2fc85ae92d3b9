import { errorCatalog } from '../domain/shared/error-catalog.js';

/** Who may see which 云速配 results: staff all of them, an organization those of its own listings. */
export const matchingError = errorCatalog({
  'matching.not_need_owner': [403, '只有平台工作人员和需求发布机构可以查看需求的匹配结果'],
  'matching.not_solution_owner': [403, '只有平台工作人员和方案所属服务商可以查看方案的匹配需求'],
  'matching.not_vendor': [403, '只有平台工作人员和该服务商本身可以查看推荐需求'],
  'matching.vendor_not_found': [404, '未找到该服务商'],
});
