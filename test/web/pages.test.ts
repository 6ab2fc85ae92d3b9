import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNeed, updateNeed } from '../../src/application/need-service.js';
import { usccCheckCharacter } from '../../src/domain/shared/uscc.js';
import { policyConsentFields } from './policy-consent.js';
import { openSite, type Site, STAFF, type Visitor, visitor } from './support.js';

const PASSWORD = 'Pass1234word';
let serial = 0;

function uscc(): string {
  serial += 1;
  const first17 = `91370100MA${String(process.pid * 100 + serial)
    .padStart(7, '0')
    .slice(-7)}`;
  return first17 + usccCheckCharacter(first17);
}

async function registerDemander(site: Site, name: string, username: string): Promise<Visitor> {
  const person = visitor(site);
  await person.get('/register');
  const registered = await person.post('/register', {
    name,
    uscc: uscc(),
    kind: 'demander',
    city: 'jinan',
    'contact.name': '王主任',
    'contact.phone': '0531-88886666',
    'contact.email': `${username}@example.cn`,
    'admin.username': username,
    'admin.password': PASSWORD,
    passwordConfirm: PASSWORD,
    ...policyConsentFields(),
  });
  expect(registered.status, registered.html).toBe(303);
  return person;
}

const NEED = {
  title: '仓储物流智能分拣改造',
  description: '现有分拣依靠人工，高峰期错分率高，希望引入视觉识别与自动分拣设备，提升效率并可追溯。',
  industry: 'transport-logistics',
  scenarioType: 'supply-chain',
  technologies: ['machine-vision'],
  city: 'jinan',
  budgetWan: { min: 20, max: 60 },
};

/** NEED as the new-need form posts it. */
const NEED_FORM = {
  title: NEED.title,
  description: NEED.description,
  industry: NEED.industry,
  scenarioType: NEED.scenarioType,
  technologies: NEED.technologies,
  city: NEED.city,
  'budgetWan.min': '20',
  'budgetWan.max': '60',
  intent: 'draft',
};

