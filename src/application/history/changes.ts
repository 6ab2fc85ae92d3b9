import type { TaxonomyKind } from '../../domain/shared/taxonomy.js';
import { zhLabel } from '../../domain/shared/taxonomy.js';
import type { JsonObject, JsonValue } from '../../eventstore/port.js';

/** One line of "what changed": the field in the words of the form, and its (new) value as text. */
export interface Change {
  field: string;
  value: string;
}

const FIELD_LABELS: Readonly<Record<string, string>> = {
  title: '名称',
  name: '名称',
  description: '描述',
  summary: '摘要',
  industry: '所属行业',
  industries: '服务行业',
  scenarioType: '场景类型',
  scenarioTypes: '场景类型',
  technologies: '技术',
  city: '地市',
  regionsServed: '服务地市',
  qualifications: '资质',
  budgetWan: '预算（万元）',
  problem: '现状与痛点',
  goals: '建设目标',
  requirements: '技术要求',
  acceptanceCriteria: '验收指标',
  criteria: '评审标准',
  periodMonths: '实施周期（月）',
  priceWan: '报价区间（万元）',
  quoteWan: '报价（万元）',
  amountWan: '金额（万元）',
  deployment: '部署方式',
  deadline: '截止日期',
  contact: '联系人',
  uscc: '统一社会信用代码',
  kind: '类型',
  reason: '原因',
  proposal: '方案说明',
  meetingAt: '洽谈时间',
  location: '洽谈地点',
  scheduledBy: '约定方',
  side: '一方',
  score: '评分',
  comment: '评价内容',
  note: '备注',
  version: '版本',
  listVersion: '清单版本',
  itemKind: '纳入内容',
  items: '清单条数',
  opensAt: '开始时间',
  closesAt: '截止时间',
  topK: '每个需求推荐数',
  capacityPerVendor: '每个服务商上限',
  needIds: '需求数',
  done: '已完成',
  total: '总数',
  totalScore: '总分',
  greedyScore: '贪心基线总分',
  recommendations: '推荐数',
  results: '本批结果数',
  username: '用户名',
  role: '角色',
  by: '操作方',
};

const TAXONOMY_FIELDS: Readonly<Record<string, TaxonomyKind>> = {
  industry: 'industry',
  industries: 'industry',
  scenarioType: 'scenarioType',
  scenarioTypes: 'scenarioType',
  technologies: 'technology',
  city: 'city',
  regionsServed: 'city',
  qualifications: 'qualification',
};

const CODE_LABELS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  kind: { demander: '需求方', vendor: '服务商', needs: '需求', solutions: '方案', both: '需求和方案' },
  side: { demander: '需求方', vendor: '服务商' },
  scheduledBy: { demander: '需求方', vendor: '服务商' },
  by: { demander: '需求方', vendor: '服务商', staff: '平台' },
  role: { demander: '需求方', vendor: '服务商', staff: '平台工作人员', expert: '评审专家' },
  itemKind: { need: '需求', solution: '方案' },
  deployment: { saas: 'SaaS', 'on-premise': '本地部署', hybrid: '混合部署' },
};

const DATE_FIELDS = new Set(['deadline', 'meetingAt', 'opensAt', 'closesAt']);
/** Lists too long to show: their count says enough. */
const COUNTED_FIELDS = new Set(['items', 'needIds', 'results']);

const chinaTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

function dateText(value: JsonValue): string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value))
    ? chinaTime.format(new Date(value)).replace(/\//g, '-')
    : String(value);
}

function isWanRange(value: JsonValue): value is { min: number; max: number } {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && 'min' in value && 'max' in value
  );
}

function valueText(field: string, value: JsonValue): string {
  if (value === null || value === '') return '（空）';
  if (COUNTED_FIELDS.has(field) && Array.isArray(value)) return String(value.length);
  if (DATE_FIELDS.has(field)) return dateText(value);
  const taxonomy = TAXONOMY_FIELDS[field];
  if (taxonomy && typeof value === 'string') return zhLabel(taxonomy, value);
  if (taxonomy && Array.isArray(value)) {
    return value.map((code) => (code === '*' ? '全省' : zhLabel(taxonomy, String(code)))).join('、');
  }
  if (isWanRange(value)) return value.min === value.max ? `${value.min}` : `${value.min}–${value.max}`;
  if (Array.isArray(value)) return value.map(String).join('、');
  if (typeof value === 'object') {
    return Object.values(value)
      .filter((v) => v !== null && v !== '')
      .map(String)
      .join(' ');
  }
  if (typeof value === 'boolean') return value ? '是' : '否';
  return CODE_LABELS[field]?.[String(value)] ?? String(value);
}

/**
 * What an event recorded, as labelled fields: an update's changed fields with their new values, any other
 * event's own facts. Ids, timestamps and secrets (a password hash, a session) are left out: who and when
 * are shown beside the change, and the rest means nothing to a reader.
 */
export function changesOf(data: JsonObject): Change[] {
  const changes = data.changes;
  const update = typeof changes === 'object' && changes !== null && !Array.isArray(changes);
  const fields = update ? changes : data;
  return Object.entries(fields).flatMap(([field, value]) => {
    const label = FIELD_LABELS[field];
    // An update that empties a field says so; any other event's empty facts say nothing.
    const shown = value !== undefined && (update || (value !== null && value !== ''));
    return label && shown ? [{ field: label, value: valueText(field, value) }] : [];
  });
}
