/**
 * The columns of a need or solution list as a spreadsheet holds them. The first header of each column
 * is the one exports write; the others are the names the same column goes by in lists that bureaus and
 * enterprises already keep, all accepted on import. Headers compare after `normalizeHeader`, so
 * full-width brackets, spaces and a leading * (required-field mark) do not matter.
 */
export type ListKind = 'needs' | 'solutions';

export type NeedField =
  | 'seq'
  | 'title'
  | 'orgName'
  | 'industry'
  | 'scenarioType'
  | 'city'
  | 'description'
  | 'technologies'
  | 'budgetWan'
  | 'deadline'
  | 'respond'
  | 'contactName'
  | 'contactPhone'
  | 'contactEmail';

export type SolutionField =
  | 'seq'
  | 'title'
  | 'orgName'
  | 'industries'
  | 'scenarioTypes'
  | 'technologies'
  | 'regionsServed'
  | 'description'
  | 'priceWan'
  | 'deployment'
  | 'respond';

export type ListField = NeedField | SolutionField;

export interface ListColumn<Field extends string = ListField> {
  field: Field;
  headers: readonly [string, ...string[]];
  /** The widest an export makes the column, in spreadsheet width units (a Chinese character is two). */
  width: number;
}

/**
 * 对接方式: how a reader of a published list responds, as the listing's page on the platform (揭榜 or
 * contact there). Exports write it; an import reads nothing from it, as the link belongs to the platform
 * that published the list.
 */
const respondColumn = { field: 'respond', headers: ['对接方式'], width: 60 } as const;

export const needColumns: readonly ListColumn<NeedField>[] = [
  { field: 'seq', headers: ['序号'], width: 6 },
  {
    field: 'title',
    headers: ['场景名称', '场景需求名称', '需求名称', '需求标题', '场景标题', '项目名称'],
    width: 48,
  },
  {
    field: 'orgName',
    headers: ['需求单位', '需求单位名称', '单位名称', '发布单位', '申报单位', '企业名称'],
    width: 40,
  },
  { field: 'industry', headers: ['所属行业', '行业', '行业领域', '所属产业'], width: 26 },
  { field: 'scenarioType', headers: ['场景类型', '场景类别', '场景分类', '应用场景类型'], width: 20 },
  { field: 'city', headers: ['所在地市', '地市', '所属地市', '所在城市', '城市'], width: 10 },
  {
    field: 'description',
    headers: ['场景描述', '场景需求描述', '需求描述', '需求内容', '场景内容', '需求简介'],
    width: 80,
  },
  { field: 'technologies', headers: ['技术领域', '技术方向', '关键技术', '所需技术', '技术类别'], width: 36 },
  {
    field: 'budgetWan',
    headers: ['预算(万元)', '预算', '预算金额(万元)', '投资预算(万元)', '拟投入资金(万元)'],
    width: 14,
  },
  { field: 'deadline', headers: ['截止日期', '截止时间', '需求截止日期'], width: 12 },
  respondColumn,
  { field: 'contactName', headers: ['联系人', '联系人姓名'], width: 12 },
  { field: 'contactPhone', headers: ['联系电话', '联系方式', '手机', '手机号码', '电话'], width: 18 },
  { field: 'contactEmail', headers: ['电子邮箱', '联系邮箱', '邮箱', 'email'], width: 30 },
];

export const solutionColumns: readonly ListColumn<SolutionField>[] = [
  { field: 'seq', headers: ['序号'], width: 6 },
  {
    field: 'title',
    headers: ['方案名称', '解决方案名称', '产品名称', '产品/方案名称', '产品(方案)名称'],
    width: 48,
  },
  {
    field: 'orgName',
    headers: ['服务商', '服务商名称', '供给单位', '供应商', '企业名称', '单位名称'],
    width: 40,
  },
  { field: 'industries', headers: ['适用行业', '所属行业', '行业', '服务行业'], width: 40 },
  { field: 'scenarioTypes', headers: ['场景类型', '适用场景', '场景类别', '应用场景类型'], width: 36 },
  { field: 'technologies', headers: ['技术领域', '技术方向', '关键技术', '技术类别'], width: 36 },
  { field: 'regionsServed', headers: ['服务地区', '服务区域', '服务地市', '服务范围'], width: 40 },
  { field: 'description', headers: ['方案简介', '方案描述', '产品介绍', '方案内容', '产品简介'], width: 80 },
  {
    field: 'priceWan',
    headers: ['参考价格(万元)', '价格(万元)', '报价(万元)', '价格区间(万元)', '参考价格'],
    width: 16,
  },
  { field: 'deployment', headers: ['部署方式', '交付方式'], width: 12 },
  respondColumn,
];

export const columnsOf: {
  needs: readonly ListColumn<NeedField>[];
  solutions: readonly ListColumn<SolutionField>[];
} = {
  needs: needColumns,
  solutions: solutionColumns,
};

/** The columns a row cannot do without; the others may be absent from a file. */
export const requiredFields: { needs: readonly NeedField[]; solutions: readonly SolutionField[] } = {
  needs: ['title', 'orgName', 'industry', 'city', 'description', 'budgetWan'],
  solutions: [
    'title',
    'orgName',
    'industries',
    'technologies',
    'regionsServed',
    'description',
    'priceWan',
    'deployment',
  ],
};

export function normalizeHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/^[*＊]+|[*＊:：]+$/g, '')
    .toLowerCase();
}
