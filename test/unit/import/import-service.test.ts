import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeCampaign, openCampaign } from '../../../src/application/campaign-service.js';
import { importListings } from '../../../src/application/import-service.js';
import { getNeed } from '../../../src/application/need-service.js';
import { createWorld, failingAfter, staff, type World } from './world.js';

const HEADER = '序号,场景名称,需求单位,所属行业,所在地市,场景描述,技术领域,预算(万元),联系人,联系电话';
const DESCRIPTION = '现有机加线12条，计划由人工编排，插单后重排需要半天，希望建设排产系统并与ERP打通。';

function csv(...lines: string[]): Buffer {
  return Buffer.from([HEADER, ...lines].join('\r\n'), 'utf8');
}

describe('importListings', () => {
  let world: World;
  beforeEach(async () => {
    world = createWorld();
    await world.verifiedOrg('淄博鲁中精工汽车零部件有限公司', 'demander', 'zibo');
  });
  afterEach(() => world.close());

  it('imports valid rows, rejects the others with row, column and reason, and counts add up', async () => {
    const file = csv(
      `1,机加车间智能排产,淄博鲁中精工汽车零部件有限公司,高端装备,淄博市,${DESCRIPTION},机器视觉、人工智能,50-120,张伟,13912345678`,
      `2,车间设备联网改造,淄博鲁中精工汽车零部件有限公司,高端装备,北京市,${DESCRIPTION},物联网,五十万,张伟,13912345678`,
      `3,车间能耗在线监测,未注册的单位,高端装备,淄博,${DESCRIPTION},物联网,100,,`,
      ',,,,,,,,,',
    );
    const report = await importListings(
      world.deps,
      staff,
      { bytes: file, filename: '清单.csv' },
      { kind: 'needs' },
    );

    expect(report.counts).toEqual({ read: 3, imported: 1, duplicate: 0, rejected: 2, blank: 1 });
    const { read, imported, duplicate, rejected } = report.counts;
    expect(imported + duplicate + rejected).toBe(read);
    expect(report.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          row: 3,
          column: '所在地市',
          value: '北京市',
          reason: expect.stringContaining('不是山东省的地市'),
        }),
        expect.objectContaining({
          row: 3,
          column: '预算(万元)',
          value: '五十万',
          reason: expect.stringContaining('不要写“五十万”'),
        }),
        expect.objectContaining({
          row: 4,
          column: '需求单位',
          reason: expect.stringContaining('未在平台注册'),
        }),
      ]),
    );
    const [row] = report.imported;
    const need = await getNeed(world.deps, row!.id);
    expect(need.state).toMatchObject({
      status: 'published',
      title: '机加车间智能排产',
      industry: 'high-end-equipment',
      city: 'zibo',
      technologies: ['machine-vision', 'ai'],
      budgetWan: { min: 50, max: 120 },
      scenarioType: 'production',
      contact: { name: '张伟', phone: '13912345678', email: 'wangwei@example.com' },
    });
  });

  it('imports nothing twice: the same file again is all duplicates', async () => {
    const file = csv(
      `1,机加车间智能排产,淄博鲁中精工汽车零部件有限公司,高端装备,淄博,${DESCRIPTION},人工智能,100,张伟,13912345678`,
    );
    await importListings(world.deps, staff, { bytes: file, filename: 'a.csv' }, { kind: 'needs' });
    const again = await importListings(
      world.deps,
      staff,
      { bytes: file, filename: 'a.csv' },
      { kind: 'needs' },
    );
    expect(again.counts).toMatchObject({ read: 1, imported: 0, duplicate: 1, rejected: 0 });
  });

  it('reads GB18030 CSV as Chinese office software writes it', async () => {
    const text = [
      HEADER,
      `1,机加车间智能排产,淄博鲁中精工汽车零部件有限公司,高端装备,淄博,${DESCRIPTION},人工智能,100,张伟,13912345678`,
    ].join('\r\n');
    const report = await importListings(
      world.deps,
      staff,
      { bytes: iconv.encode(text, 'gb18030'), filename: 'gbk.csv' },
      { kind: 'needs', dryRun: true },
    );
    expect(report.file.encoding).toBe('gb18030');
    expect(report.counts).toMatchObject({ read: 1, imported: 1, rejected: 0 });
  });

  it('resumes an import cut off at any point: every row ends up imported exactly once', async () => {
    const file = csv(
      `1,机加车间智能排产,淄博鲁中精工汽车零部件有限公司,高端装备,淄博,${DESCRIPTION},人工智能,100,张伟,13912345678`,
      `2,车间设备预测性维护,淄博鲁中精工汽车零部件有限公司,高端装备,淄博,${DESCRIPTION},物联网,80,张伟,13912345678`,
    );
    for (const failAt of [0, 2, 4, 7]) {
      const trial = createWorld();
      await trial.verifiedOrg(`淄博鲁中精工汽车零部件有限公司`, 'demander', 'zibo');
      const broken = { ...trial.deps, store: failingAfter(trial.store, failAt) };
      await expect(
        importListings(broken, staff, { bytes: file, filename: 'a.csv' }, { kind: 'needs' }),
      ).rejects.toThrow('disk gone');
      const report = await importListings(
        trial.deps,
        staff,
        { bytes: file, filename: 'a.csv' },
        { kind: 'needs' },
      );
      expect(report.counts.imported + report.counts.duplicate, `failing at append ${failAt}`).toBe(2);
      const created = (await trial.store.readAll()).filter((e) => e.type === 'NeedCreated');
      expect(created.map((e) => e.data.title).sort()).toEqual(['机加车间智能排产', '车间设备预测性维护']);
      for (const event of created) {
        expect((await getNeed(trial.deps, String(event.data.needId))).state.status).toBe('published');
      }
      await trial.close();
    }
  });

  it("leaves an organization's own upload under review, and keeps it to its own organization", async () => {
    const orgId = await world.verifiedOrg('潍坊锦程棉纺织有限公司', 'demander', 'weifang');
    const member = { actor: { userId: null, orgId, role: 'demander' as const }, correlationId: 't' };
    const file = Buffer.from(
      `场景名称,所属行业,所在地市,场景描述,技术领域,预算(万元)\n纺纱车间生产过程透明化管理,现代轻工纺织,潍坊,${DESCRIPTION},物联网,30-60\n`,
    );
    const report = await importListings(
      world.deps,
      member,
      { bytes: file, filename: 'a.csv' },
      { kind: 'needs' },
    );
    expect(report.imported).toEqual([expect.objectContaining({ status: 'submitted' })]);
    await expect(
      importListings(
        world.deps,
        member,
        { bytes: file, filename: 'a.csv' },
        { kind: 'needs', orgId: 'another' },
      ),
    ).rejects.toMatchObject({ code: 'import.other_org', status: 403 });
  });

  it('refuses the whole file when its campaign is not taking submissions', async () => {
    const now = world.deps.clock().getTime();
    const campaign = await openCampaign(world.deps, staff, {
      title: '2025年第一批场景征集',
      kind: 'needs',
      opensAt: new Date(now - 1000).toISOString(),
      closesAt: new Date(now + 86_400_000).toISOString(),
    });
    await closeCampaign(world.deps, staff, campaign.id);
    const file = csv(
      `1,机加车间智能排产,淄博鲁中精工汽车零部件有限公司,高端装备,淄博,${DESCRIPTION},人工智能,100,,`,
    );
    await expect(
      importListings(
        world.deps,
        staff,
        { bytes: file, filename: 'a.csv' },
        { kind: 'needs', campaignId: campaign.id },
      ),
    ).rejects.toMatchObject({ code: 'import.campaign_not_open' });
    await expect(
      importListings(
        world.deps,
        staff,
        { bytes: file, filename: 'a.csv' },
        { kind: 'solutions', campaignId: campaign.id },
      ),
    ).rejects.toMatchObject({ code: 'import.campaign_not_open' });
  });
});
