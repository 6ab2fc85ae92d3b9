import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closeCampaign,
  openCampaign,
  publishCampaignList,
} from '../../../src/application/campaign-service.js';
import { importListings } from '../../../src/application/import-service.js';
import { exportCampaignList } from '../../../src/application/list-export-service.js';
import type { ListFormat } from '../../../src/export/list-export.js';
import type { ListKind } from '../../../src/sheet/list-columns.js';
import { readWorkbook } from '../../../src/sheet/read-sheet.js';
import { cloneWorld, createWorld, staff, type World } from './world.js';

const ORGS = [
  ['淄博鲁中精工汽车零部件有限公司', 'demander', 'zibo'],
  ['潍坊锦程棉纺织有限公司', 'demander', 'weifang'],
  ['济南智衡工业软件有限公司', 'vendor', 'jinan'],
  ['青岛视微智能装备有限公司', 'vendor', 'qingdao'],
] as const;

const NEEDS = [
  '序号,场景名称,需求单位,所属行业,场景类型,所在地市,场景描述,技术领域,预算(万元),截止日期,联系人,联系电话,电子邮箱',
  '1,多品种小批量机加车间智能排产,淄博鲁中精工汽车零部件有限公司,高端装备,生产制造,淄博市,"现有12条机加线、80余台数控设备，计划员用Excel手工编排，插单后重排需要半天。希望建设高级计划排程系统，与ERP打通。",人工智能、工业互联网,60-120,2025-12-31,张伟,13912345678,zhangwei@example.com',
  '2,纺纱织造车间生产过程透明化管理,潍坊锦程棉纺织有限公司,现代轻工纺织,生产制造,潍坊市,"细纱机、喷气织机共600余台，产量统计、工资核算依赖纸质单据，希望建设生产执行系统，""按年订阅""付费。",物联网,30,,李娜,0536-8123456,lina@example.com',
  '3,坯布织造瑕疵在线自动识别,潍坊锦程棉纺织有限公司,现代轻工纺织,质量检测与追溯,潍坊市,"人工验布漏检率高，希望在织机上加装相机，实时识别断经、断纬、破洞等瑕疵并报警。",机器视觉、边缘计算,60-150,,李娜,0536-8123456,lina@example.com',
].join('\r\n');

const SOLUTIONS = [
  '序号,方案名称,服务商,适用行业,场景类型,技术领域,服务地区,方案描述,参考价格(万元),部署方式',
  '1,APS高级计划与排程系统,济南智衡工业软件有限公司,高端装备,生产制造、经营管理,人工智能、工业互联网,全省,"面向离散制造的有限产能排程软件，综合设备能力、换型时间和物料齐套自动生成作业计划，支持插单重排。",50-150,本地部署',
  '2,坯布瑕疵视觉检测系统,青岛视微智能装备有限公司,现代轻工纺织,质量检测与追溯,机器视觉,"青岛市、潍坊市、滨州市","在织机或验布机上加装线阵相机，深度学习识别几十类织造瑕疵，实时报警并生成质量报表。",20-60,混合部署',
].join('\r\n');

async function publishedCampaign(world: World, kind: ListKind, file: { bytes: Buffer; filename: string }) {
  const now = world.deps.clock();
  const campaign = await openCampaign(world.deps, staff, {
    title: '2025年第一批数字化应用场景征集',
    kind: 'both',
    opensAt: new Date(now.getTime() - 1000).toISOString(),
    closesAt: new Date(now.getTime() + 86_400_000).toISOString(),
  });
  const report = await importListings(world.deps, staff, file, { kind, campaignId: campaign.id });
  expect(report.counts.rejected, JSON.stringify(report.issues)).toBe(0);
  await closeCampaign(world.deps, staff, campaign.id);
  await publishCampaignList(world.deps, staff, campaign.id);
  return campaign.id;
}

async function cells(bytes: Buffer, filename: string): Promise<string[][]> {
  const { sheets } = await readWorkbook(bytes, filename);
  return sheets[0]!.rows.map((row) => row.cells);
}

describe('list export → import → export', () => {
  let orgsOnly: World;
  beforeAll(async () => {
    orgsOnly = createWorld();
    for (const [name, kind, city] of ORGS) await orgsOnly.verifiedOrg(name, kind, city);
  });
  afterAll(() => orgsOnly.close());

  const worlds: World[] = [];
  afterEach(async () => {
    for (const world of worlds.splice(0)) await world.close();
  });

  for (const [kind, source] of [
    ['needs', NEEDS],
    ['solutions', SOLUTIONS],
  ] as const) {
    for (const format of ['xlsx', 'csv'] as ListFormat[]) {
      it(`keeps every row of a published ${kind} list through ${format}`, async () => {
        const first = await cloneWorld(orgsOnly);
        const second = await cloneWorld(orgsOnly);
        worlds.push(first, second);
        const firstCampaign = await publishedCampaign(first, kind, {
          bytes: Buffer.from(source),
          filename: 'list.csv',
        });
        const exported = await exportCampaignList(first.deps, staff, {
          campaignId: firstCampaign,
          kind,
          format,
        });

        const secondCampaign = await publishedCampaign(second, kind, {
          bytes: exported.body,
          filename: exported.filename,
        });
        const again = await exportCampaignList(second.deps, staff, {
          campaignId: secondCampaign,
          kind,
          format,
        });

        const before = await cells(exported.body, exported.filename);
        const after = await cells(again.body, again.filename);
        expect(before).toHaveLength(source.split('\r\n').length);
        // 对接方式 links to each listing's page on the platform that published it: the one column
        // that differs between the two platforms, and the one column an import does not read.
        const respond = before[0]!.indexOf('对接方式');
        expect(respond).toBeGreaterThan(0);
        for (const row of [...before.slice(1), ...after.slice(1)])
          expect(row[respond]).toMatch(new RegExp(`^/${kind}/[0-9a-f-]{36}$`));
        const withoutLink = (rows: string[][]) => rows.map((row) => row.filter((_, i) => i !== respond));
        expect(withoutLink(after)).toEqual(withoutLink(before));
      });
    }
  }
});
