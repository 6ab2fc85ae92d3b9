import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, type BrowserEnv, chromiumAvailable, freshUscc, startBrowserEnv } from './harness.js';
import { signIn } from './page-steps.js';

/**
 * The platform's main path in a real browser, one person per browser profile: a demander posts a need and
 * sees it in review; staff approve it; a vendor finds it by a Chinese keyword and takes it up (揭榜); the
 * demander shortlists, meets and signs with the vendor; the staff dashboard shows the new counts. Each step
 * leaves a screenshot in test-results/screenshots/.
 */
const PASSWORD = 'Pass1234word';
const WAIT = { timeout: 10_000, interval: 100 };

/** The text of every element the locator matches, waited for: pages load after each click. */
function textOf(locator: Locator): Promise<string> {
  return locator.allInnerTexts().then((texts) => texts.join('\n'));
}

async function contains(locator: Locator, text: string) {
  await expect.poll(() => textOf(locator), WAIT).toContain(text);
}

async function hasText(locator: Locator, text: string) {
  await expect.poll(() => textOf(locator.first()).then((t) => t.trim()), WAIT).toBe(text);
}

async function attribute(locator: Locator, name: string, value: string) {
  await expect.poll(() => locator.getAttribute(name), WAIT).toBe(value);
}
const NEED_TITLE = '汽车零部件表面缺陷视觉检测';

