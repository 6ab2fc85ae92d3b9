import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPolicyVersions } from '../../src/application/policies/policies.js';
import { ADMIN, type BrowserEnv, chromiumAvailable, freshUscc, startBrowserEnv } from './harness.js';

/**
 * What a newcomer meets first, in a real browser: signing in with a wrong password, a registration full
 * of mistakes, the need form of an organization not yet verified, the staff dashboard's funnel, a
 * campaign list on a phone and the API docs. Screenshots go to test-results/screenshots/first-steps-*.
 */
const PASSWORD = 'Pass1234word';
const WAIT = { timeout: 10_000, interval: 100 };
const DAY = 86_400_000;

function textOf(locator: Locator): Promise<string> {
  return locator.allInnerTexts().then((texts) => texts.join('\n'));
}

async function contains(locator: Locator, text: string) {
  await expect.poll(() => textOf(locator), WAIT).toContain(text);
}

/** The one message shown under a field, by the field's label. */
function fieldError(page: Page, label: string): Locator {
  return page.locator('.field', { has: page.getByLabel(label, { exact: true }) }).locator('.field-error');
}

/**
 * Each label of a chart, read in the page (the test itself has no DOM types): a white label must lie
 * inside a stage, a dark one clear of every stage, and all within the chart's width.
 */
const LABEL_CHECK = `(() => {
  const svg = document.querySelector('#chart-funnel').closest('figure').querySelector('svg');
  const width = svg.viewBox.baseVal.width;
  const shapes = [...svg.querySelectorAll('polygon')];
  return [...svg.querySelectorAll('text')].map((text) => {
    const r = text.getBBox();
    const corners = [
      [r.x + 1, r.y + 1],
      [r.x + r.width - 1, r.y + 1],
      [r.x + 1, r.y + r.height - 1],
      [r.x + r.width - 1, r.y + r.height - 1],
    ].map(([x, y]) => new DOMPoint(x, y));
    const inside = (shape) => corners.every((p) => shape.isPointInFill(p));
    const touches = (shape) => corners.some((p) => shape.isPointInFill(p));
    const white = ['#fff', '#ffffff', 'white'].includes(text.getAttribute('fill') ?? '');
    return {
      text: text.textContent,
      inChart: r.x >= 0 && r.x + r.width <= width,
      readable: white ? shapes.some(inside) : !shapes.some(touches),
    };
  });
})()`;

