/** Valid bodies for the API tests, in the taxonomy's codes. */
export const needBody = {
  title: '智能质检产线改造',
  description: '我们有三条汽车零部件生产线，需要利用机器视觉实现表面缺陷在线检测，替代人工目检。',
  industry: 'high-end-equipment',
  scenarioType: 'production',
  technologies: ['ai', 'machine-vision'],
  city: 'jinan',
  budgetWan: { min: 50, max: 120 },
};

export const solutionBody = {
  title: '工业视觉缺陷检测平台',
  description: '基于深度学习的表面缺陷检测系统，支持产线在线部署，已在多家汽车零部件企业落地应用。',
  industries: ['high-end-equipment'],
  scenarioTypes: ['production'],
  technologies: ['machine-vision', 'ai'],
  regionsServed: ['*'],
  priceWan: { min: 30, max: 100 },
  deployment: 'hybrid',
};

export const applicationBody = (solutionId: string) => ({
  solutionId,
  proposal: '在两条产线部署视觉检测工位，三个月内上线，提供一年运维。',
  quoteWan: 80,
});