async function register(page: Page, kind: 'demander' | 'vendor', name: string, username: string) {
  await page.goto('/register');
  await page.getByLabel('机构名称').fill(name);
  await page.getByLabel('统一社会信用代码').fill(freshUscc());
  await page.getByLabel('机构类型').selectOption(kind);
  await page.getByLabel('所在城市').selectOption(kind === 'demander' ? 'jinan' : 'qingdao');
  await page.locator('#f-contact-name').fill('王主任');
  await page.getByLabel('联系电话').fill('0531-88886666');
  await page.getByLabel('电子邮箱').fill(`${username}@example.cn`);
  await page.getByLabel('管理员用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(PASSWORD);
  await page.getByLabel('确认密码').fill(PASSWORD);
  await page.getByLabel(/我已阅读并同意/).check();
  await page.getByRole('button', { name: '注册' }).click();
  await contains(page.getByRole('status'), '注册成功');
}

/** The organization id a member sees on its workspace, which staff look up to verify it. */
async function ownOrgId(page: Page): Promise<string> {
  await page.goto('/my');
  const id = await page.getByTestId('org-id').textContent({ timeout: WAIT.timeout });
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id!;
}

async function verifyOrg(staff: Page, orgId: string) {
  await staff.goto(`/admin/orgs?id=${orgId}`);
  await staff.getByRole('button', { name: '通过认证' }).click();
  await contains(staff.getByRole('status'), '已通过认证');
}

describe.skipIf(!chromiumAvailable())('web UI: from a posted need to a signed engagement', () => {
  let env: BrowserEnv;
  let demander: Page;
  let vendor: Page;
  let staff: Page;
  let needUrl = '';
  let engagementUrl = '';

  beforeAll(async () => {
    env = await startBrowserEnv();
    [demander, vendor, staff] = await Promise.all([
      env.person().then((p) => p.page),
      env.person().then((p) => p.page),
      env.person().then((p) => p.page),
    ]);
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it('registers both organizations, shows field errors in Chinese, and staff verify them', async () => {
    await demander.goto('/register');
    await demander.getByLabel('统一社会信用代码').fill('91370100MA00000000');
    await demander.getByRole('button', { name: '注册' }).click();
    const usccField = demander.locator('.field', { has: demander.getByLabel('统一社会信用代码') });
    await hasText(usccField.locator('.field-error'), '统一社会信用代码无效，请核对（校验位不符）');
    await hasText(
      demander.locator('.field', { has: demander.getByLabel('机构名称') }).locator('.field-error'),
      '请填写机构名称',
    );
    await env.screenshot(demander, '01-register-errors');

    await register(demander, 'demander', '济南市精工汽车零部件有限公司', 'jinggong');
    await contains(demander.getByRole('note'), '等待平台认证');
    const demanderOrg = await ownOrgId(demander);
    await register(vendor, 'vendor', '青岛慧眼智能科技有限公司', 'huiyan');
    const vendorOrg = await ownOrgId(vendor);

    await signIn(staff, ADMIN.username, ADMIN.password);
    // The dashboard shows who waits for verification, once the read model has taken in the registrations.
    const waiting = staff.getByRole('region', { name: '待认证机构' });
    await expect
      .poll(async () => {
        await staff.goto('/admin');
        return textOf(waiting);
      }, WAIT)
      .toContain('青岛慧眼智能科技有限公司');
    await contains(waiting, '济南市精工汽车零部件有限公司');
    await env.screenshot(staff, '02b-dashboard-pending-orgs');
    // The demander is found where staff review: the list of organizations awaiting verification.
    await staff.goto('/admin/orgs');
    const awaiting = staff.getByRole('region', { name: /^待认证机构/ });
    await contains(awaiting, '需求方');
    await env.screenshot(staff, '02a-pending-orgs');
    await awaiting.getByRole('link', { name: '济南市精工汽车零部件有限公司' }).click();
    await contains(staff.locator('main'), demanderOrg);
    await staff.getByRole('button', { name: '通过认证' }).click();
    await contains(staff.getByRole('status'), '已通过认证');
    await verifyOrg(staff, vendorOrg);
    await env.screenshot(staff, '02-staff-verified-org');
  });

  it('lets the vendor publish a solution that staff approve', async () => {
    await vendor.goto('/solutions/new');
    await vendor.getByLabel('方案名称').fill('慧眼工业视觉质检平台');
    await vendor
      .getByLabel('方案介绍')
      .fill('基于深度学习的工业视觉质检平台，覆盖金属件、注塑件表面缺陷检测，支持产线实时检测与缺陷追溯。');
    await vendor.locator('input[name=industries][value=high-end-equipment]').check();
    await vendor.locator('input[name=scenarioTypes][value=quality]').check();
    await vendor.locator('input[name=technologies][value=machine-vision]').check();
    await vendor.locator('input[name=technologies][value=ai]').check();
    await vendor.locator('input[name=regionsServed][value="*"]').check();
    await vendor.getByLabel('报价下限（万元）').fill('30');
    await vendor.getByLabel('报价上限（万元）').fill('80');
    await vendor.getByLabel('部署方式').selectOption('hybrid');
    await vendor.getByRole('button', { name: '保存并提交审核' }).click();
    await contains(vendor.getByRole('status'), '方案已提交');

    await staff.goto('/admin/review');
    const row = staff.getByRole('row', { name: /慧眼工业视觉质检平台/ });
    await row.getByRole('button', { name: '通过' }).click();
    await contains(staff.getByRole('status'), '方案已审核通过');
    await env.screenshot(staff, '03-solution-approved');
  });

  it('shows the demander field-level errors, then takes the need into review', async () => {
    await demander.goto('/needs/new');
    await demander.getByLabel('需求标题').fill('检测');
    await demander.getByLabel('预算下限（万元）').fill('80');
    await demander.getByLabel('预算上限（万元）').fill('20');
    await demander.getByRole('button', { name: '保存并提交审核' }).click();
    const errorOf = (label: string) =>
      demander.locator('.field', { has: demander.getByLabel(label) }).locator('.field-error');
    await hasText(errorOf('需求标题'), '标题须为4到60个字');
    await hasText(errorOf('预算上限（万元）'), '最高金额不能低于最低金额');
    await hasText(errorOf('所属行业'), '请选择行业');
    await contains(demander.getByRole('alert'), '提交的内容有误');
    await env.screenshot(demander, '04-need-form-errors');

    await demander.getByLabel('需求标题').fill(NEED_TITLE);
    await demander
      .getByLabel('需求描述')
      .fill(
        '我司冲压和机加工产线每天产出约两万件零部件，目前依靠人工目检表面划痕、凹坑和锈蚀，漏检率高。希望引入机器视觉在线检测，实现缺陷自动识别与质量追溯。',
      );
    await demander.getByLabel('所属行业').selectOption('high-end-equipment');
    await demander.getByLabel('场景类型').selectOption('quality');
    await demander.locator('input[name=technologies][value=machine-vision]').check();
    await demander.getByLabel('所在城市').selectOption('jinan');
    await demander.getByLabel('预算下限（万元）').fill('40');
    await demander.getByLabel('预算上限（万元）').fill('90');
    await demander.getByRole('button', { name: '保存并提交审核' }).click();
    await contains(demander.getByRole('status'), '需求已提交');
    await hasText(demander.getByRole('heading', { level: 1 }), NEED_TITLE);
    await hasText(demander.locator('.badge').first(), '待审核');
    needUrl = demander.url();
    await env.screenshot(demander, '05-need-in-review');
  });

  it('lets staff approve the need from the review queue', async () => {
    await staff.goto('/admin/review');
    const row = staff.getByRole('row', { name: new RegExp(NEED_TITLE) });
    await contains(row, '济南市精工汽车零部件有限公司');
    await env.screenshot(staff, '06-review-queue');
    await row.getByRole('button', { name: '通过' }).click();
    await contains(staff.getByRole('status'), '需求已审核通过');
    await staff.goto(needUrl);
    await hasText(staff.locator('.badge').first(), '已发布');
  });

  it('lets the vendor find the need by a Chinese keyword and take it up', async () => {
    await vendor.goto('/needs');
    await vendor.getByRole('searchbox', { name: '关键词' }).fill('视觉检测');
    await vendor.getByRole('button', { name: '搜索', exact: true }).click();
    await contains(vendor.getByRole('status'), '共找到 1 条场景需求');
    await contains(vendor.locator('.facets'), '济南');
    await env.screenshot(vendor, '07-vendor-search');
    await vendor.getByRole('link', { name: NEED_TITLE }).click();

    await vendor
      .getByLabel('揭榜方案说明')
      .fill('部署两套线阵相机与缺陷识别模型，八周内上线，提供缺陷追溯看板。');
    await vendor.getByLabel('报价（万元）').fill('68');
    await vendor.getByRole('button', { name: '揭榜' }).click();
    await contains(vendor.getByRole('status'), '揭榜成功');
    await hasText(vendor.locator('.badge').first(), '已揭榜');
    engagementUrl = vendor.url();
    await env.screenshot(vendor, '08-vendor-applied');
  });

  it('lets the demander see the matches, shortlist, meet and sign with the vendor', async () => {
    await demander.goto(needUrl);
    await contains(demander.getByRole('region', { name: '揭榜与对接' }), '青岛慧眼智能科技有限公司');
    const matches = demander.getByRole('region', { name: '云速配推荐方案' });
    await contains(matches, '慧眼工业视觉质检平台');
    await matches.getByRole('meter').first().waitFor({ state: 'visible' });
    await env.screenshot(demander, '09-demander-need-matches');

    await demander.goto(engagementUrl);
    await demander.getByLabel(/同意向该服务商提供/).check();
    await demander.getByRole('button', { name: '列入入围名单' }).click();
    await hasText(demander.locator('.badge').first(), '已入围');
    // Later today (北京时间): delivery may be confirmed from the meeting's day on, which the next test does.
    const soon = new Date(Date.now() + 5 * 60_000 + 8 * 3_600_000).toISOString().slice(0, 16);
    await demander.getByLabel('约谈时间').fill(soon);
    await demander.getByLabel('约谈地点').fill('济南市高新区舜华路1号');
    await demander.getByRole('button', { name: '确定约谈' }).click();
    await hasText(demander.locator('.badge').first(), '已约谈');
    // A typo: 6.6 for 66. The vendor's 66 is refused, and the demander withdraws its figure to correct it.
    await demander.getByLabel('合同金额（万元）').fill('6.6');
    await demander.getByRole('button', { name: '确认签约' }).click();
    await contains(demander.getByRole('status'), '签约信息已提交');

    await vendor.goto(engagementUrl);
    await vendor.getByLabel('合同金额（万元）').fill('66');
    await vendor.getByRole('button', { name: '确认签约' }).click();
    await contains(
      vendor.locator('.error-summary, .field-error, [role=alert]'),
      '签约金额与对方确认的金额不一致',
    );

    await demander.goto(engagementUrl);
    const correction = demander.getByRole('region', { name: '更正合同金额' });
    await contains(correction, '6.6');
    await env.screenshot(demander, '10a-amount-to-correct');
    await correction.getByRole('button', { name: '撤回我的金额' }).click();
    await contains(demander.getByRole('status'), '已撤回您的签约金额');
    await demander.getByLabel('合同金额（万元）').fill('66');
    await demander.getByRole('button', { name: '确认签约' }).click();
    await contains(demander.getByRole('status'), '签约信息已提交');

    await vendor.goto(engagementUrl);
    await vendor.getByLabel('合同金额（万元）').fill('66');
    await vendor.getByRole('button', { name: '确认签约' }).click();
    await hasText(vendor.locator('.badge').first(), '已签约');
    await contains(vendor.locator('.facts'), '66');
    await env.screenshot(vendor, '10-signed-corrected-amount');
  });

  it('takes the project to delivery and ratings, into the case library and the vendor profile', async () => {
    await demander.goto(engagementUrl);
    await demander.getByRole('button', { name: '确认项目已交付' }).click();
    await hasText(demander.locator('.badge'), '已交付');
    await demander.getByLabel('评分').selectOption('5');
    await demander.getByLabel('评价', { exact: true }).fill('检测准确，交付及时。');
    await demander.getByRole('button', { name: '提交评价' }).click();
    await contains(demander.getByRole('status'), '感谢您的评价');
    await vendor.goto(engagementUrl);
    await vendor.getByLabel('评分').selectOption('5');
    await vendor.getByRole('button', { name: '提交评价' }).click();
    await hasText(vendor.locator('.badge'), '已评价');

    await staff.goto(engagementUrl);
    await staff.getByLabel('案例摘要').fill('机器视觉替代人工目检，漏检率显著下降，可在同类冲压产线复用。');
    await staff.getByRole('button', { name: '入选案例库' }).click();
    await contains(staff.getByRole('status'), '已入选典型案例库');
    // The engagement now links to its case instead of offering the form again.
    const promoted = staff.getByRole('region', { name: '典型案例' });
    await contains(promoted, '已入选典型案例库');
    expect(await staff.getByRole('button', { name: '入选案例库' }).count()).toBe(0);
    await env.screenshot(staff, '11a-engagement-promoted');
    await promoted.getByRole('link', { name: NEED_TITLE }).click();
    await hasText(staff.locator('h1'), NEED_TITLE);
    await staff.goto('/cases');
    await contains(staff.locator('main'), NEED_TITLE);
    await env.screenshot(staff, '11-case-library');

    await vendor.goto('/my');
    await vendor.getByRole('link', { name: '查看我的公开画像' }).click();
    await contains(vendor.getByRole('region', { name: '服务商数据' }), '1\n交付项目');
    await contains(vendor.locator('main'), '5.0');
    await env.screenshot(vendor, '12-vendor-profile');
  });

  it('runs a campaign: collects a need, publishes the lists with 序号, downloads them and matches them', async () => {
    const chinaLocal = (offsetMs: number) =>
      new Date(Date.now() + offsetMs + 8 * 3_600_000).toISOString().slice(0, 16);
    await staff.goto('/admin/campaigns');
    await staff.getByLabel('批次名称').fill('2025年第一批数字化应用场景征集');
    await staff.getByLabel('征集类型').selectOption('both');
    await staff.getByLabel('开始时间').fill(chinaLocal(-3_600_000));
    await staff.getByLabel('截止时间').fill(chinaLocal(7 * 86_400_000));
    await staff.getByRole('button', { name: '开启征集' }).click();
    await contains(staff.getByRole('status'), '征集批次已开启');
    const campaignUrl = staff.url();

    await demander.goto('/needs/new');
    await demander.getByLabel('需求标题').fill('冲压车间设备预测性维护');
    await demander
      .getByLabel('需求描述')
      .fill(
        '冲压车间二十台压力机缺少状态监测，停机多为突发故障。希望采集振动与电流数据，用机器视觉和人工智能预测故障。',
      );
    await demander.getByLabel('所属行业').selectOption('high-end-equipment');
    await demander.getByLabel('场景类型').selectOption('production');
    await demander.locator('input[name=technologies][value=ai]').check();
    await demander.getByLabel('所在城市').selectOption('jinan');
    await demander.getByLabel('预算下限（万元）').fill('50');
    await demander.getByLabel('预算上限（万元）').fill('120');
    await demander.getByLabel('参加征集批次').selectOption({ label: '2025年第一批数字化应用场景征集' });
    await demander.getByRole('button', { name: '保存并提交审核' }).click();
    await contains(demander.getByRole('status'), '需求已提交');
    await staff.goto('/admin/review');
    await staff
      .getByRole('row', { name: /冲压车间设备预测性维护/ })
      .getByRole('button', { name: '通过' })
      .click();
    await contains(staff.getByRole('status'), '需求已审核通过');

    await staff.goto(campaignUrl);
    await staff.getByRole('button', { name: '截止征集' }).click();
    await contains(staff.getByRole('status'), '征集已截止');
    await staff.getByRole('button', { name: '发布清单' }).click();
    await contains(staff.getByRole('status'), '清单已发布');
    const list = staff.getByRole('table');
    await contains(list, '序号');
    await contains(list.getByRole('row', { name: /冲压车间设备预测性维护/ }), '1');
    await env.screenshot(staff, '13-campaign-list');

    const csv = await staff.request.get(
      (await staff.getByRole('link', { name: '下载 CSV' }).getAttribute('href')) ?? '',
    );
    expect(csv.headers()['content-type']).toBe('text/csv; charset=utf-8');
    expect(await csv.text()).toContain('冲压车间设备预测性维护');
    const xlsx = await staff.request.get(
      (await staff.getByRole('link', { name: '下载 Excel' }).getAttribute('href')) ?? '',
    );
    expect(xlsx.headers()['content-type']).toContain('spreadsheetml');
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');

    await staff.getByRole('link', { name: '云速配匹配轮次' }).click();
    await staff.getByRole('button', { name: '开始匹配' }).click();
    await contains(staff.locator('main'), '慧眼工业视觉质检平台');
    await env.screenshot(staff, '14-match-round');
    await staff.getByRole('button', { name: '全部转为对接' }).click();
    await contains(staff.getByRole('status'), '已转为对接 1 项');

    // Back on the campaign's rounds, the round is listed with what became of its recommendations.
    await staff.getByRole('link', { name: '云速配匹配轮次' }).click();
    const rounds = staff.getByRole('region', { name: '已运行的匹配轮次（1）' });
    await contains(rounds, '已完成');
    await contains(rounds, '1 / 1');
    await env.screenshot(staff, '14a-match-rounds-of-campaign');
  });

  it('shows the new counts on the staff dashboard', async () => {
    await staff.goto('/admin');
    await attribute(staff.getByRole('progressbar', { name: '签约项目' }), 'value', '1');
    // 济南's need signed with 青岛's vendor: both cities are 牵手城市.
    await attribute(staff.getByRole('progressbar', { name: '牵手城市' }), 'value', '2');
    await contains(
      staff.getByRole('region', { name: '服务商打榜（按交付项目、评分）' }),
      '青岛慧眼智能科技有限公司',
    );
    await contains(staff.getByRole('figure', { name: '需求行业分布' }), '高端装备');
    await staff.getByRole('figure', { name: '对接漏斗' }).locator('svg').waitFor({ state: 'visible' });
    await env.screenshot(staff, '15-dashboard');
  });

  it('fits a phone screen, forms and their errors included', async () => {
    const { page: phone } = await env.person({ width: 360, height: 740 });
    // Runs in the page: nothing may be wider than the phone's viewport (wide tables scroll in their box).
    const overflow = () =>
      phone.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    await phone.goto(needUrl);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await env.screenshot(phone, '16-phone-need');
    await phone.goto('/register');
    await phone.getByRole('button', { name: '注册' }).click();
    await hasText(phone.locator('#f-name-error'), '请填写机构名称');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await env.screenshot(phone, '17-phone-register-errors');
  });
});
