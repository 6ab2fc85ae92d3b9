import { defaultMatchingConfig } from '../../../src/matching/config.js';
import type { FactorInput } from '../../../src/matching/factors/factor.js';
import type { NeedDoc, SolutionDoc, VendorDoc } from '../../../src/matching/types.js';

export const NOW = new Date('2025-06-01T00:00:00.000Z');
const PUBLISHED = '2025-05-01T00:00:00.000Z';

export function aNeed(overrides: Partial<NeedDoc> = {}): NeedDoc {
  return {
    id: 'need-1',
    title: '坯布织造瑕疵在线自动识别',
    description:
      '织布车间依靠人工验布，漏检率高，希望在织机上加装相机，利用机器视觉在线识别断经、断纬等疵点并自动停机。',
    industry: 'light-industry-textile',
    scenarioType: 'quality',
    technologies: ['machine-vision', 'ai'],
    city: 'dezhou',
    budgetWan: { min: 60, max: 150 },
    status: 'published',
    orgId: 'org-demander',
    deadline: null,
    updatedAt: PUBLISHED,
    publishedAt: PUBLISHED,
    ...overrides,
  };
}

export function aSolution(overrides: Partial<SolutionDoc> = {}): SolutionDoc {
  return {
    id: 'solution-1',
    title: '布面疵点在线智能检测系统',
    description:
      '在织机或验布机上加装工业相机，基于深度学习在线识别断经、断纬、破洞等布面疵点，发现疵点自动停机报警。',
    industries: ['light-industry-textile'],
    scenarioTypes: ['quality', 'production'],
    technologies: ['machine-vision', 'ai', 'edge'],
    regionsServed: ['*'],
    priceWan: { min: 30, max: 150 },
    status: 'published',
    vendorId: 'org-vendor',
    updatedAt: PUBLISHED,
    publishedAt: PUBLISHED,
    ...overrides,
  };
}

export function aVendor(overrides: Partial<VendorDoc> = {}): VendorDoc {
  return {
    id: 'org-vendor',
    name: '潍坊织视智能科技有限公司',
    city: 'weifang',
    status: 'verified',
    qualifications: ['high-tech'],
    deliveredCount: 0,
    ratingAvg: null,
    ratingCount: 0,
    ...overrides,
  };
}

export function factorInput(overrides: Partial<FactorInput> = {}): FactorInput {
  return {
    need: aNeed(),
    solution: aSolution(),
    vendor: aVendor(),
    text: { score: 0.8, sharedTerms: ['疵点', '断经'] },
    platform: { meanRating: 4 },
    now: NOW,
    config: defaultMatchingConfig,
    ranked: 'solution',
    ...overrides,
  };
}