describe.skipIf(!chromiumAvailable())('web UI: a newcomer’s first steps', () => {
  let env: BrowserEnv;
  let baseUrl = '';

  /** The API, for setting the scene quickly. */
  async function api(method: string, path: string, token?: string, body?: unknown) {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
    return json;
  }

  async function register(username: string, kind: 'demander' | 'vendor' = 'demander') {
    const created = await api('POST', '/orgs', undefined, {
      name: `济南市${username.replace(/\W/g, '')}科技有限公司`,
      uscc: freshUscc(),
      kind,
      city: 'jinan',
      contact: { name: '李主任', phone: '0531-88881234', email: `${username}@example.cn` },
      admin: { username, password: PASSWORD },
      accepted: currentPolicyVersions(),
    });
    return (created.org as { id: string }).id;
  }

  /** A verified organization's admin token. */
  async function verifiedToken(username: string, kind: 'demander' | 'vendor', staff: string) {
    const orgId = await register(username, kind);
    await api('POST', `/orgs/${orgId}/verify`, staff);
    return (await api('POST', '/auth/token', undefined, { username, password: PASSWORD })).token as string;
  }

  /** A need approved by staff, in a campaign or (published at once) in none. */
  async function publishedNeed(token: string, staff: string, campaignId?: unknown) {
    const need = await api('POST', '/needs', token, {
      title: '冲压车间设备预测性维护',
      description: '冲压车间二十台压力机缺少状态监测，希望采集振动与电流数据，预测故障并提前检修。',
      industry: 'high-end-equipment',
      scenarioType: 'production',
      city: 'jinan',
      budgetWan: { min: 50, max: 120 },
      ...(campaignId ? { campaignId } : {}),
    });
    await api('POST', `/needs/${need.id}/submit`, token);
    await api('POST', `/needs/${need.id}/approve`, staff);
    return need.id as string;
  }

  async function signIn(page: Page, username: string, password: string) {
    await page.goto('/login');
    await page.getByLabel('用户名').fill(username);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
  }

  beforeAll(async () => {
    env = await startBrowserEnv();
    baseUrl = env.baseUrl;
  }, 60_000);

  afterAll(async () => {
    await env?.close();
  });

  it('says 用户名或密码错误 on a wrong password, keeps the username and stays on /login', async () => {
    const { page } = await env.person();
    await signIn(page, 'newcomer', 'not-the-password1');
    await contains(page.getByRole('alert'), '用户名或密码错误');
    expect(await page.getByLabel('用户名').inputValue()).toBe('newcomer');
    expect(await page.getByLabel('密码').inputValue()).toBe('');
    const url = new URL(page.url());
    expect(url.pathname).toBe('/login');
    expect(url.searchParams.get('next')).toBeNull();
    expect(await page.locator('form[action="/login"] input[name=next]').getAttribute('value')).toBe('/');
    await env.screenshot(page, 'first-steps-login-error');
  });

  it('shows every registration mistake at once, one message per field, in the words of the form', async () => {
    const { page } = await env.person();
    await page.goto('/register');
    await page.getByLabel('机构名称').fill('甲');
    await page.getByLabel('统一社会信用代码').fill('abc');
    await page.locator('#f-contact-name').fill('王主任');
    await page.getByLabel('联系电话').fill('12345');
    await page.getByLabel('电子邮箱').fill('not-an-email');
    await page.getByLabel('管理员用户名').fill('1admin');
    await page.getByLabel('密码', { exact: true }).fill('short');
    await page.getByLabel('确认密码').fill('different');
    await page.getByLabel(/我已阅读并同意/).check();
    await page.getByRole('button', { name: '注册' }).click();

    const expected: Record<string, string> = {
      机构名称: '机构名称须为2到60个字',
      统一社会信用代码: '统一社会信用代码须为18位数字或大写字母',
      机构类型: '请选择机构类型：需求方或服务商',
      所在城市: '请选择城市',
      联系电话: '联系电话须为手机号或带区号的固定电话',
      电子邮箱: '电子邮箱格式不正确',
      管理员用户名: '用户名须为3到32位字母、数字、下划线、点或连字符，并以字母开头',
      密码: '密码须为8到64位，且至少包含大写字母、小写字母、数字、符号中的三种',
      确认密码: '两次输入的密码不一致',
    };
    await expect.poll(() => page.locator('.field-error').count(), WAIT).toBe(Object.keys(expected).length);
    for (const [label, message] of Object.entries(expected)) {
      expect(await fieldError(page, label).allInnerTexts(), label).toEqual([message]);
    }
    // The summary at the top: one line per field, none showing a code or English.
    const summary = await page.locator('#form-errors li').allInnerTexts();
    expect(summary).toHaveLength(Object.keys(expected).length);
    expect(summary.filter((line) => line.startsWith('统一社会信用代码'))).toHaveLength(1);
    expect(summary.join('\n')).not.toMatch(/demander|vendor|供给方/);
    // What was typed stays, but never a password.
    expect(await page.getByLabel('机构名称').inputValue()).toBe('甲');
    expect(await page.getByLabel('密码', { exact: true }).inputValue()).toBe('');
    await env.screenshot(page, 'first-steps-register-errors');
  });

  it('tells an unverified organization before it fills in a need, and names the empty budget', async () => {
    await register('fresh');
    const { page } = await env.person();
    await signIn(page, 'fresh', PASSWORD);
    await contains(page.getByRole('status'), '欢迎回来');
    await page.goto('/needs/new');
    await contains(page.getByRole('note'), '尚未通过平台认证');

    await page.getByLabel('需求标题').fill('仓储物流智能分拣改造');
    await page
      .getByLabel('需求描述')
      .fill('仓库日均出库两万件，人工分拣差错率高，希望引入视觉识别与自动分拣设备，提升效率。');
    await page.getByLabel('所属行业').selectOption('high-end-equipment');
    await page.getByLabel('场景类型').selectOption('production');
    await page.getByLabel('所在城市').selectOption('jinan');
    await page.getByRole('button', { name: '保存草稿' }).click();

    await contains(page.locator('#form-errors'), '预算下限（万元）');
    const min = page.getByLabel('预算下限（万元）');
    expect(await min.getAttribute('aria-invalid')).toBe('true');
    expect(await fieldError(page, '预算下限（万元）').textContent()).toBe('请填写预算下限（万元）');
    await env.screenshot(page, 'first-steps-need-budget');
  });

  it('says on a phone that the campaign list scrolls sideways', async () => {
    const staff = (await api('POST', '/auth/token', undefined, ADMIN)).token as string;
    const demander = await verifiedToken('listed', 'demander', staff);
    const campaign = await api('POST', '/campaigns', staff, {
      title: '2025年场景需求征集',
      kind: 'needs',
      opensAt: new Date(Date.now() - DAY).toISOString(),
      closesAt: new Date(Date.now() + 30 * DAY).toISOString(),
    });
    await publishedNeed(demander, staff, campaign.id);
    await api('POST', `/campaigns/${campaign.id}/close`, staff);
    await api('POST', `/campaigns/${campaign.id}/publish`, staff, {});

    const { page } = await env.person({ width: 390, height: 844 });
    await page.goto(`/campaigns/${campaign.id}`);
    const wrap = page.locator('.table-wrap', { has: page.getByRole('table') });
    await contains(wrap, '冲压车间设备预测性维护');
    const seen = await page.evaluate<{ scrolls: boolean; hint: string }>(`(() => {
      const wrap = document.querySelector('.table-wrap:has(> table)');
      return { scrolls: wrap.scrollWidth > wrap.clientWidth, hint: getComputedStyle(wrap, '::before').content };
    })()`);
    expect(seen).toEqual({ scrolls: true, hint: '"左右滑动查看全部列 →"' });
    await env.screenshot(page, 'first-steps-campaign-phone');
  });

  it('shows every stage of the dashboard’s funnel in full', async () => {
    // One vendor takes up one need (揭榜): the funnel then has a first stage and five empty ones.
    const staff = (await api('POST', '/auth/token', undefined, ADMIN)).token as string;
    const demander = await verifiedToken('funnel-demander', 'demander', staff);
    const vendor = await verifiedToken('funnel-vendor', 'vendor', staff);
    const need = await publishedNeed(demander, staff);
    const solution = await api('POST', '/solutions', vendor, {
      title: '工业视觉缺陷检测平台',
      description: '基于深度学习的表面缺陷检测系统，支持产线在线部署，已在多家汽车零部件企业落地应用。',
      industries: ['high-end-equipment'],
      scenarioTypes: ['production'],
      technologies: ['machine-vision'],
      regionsServed: ['*'],
      priceWan: { min: 30, max: 100 },
      deployment: 'hybrid',
    });
    await api('POST', `/solutions/${solution.id}/submit`, vendor);
    await api('POST', `/solutions/${solution.id}/approve`, staff);
    await api('POST', `/needs/${need}/applications`, vendor, {
      solutionId: solution.id,
      proposal: '在两条产线部署视觉检测工位，三个月内上线，提供一年运维。',
      quoteWan: 80,
    });

    const { page } = await env.person();
    await signIn(page, ADMIN.username, ADMIN.password);
    await contains(page.getByRole('status'), '欢迎回来');
    const chart = page.locator('figure', { has: page.locator('#chart-funnel') }).locator('svg');
    await expect
      .poll(async () => {
        await page.goto('/admin');
        return chart.count();
      }, WAIT)
      .toBe(1);
    const labels = await page.evaluate<{ text: string; inChart: boolean; readable: boolean }[]>(LABEL_CHECK);
    expect(labels.map((l) => l.text)).toContain('双方评价：0');
    for (const label of labels)
      expect(label, String(label.text)).toMatchObject({ inChart: true, readable: true });
  });

  it('shows the ETag of the API docs as written', async () => {
    const { page } = await env.person();
    await page.goto('/docs');
    await contains(page.locator('.information-container'), 'ETag: W/"<revision>"');
  });
});
