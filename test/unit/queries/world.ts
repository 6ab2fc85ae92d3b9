import { pino } from 'pino';
import { expect } from 'vitest';
import { promoteCase } from '../../../src/application/case-service.js';
import type { RequestContext } from '../../../src/application/deps.js';
import {
  applyToNeed,
  confirmDelivery,
  rateEngagement,
  scheduleMeeting,
  shortlistEngagement,
  signEngagement,
} from '../../../src/application/engagement-service.js';
import { createNeed, submitNeed } from '../../../src/application/need-service.js';
import { suspendOrganization } from '../../../src/application/organization-service.js';
import { createSolution } from '../../../src/application/solution-service.js';
import { type Actor, anonymous } from '../../../src/domain/shared/actor.js';
import { Projector } from '../../../src/projections/projector.js';
import { loadDefinitions } from '../../../src/search/definitions.js';
import { openSqliteSearchIndex } from '../../../src/search/sqlite/sqlite-search-index.js';
import { createMarketplace, DAY, needInput, solutionInput, staff } from '../application/marketplace.js';

const logger = pino({ level: process.env.TEST_LOG ?? 'silent' });

/**
 * A small known marketplace, projected into a SQLite search index:
 *
 * - demander 鲁中精工 (zibo): n1 视觉检测 (published, 2 engagements, fulfilled), n2 预测性维护 (published,
 *   largest budget), n5 (submitted: the review queue);
 * - demander 海岸冷链 (qingdao): n3 冷链 (published, fulfilled), n4 视觉检测 (draft);
 * - vendor 智衡 (jinan): s1 province-wide, s3 draft; e1 on n1 signed 85 in March, delivered, rated 5 → case c1;
 * - vendor 视微 (qingdao): s2 (qingdao, yantai); e2 on n3 signed 40 in April, delivered → case c2;
 *   e3 on n1, applied only;
 * - vendor 停业 (jinan): verified then suspended.
 */