describe('web pages (in process)', () => {
  let site: Site;

  beforeAll(async () => {
    site = await openSite();
  });

  afterAll(async () => {
    await site.close();
  });

  it('sets the session as an httpOnly, SameSite=Lax cookie, Secure behind https', async () => {
    const plain = visitor(site);
    await plain.get('/login');
    const signedIn = await plain.post('/login', STAFF);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get('Location')).toBe('/admin');
    const session = signedIn.headers.getSetCookie().find((c) => c.startsWith('ysp_session='));
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Lax/);
    expect(session).not.toMatch(/Secure/);

    const proxied = visitor(site, { 'X-Forwarded-Proto': 'https' });
    await proxied.get('/login');
    const secure = await proxied.post('/login', STAFF);
    expect(secure.headers.getSetCookie().find((c) => c.startsWith('ysp_session='))).toMatch(/; Secure/);
  });

  it('refuses every form post without the page’s CSRF token', async () => {
    const person = visitor(site);
    await person.get('/login');
    const missing = await person.post('/login', { ...STAFF, _csrf: '' });
    expect(missing.status).toBe(403);
    expect(missing.html).toContain('页面已过期或来源不明');
    const forged = await person.post('/login', { ...STAFF, _csrf: 'x'.repeat(43) });
    expect(forged.status).toBe(403);
    expect(person.cookies.has('ysp_session')).toBe(false);
    const stranger = visitor(site);
    const noCookie = await stranger.post('/logout', { _csrf: 'anything' });
    expect(noCookie.status).toBe(403);
  });

  it('escapes user text on every page', async () => {
    const person = await registerDemander(site, '<script>alert("x")</script>测试公司', 'escaper');
    const workspace = await person.get('/my');
    expect(workspace.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;测试公司');
    expect(workspace.html).not.toContain('<script>alert');

    const user = /data-testid="org-id">([^<]+)</.exec(workspace.html)?.[1];
    expect(user).toBeDefined();
    const actor = { userId: null, orgId: user!, role: 'demander' as const };
    const need = await createNeed(
      site.deps,
      { actor, correlationId: 't' },
      { ...NEED, title: '<img src=x onerror=alert(1)>检测' },
    );
    const page = await person.get(`/needs/${need.id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('&lt;img src=x onerror=alert(1)&gt;检测');
    expect(page.html).not.toContain('<img src=x');
  });

  it('shows the schema’s Chinese messages next to the fields they are about', async () => {
    const person = await registerDemander(site, '济南市表单测试有限公司', 'former');
    await person.get('/needs/new');
    const answer = await person.post('/needs/new', {
      title: '短',
      description: '',
      'budgetWan.min': '50',
      'budgetWan.max': '十万',
      intent: 'draft',
    });
    expect(answer.status).toBe(422);
    const errorOf = (id: string) => new RegExp(`id="${id}-error">([^<]+)<`).exec(answer.html)?.[1];
    expect(errorOf('f-title')).toBe('标题须为4到60个字');
    expect(errorOf('f-description')).toBe('请填写需求描述');
    expect(errorOf('f-industry')).toBe('请选择行业');
    expect(errorOf('f-budgetWan-max')).toBe('金额须为数字（万元）');
    expect(answer.html).toContain('aria-invalid="true"');
    expect(answer.html).toContain('value="短"');
  });

  it('names the budget field left empty in the words of the form, not a bare 此项为必填项', async () => {
    const person = await registerDemander(site, '济南市预算测试有限公司', 'budgeter');
    await person.get('/needs/new');
    const answer = await person.post('/needs/new', {
      ...NEED_FORM,
      'budgetWan.min': '',
      'budgetWan.max': '',
    });
    expect(answer.status).toBe(422);
    const errorOf = (id: string) => new RegExp(`id="${id}-error">([^<]+)<`).exec(answer.html)?.[1];
    expect(errorOf('f-budgetWan-min')).toBe('请填写预算下限（万元）');
    expect(errorOf('f-budgetWan-max')).toBe('请填写预算上限（万元）');
    expect(answer.html).not.toContain('此项为必填项');
    const oneMissing = await person.post('/needs/new', { ...NEED_FORM, 'budgetWan.max': '' });
    const missingOf = (id: string) => new RegExp(`id="${id}-error">([^<]+)<`).exec(oneMissing.html)?.[1];
    expect(missingOf('f-budgetWan-min')).toBeUndefined();
    expect(missingOf('f-budgetWan-max')).toBe('请填写预算上限（万元）');
  });

  it('refuses an edit made over someone else’s change', async () => {
    const person = await registerDemander(site, '济南市并发测试有限公司', 'racer');
    const workspace = await person.get('/my');
    const orgId = /data-testid="org-id">([^<]+)</.exec(workspace.html)![1]!;
    const ctx = { actor: { userId: null, orgId, role: 'demander' as const }, correlationId: 't' };
    const need = await createNeed(site.deps, ctx, NEED);
    const form = await person.get(`/needs/${need.id}/edit`);
    expect(form.html).toContain('name="revision" value="0"');
    await updateNeed(site.deps, ctx, need.id, { title: '仓储物流智能分拣改造（二期）' });
    const stale = await person.post(`/needs/${need.id}/edit`, {
      revision: '0',
      title: '我的修改',
      intent: 'draft',
    });
    expect(stale.status).toBe(422);
    expect(stale.html).toContain('数据已被他人修改，请刷新后重试');
  });

  it('sends visitors to sign in, and members away from staff pages', async () => {
    const anonymous = visitor(site);
    const workspace = await anonymous.get('/my');
    expect(workspace.status).toBe(303);
    expect(workspace.headers.get('Location')).toBe('/login?next=%2Fmy');

    const member = await registerDemander(site, '济南市权限测试有限公司', 'member');
    const admin = await member.get('/admin');
    expect(admin.status).toBe(403);
    expect(admin.html).toContain('当前账号无权访问此页面');
  });

  it('answers an unknown need with a Chinese 404 page', async () => {
    const answer = await visitor(site).get('/needs/0195a0c0-0000-7000-8000-000000000000');
    expect(answer.status).toBe(404);
    expect(answer.headers.get('Content-Type')).toContain('text/html');
    expect(answer.html).toContain('未找到场景需求');
  });

  it('answers a path no page has with a Chinese 404 page, and an unknown API path with problem+json', async () => {
    const page = await visitor(site).get('/no-such-page');
    expect(page.status).toBe(404);
    expect(page.headers.get('Content-Type')).toContain('text/html');
    expect(page.html).toContain('您访问的页面不存在');
    expect(page.html).toContain('返回首页');
    const api = await site.app.request('/api/v1/no-such-route');
    expect(api.status).toBe(404);
    expect(api.headers.get('Content-Type')).toBe('application/problem+json');
  });

  it('leaves the API to the API: its routes answer problem+json, not pages', async () => {
    const response = await site.app.request('/api/v1/needs/0195a0c0-0000-7000-8000-000000000000', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  });
});
