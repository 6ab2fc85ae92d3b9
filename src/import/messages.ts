import { cities } from '../domain/shared/taxonomy.js';

const cityList = cities.map((c) => c.zh).join('、');

/** Every reason the import gives for a column or a row, in the words staff read in the report. */
export const importMessages = {
  required: (header: string) => `“${header}”未填写`,
  budgetNotNumeric: (value: string) =>
    `“${value}”不是数字金额：请以万元为单位填写阿拉伯数字，如“50”或区间“50-120”（不要写“五十万”）`,
  budgetReversed: (value: string) => `“${value}”的最低金额高于最高金额`,
  unknownIndustry: (value: string) => `“${value}”不是平台的行业分类（如 高端装备、新一代信息技术）`,
  unknownScenarioType: (value: string) => `“${value}”不是平台的场景类型（如 生产制造、城市治理）`,
  unknownTechnology: (value: string) => `“${value}”不是平台的技术领域（如 人工智能、机器视觉、物联网）`,
  cityOutsideProvince: (value: string) => `“${value}”不是山东省的地市，须为 ${cityList} 之一`,
  unknownDeployment: (value: string) => `“${value}”不是部署方式，须为 SaaS、本地部署 或 混合部署`,
  badDate: (value: string) => `“${value}”不是日期，请写作 2025-06-30`,
  scenarioTypeUnknowable: '未填写场景类型，且无法从名称和描述判断，请填写“场景类型”列',
  scenarioTypeInferred: (label: string) => `未填写场景类型，已按名称和描述判定为“${label}”`,
  orgNotRegistered: (name: string) => `需求单位“${name}”未在平台注册（须与注册名称完全一致）`,
  vendorNotRegistered: (name: string) => `服务商“${name}”未在平台注册（须与注册名称完全一致）`,
  orgNotVerified: (name: string) => `“${name}”尚未通过机构认证，不能提交`,
  orgWrongKind: (name: string, kind: 'demander' | 'vendor') =>
    `“${name}”注册为${kind === 'demander' ? '需求方' : '服务商'}，不能导入为${kind === 'demander' ? '解决方案' : '场景需求'}`,
  contactIncomplete: '联系人与联系电话须同时填写',
  emailFromOrg: '未填写电子邮箱，联系人邮箱沿用单位的联系邮箱',
  duplicateInFile: (row: number) => `与第 ${row} 行重复`,
  alreadyImported: '此前已导入过同一单位的同名条目',
  missingColumns: (headers: string[]) =>
    `缺少必填列：${headers.join('、')}。可用的列名见“yunsupei import --help”，或用映射文件指定`,
  noHeaderRow: '没有找到表头行：前 10 行中没有可识别的列名（如 场景名称、需求单位、所属行业）',
  unknownMappingField: (header: string, field: string) => `映射文件中“${header}”对应的字段“${field}”不存在`,
  badMappingFile: '映射文件须为 JSON 对象，形如 {"项目名称": "title"}',
  noRows: '文件中没有数据行',
  orgAmbiguous: (name: string) => `名称为“${name}”的机构不止一家，请用 --org 指定机构编号`,
  forbidden: '只有平台工作人员或机构本身可以导入清单',
  otherOrg: '机构用户只能导入本机构的清单',
  campaignNotOpen: '所选征集批次当前未在征集中，不能导入',
  campaignKindMismatch: (kind: 'needs' | 'solutions') =>
    `所选征集批次不征集${kind === 'needs' ? '场景需求' : '解决方案'}`,
  orgKindMismatch: (kind: 'needs' | 'solutions') =>
    `指定的机构不是${kind === 'needs' ? '需求方' : '服务商'}，不能导入${kind === 'needs' ? '场景需求' : '解决方案'}`,
  orgNotVerifiedFile: '指定的机构尚未通过认证，不能导入',
} as const;
