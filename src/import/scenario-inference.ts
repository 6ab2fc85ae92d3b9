import { zhLabel } from '../domain/shared/taxonomy.js';

/**
 * Words that mark each scenario type in need titles and descriptions. Lists kept by bureaus often have
 * no 场景类型 column; the import then infers it from the text and says so in the report, rather than
 * rejecting every row of an otherwise good list.
 */
const cues: Record<string, readonly string[]> = {
  'rnd-design': ['研发', '设计', '仿真', '配方', '试验', 'PLM', '图纸'],
  production: [
    '排产',
    '排程',
    '车间',
    '产线',
    '生产线',
    '生产过程',
    '制造执行',
    'MES',
    '设备',
    '工艺',
    '机台',
    '数控',
  ],
  operations: ['经营', '财务', 'ERP', '人力资源', '办公', '决策', '管理驾驶舱', '预算管理', '合同'],
  'sales-service': ['营销', '销售', '客户', '客服', '电商', '会员', '售后', '订单'],
  'supply-chain': ['供应链', '物流', '仓储', '库存', '采购', '配送', '运输', '冷链', '港口', '集装箱'],
  'safety-environment': [
    '安全',
    '危险',
    '隐患',
    '节能',
    '环保',
    '排放',
    '能耗',
    '碳',
    '危化',
    '泄漏',
    '污染',
  ],
  quality: ['质量', '质检', '检测', '缺陷', '追溯', '溯源', '瑕疵'],
  'city-governance': ['城市', '治理', '执法', '应急', '网格', '市政', '消防', '交通', '社区'],
  'public-service': ['民生', '政务', '医疗', '医院', '教育', '学校', '养老', '社保', '就业', '患者', '诊疗'],
  rural: ['农业', '乡村', '农村', '种植', '养殖', '农产品', '大棚', '果园', '灌溉'],
};

/** The scenario type whose cues occur most (title counts thrice), or undefined when none or a tie. */
export function inferScenarioType(title: string, description: string): string | undefined {
  const scores = Object.entries(cues).map(([code, words]) => {
    let score = 0;
    for (const word of words) {
      score += 3 * occurrences(title, word) + occurrences(description, word);
    }
    return [code, score] as const;
  });
  scores.sort((a, b) => b[1] - a[1]);
  const [best, second] = scores;
  if (!best || best[1] === 0 || best[1] === second?.[1]) return undefined;
  return best[0];
}

function occurrences(text: string, word: string): number {
  return text.split(word).length - 1;
}

export const scenarioTypeLabel = (code: string) => zhLabel('scenarioType', code);
