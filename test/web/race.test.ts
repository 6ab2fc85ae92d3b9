import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationBody, needBody, solutionBody } from '../api/fixtures.js';
import { PASSWORD, registrationBody } from '../api/support.js';
import { openSite, type Site, STAFF, type Visitor, visitor } from './support.js';

/** The site's time, fixed: a meeting held now lets delivery follow on the same day. */
const NOW = '2025-03-01T02:00:00.000Z';

type Json = { id: string; token: string; org: { id: string } } & Record<string, unknown>;

/** 赛马 on the pages: the need form's option, the need page's 选定, the engagement page's outcome. */
describe('a race of pilots on the pages', () => {
  let site: Site;
  let staff: string;
  beforeAll(async () => {
    site = await openSite({ clock: () => new Date(NOW) });
    staff = await token(STAFF.username, STAFF.password);
  });
  afterAll(() => site.close());

  async function call(method: string, path: string, bearer?: string, body?: unknown): Promise<Json> {
    const res = await site.app.request(`/api/v1${path}`, {
      method,
      headers: {
        ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Json;
  }
  async function token(username: string, password: string) {
    return (await call('POST', '/auth/token', undefined, { username, password })).token;
  }
  async function register(kind: 'demander' | 'vendor') {
    const body = registrationBody(kind);
    const { org } = await call('POST', '/orgs', undefined, body);
    await call('POST', `/orgs/${org.id}/verify`, staff);
    return { username: body.admin.username, token: await token(body.admin.username, body.admin.password) };
  }
  async function signIn(username: string): Promise<Visitor> {
    const browser = visitor(site);
    await browser.get('/login');
    expect((await browser.post('/login', { username, password: PASSWORD })).status).toBe(303);
    return browser;
  }

  /** A vendor applies, is shortlisted, meets and signs with the demander: a pilot under the need's race. */
  async function pilot(needId: string, demanderToken: string) {
    const vendor = await register('vendor');
    const solution = await call('POST', '/solutions', vendor.token, solutionBody);
    await call('POST', `/solutions/${solution.id}/submit`, vendor.token);
    await call('POST', `/solutions/${solution.id}/approve`, staff);
    const { id } = await call(
      'POST',
      `/needs/${needId}/applications`,
      vendor.token,
      applicationBody(solution.id),
    );
    await call('POST', `/engagements/${id}/shortlist`, demanderToken, { shareContact: true });
    const meeting = { at: NOW, location: '济南市历下区' };
    await call('POST', `/engagements/${id}/schedule-meeting`, demanderToken, meeting);
    await call('POST', `/engagements/${id}/sign`, vendor.token, { amountWan: 20 });
    await call('POST', `/engagements/${id}/sign`, demanderToken, { amountWan: 20 });
    return { id, vendor };
  }

  const needForm = {
    title: needBody.title,
    description: needBody.description,
    industry: needBody.industry,
    scenarioType: needBody.scenarioType,
    technologies: needBody.technologies,
    city: needBody.city,
    'budgetWan.min': '20',
    'budgetWan.max': '60',
    intent: 'draft',
  };

  it('offers the race on the need form, with its refusal under the number in Chinese', async () => {
    const demander = await register('demander');
    const browser = await signIn(demander.username);
    const form = await browser.get('/needs/new');
    expect(form.html).toContain('允许多家服务商并行试点');

    const refused = await browser.post('/needs/new', { ...needForm, race: 'on', 'race.maxParallel': '1' });
    expect(refused.status).toBe(422);
    expect(/id="f-race-maxParallel-error">([^<]+)</.exec(refused.html)?.[1]).toBe('并行试点数须为2到10家');

    const created = await browser.post('/needs/new', { ...needForm, race: 'on', 'race.maxParallel': '3' });
    expect(created.status).toBe(303);
    const needId = /\/needs\/([^/?#]+)/.exec(created.headers.get('Location') ?? '')![1]!;
    expect((await call('GET', `/needs/${needId}`, demander.token)).race).toEqual({ maxParallel: 3 });

    // The edit form shows the race ticked; unticking it removes the race.
    const edit = await browser.get(`/needs/${needId}/edit`);
    expect(edit.html).toMatch(/name="race" value="on" checked/);
    const revision = /name="revision" value="([^"]+)"/.exec(edit.html)![1]!;
    expect((await browser.post(`/needs/${needId}/edit`, { ...needForm, revision })).status).toBe(303);
    expect((await call('GET', `/needs/${needId}`, demander.token)).race).toBeNull();

    // Without the box ticked a new need has no race, whatever the number says.
    const plain = await browser.post('/needs/new', { ...needForm, 'race.maxParallel': '4' });
    const plainId = /\/needs\/([^/?#]+)/.exec(plain.headers.get('Location') ?? '')![1]!;
    expect((await call('GET', `/needs/${plainId}`, demander.token)).race).toBeNull();
  });

  it('lets the demander select one pilot with 选定; the other ends not selected, as both pages say', async () => {
    const demander = await register('demander');
    const need = await call('POST', '/needs', demander.token, { ...needBody, race: { maxParallel: 2 } });
    await call('POST', `/needs/${need.id}/submit`, demander.token);
    await call('POST', `/needs/${need.id}/approve`, staff);
    const first = await pilot(need.id, demander.token);
    const second = await pilot(need.id, demander.token);

    const browser = await signIn(demander.username);
    const page = await browser.get(`/needs/${need.id}`);
    expect(page.html).toContain('赛马（并行试点）');
    expect(page.html).toContain('最多 2 家服务商并行试点，已签约 2 家');
    expect(page.html.match(/<button type="submit">选定<\/button>/g)).toHaveLength(2);
    expect(page.html).toContain(`name="engagementId" value="${second.id}"`);

    // A vendor sees the race but no 选定, and may not post one.
    const vendorBrowser = await signIn(first.vendor.username);
    const vendorPage = await vendorBrowser.get(`/needs/${need.id}`);
    expect(vendorPage.html).toContain('赛马（并行试点）');
    expect(vendorPage.html).not.toContain('>选定</button>');
    expect((await vendorBrowser.post(`/needs/${need.id}/select`, { engagementId: first.id })).status).toBe(
      403,
    );

    const selected = await browser.post(`/needs/${need.id}/select`, { engagementId: second.id });
    expect(selected.status).toBe(303);
    const after = await browser.follow(selected);
    expect(after.html).toContain('已选定试点服务商');
    expect(after.html).toContain('已入选');
    expect(after.html).toContain('试点结束（未入选）');
    expect(after.html).not.toContain('>选定</button>');

    // Selecting again is refused, with the reason as a flash.
    const again = await browser.follow(
      await browser.post(`/needs/${need.id}/select`, { engagementId: first.id }),
    );
    expect(again.html).toContain('该需求已选定试点服务商，不能再次选定');

    const ended = await vendorBrowser.get(`/engagements/${first.id}`);
    expect(ended.html).toContain('试点结束（未入选）');
    const chosen = await browser.get(`/engagements/${second.id}`);
    expect(chosen.html).toContain('已入选，按签约继续实施');
    expect(chosen.html).toContain('确认项目已交付');
  });

  it('holds back delivery of a pilot until it is selected', async () => {
    const demander = await register('demander');
    const need = await call('POST', '/needs', demander.token, { ...needBody, race: { maxParallel: 2 } });
    await call('POST', `/needs/${need.id}/submit`, demander.token);
    await call('POST', `/needs/${need.id}/approve`, staff);
    const running = await pilot(need.id, demander.token);
    const page = await (await signIn(demander.username)).get(`/engagements/${running.id}`);
    expect(page.html).toContain('试点中，待需求方选定');
    expect(page.html).not.toContain('确认项目已交付');
  });
});