export async function buildWorld() {
  const market = createMarketplace();
  const search = openSqliteSearchIndex({ path: ':memory:', logger });
  for (const definition of loadDefinitions().values()) await search.applySettings(definition);
  const projector = new Projector({ store: market.store, search, logger });
  await projector.start();
  const { deps } = market;
  const hour = () => market.advance(3_600_000);

  const zibo = await market.verifiedOrg('淄博鲁中精工汽车零部件有限公司', 'demander', 'zibo');
  const qingdao = await market.verifiedOrg('青岛海岸冷链物流有限公司', 'demander', 'qingdao');
  const zhiheng = await market.verifiedOrg('济南智衡工业软件有限公司', 'vendor', 'jinan');
  const shiwei = await market.verifiedOrg('青岛视微智能装备有限公司', 'vendor', 'qingdao');
  const closed = await market.verifiedOrg('济南停业数据服务有限公司', 'vendor', 'jinan');
  await suspendOrganization(deps, staff, closed.actor.orgId!, { reason: '资质材料过期，暂停服务' });

  const n1 = await market.approvedNeed(zibo);
  hour();
  const n2 = await market.approvedNeed(zibo, {
    title: '冲压模具设备预测性维护',
    description: '冲压设备突发故障多，希望通过振动与温度传感器采集数据，预测模具与主轴故障，减少非计划停机。',
    technologies: ['iot', 'big-data'],
    budgetWan: { min: 200, max: 300 },
  });
  hour();
  const n3 = await market.approvedNeed(qingdao, {
    title: '冷链物流温度监测与追溯',
    description: '冷库与冷藏车温度靠人工记录，希望用物联网传感器实时监测温度并全程追溯。',
    industry: 'transport-logistics',
    scenarioType: 'supply-chain',
    technologies: ['iot'],
    city: 'qingdao',
    budgetWan: { min: 30, max: 60 },
  });
  hour();
  const n4 = await createNeed(deps, qingdao, {
    ...needInput,
    title: '仓储包装视觉检测（草稿）',
    city: 'qingdao',
  });
  const n5 = await createNeed(deps, zibo, { ...needInput, title: '质检报告自动生成' });
  await submitNeed(deps, zibo, n5.id);

  const s1 = await market.publishedSolution(zhiheng);
  const s2 = await market.publishedSolution(shiwei, {
    title: '冷链温度物联网监测平台',
    description: '无线温度传感器与云平台，冷库、冷藏车全程温度监测、告警与追溯。',
    industries: ['transport-logistics'],
    scenarioTypes: ['supply-chain'],
    technologies: ['iot'],
    regionsServed: ['qingdao', 'yantai'],
    deployment: 'saas',
  });
  const s3 = await createSolution(deps, zhiheng, { ...solutionInput, title: '设备预测性维护平台（草稿）' });

  const sign = async (vendor: RequestContext, demander: RequestContext, id: string, amountWan: number) => {
    await shortlistEngagement(deps, demander, id);
    const at = new Date(deps.clock().getTime() + DAY).toISOString();
    await scheduleMeeting(deps, demander, id, { at, location: '线上会议' });
    await signEngagement(deps, vendor, id, { amountWan });
    await signEngagement(deps, demander, id, { amountWan });
  };
  const proposal = '三个月内完成部署与调试，提供一年运维。';
  const e3 = await applyToNeed(deps, shiwei, n1.id, { solutionId: s2.id, proposal, quoteWan: 70 });
  const e1 = await applyToNeed(deps, zhiheng, n1.id, { solutionId: s1.id, proposal, quoteWan: 90 });
  await sign(zhiheng, zibo, e1.id, 85);
  market.advance(DAY); // past the meeting
  await confirmDelivery(deps, zibo, e1.id);
  await rateEngagement(deps, zibo, e1.id, { score: 5, comment: '漏检率明显下降' });
  await rateEngagement(deps, zhiheng, e1.id, { score: 5, comment: '配合顺畅' });
  await promoteCase(deps, staff, e1.id, {
    summary: '以机器视觉替代人工目检，漏检率由3%降至0.3%，适合同类冲压产线复用。',
  });

  market.advance(31 * DAY);
  const e2 = await applyToNeed(deps, shiwei, n3.id, { solutionId: s2.id, proposal, quoteWan: 45 });
  await sign(shiwei, qingdao, e2.id, 40);
  market.advance(DAY); // past the meeting
  await confirmDelivery(deps, qingdao, e2.id);
  await rateEngagement(deps, qingdao, e2.id, { score: 4, comment: '告警及时' });
  await rateEngagement(deps, shiwei, e2.id, { score: 5, comment: '验收顺利' });
  await promoteCase(deps, staff, e2.id, { summary: '冷库与冷藏车温度全程在线监测，货损率下降一半。' });

  const head = await market.store.headPosition();
  expect(await projector.waitFor(head, 10_000)).toBe(true);

  const actor = (ctx: RequestContext): Actor => ctx.actor;
  return {
    market,
    search,
    projector,
    orgs: { zibo, qingdao, zhiheng, shiwei, closed },
    viewers: {
      anonymous,
      staff: staff.actor,
      zibo: actor(zibo),
      qingdao: actor(qingdao),
      zhiheng: actor(zhiheng),
      shiwei: actor(shiwei),
    },
    needs: { n1: n1.id, n2: n2.id, n3: n3.id, n4: n4.id, n5: n5.id },
    solutions: { s1: s1.id, s2: s2.id, s3: s3.id },
    engagements: { e1: e1.id, e2: e2.id, e3: e3.id },
    async close() {
      await projector.stop();
      await search.close();
      await market.close();
    },
  };
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

/** The ids of a list's hits, in order. */
export const ids = (page: { hits: { id: string }[] }) => page.hits.map((h) => h.id);
