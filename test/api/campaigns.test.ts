import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBody, solutionBody } from './fixtures.js';
import { createTestApi, expectProblem, registerOrg, START, type TestApi, type TestOrg } from './support.js';

type Json = Record<string, unknown>;
const DAY = 24 * 60 * 60 * 1000;

describe('campaigns: open, collect, close, publish the lists, export them', () => {
  let api: TestApi;
  let staff: string;
  let demander: TestOrg;
  let vendor: TestOrg;
  let campaignId: string;
  let needId: string;

  beforeAll(async () => {
    api = await createTestApi();
    staff = (await api.createStaff()).token;
    demander = await registerOrg(api, 'demander', staff);
    vendor = await registerOrg(api, 'vendor', staff);
  });
  afterAll(() => api.close());

  it('opens a campaign (staff only)', async () => {
    const campaign = {
      title: '2025年第一批场景需求征集',
      kind: 'both',
      opensAt: new Date(START.getTime() - DAY).toISOString(),
      closesAt: new Date(START.getTime() + 30 * DAY).toISOString(),
    };
    await expectProblem(
      await api.request('POST', '/api/v1/campaigns', { token: demander.token, body: campaign }),
      403,
    );
    const res = await api.request('POST', '/api/v1/campaigns', { token: staff, body: campaign });
    expect(res.status).toBe(201);
    const opened = (await res.json()) as Json;
    campaignId = opened.id as string;
    expect(opened).toMatchObject({ status: 'open', kind: 'both' });
    expect(res.headers.get('location')).toBe(`/api/v1/campaigns/${campaignId}`);
  });

  it('collects a need and a solution; an approved need waits for the list to be published', async () => {
    const need = await api.request('POST', '/api/v1/needs', {
      token: demander.token,
      body: { ...needBody, campaignId },
    });
    needId = ((await need.json()) as Json).id as string;
    await api.request('POST', `/api/v1/needs/${needId}/submit`, { token: demander.token });
    const approved = (await (
      await api.request('POST', `/api/v1/needs/${needId}/approve`, { token: staff })
    ).json()) as Json;
    expect(approved.status).toBe('approved');

    const solution = await api.request('POST', '/api/v1/solutions', {
      token: vendor.token,
      body: { ...solutionBody, campaignId },
    });
    const solutionId = ((await solution.json()) as Json).id as string;
    await api.request('POST', `/api/v1/solutions/${solutionId}/submit`, { token: vendor.token });
    await api.request('POST', `/api/v1/solutions/${solutionId}/approve`, { token: staff });

    const campaign = (await (
      await api.request('GET', `/api/v1/campaigns/${campaignId}`, { token: vendor.token })
    ).json()) as Json;
    expect(campaign.items).toEqual({ needs: [needId], solutions: [solutionId] });
  });

  it('refuses to publish an open campaign (409 with the domain code), then closes and publishes it', async () => {
    await expectProblem(
      await api.request('POST', `/api/v1/campaigns/${campaignId}/publish`, { token: staff }),
      409,
      'campaign.not_closed',
    );
    await expectProblem(await api.request('GET', `/api/v1/campaigns/${campaignId}/list?kind=needs`), 404);
    const closed = await api.request('POST', `/api/v1/campaigns/${campaignId}/close`, { token: staff });
    expect(((await closed.json()) as Json).status).toBe('closed');
    const published = await api.request('POST', `/api/v1/campaigns/${campaignId}/publish`, { token: staff });
    expect(published.status).toBe(200);
    expect(((await published.json()) as Json).status).toBe('published');
    const need = (await (
      await api.request('GET', `/api/v1/needs/${needId}`, { token: vendor.token })
    ).json()) as Json;
    expect(need.status).toBe('published');
  });

  it('lists campaigns to anyone, newest first, by status and by title', async () => {
    await api.caughtUp();
    const all = await api.request('GET', '/api/v1/campaigns');
    expect(all.status).toBe(200);
    expect(await all.json()).toMatchObject({
      total: 1,
      hits: [
        {
          id: campaignId,
          title: '2025年第一批场景需求征集',
          status: 'published',
          needCount: 1,
          listVersions: { needs: 1 },
        },
      ],
    });
    const byTitle = (await (await api.request('GET', '/api/v1/campaigns?q=场景需求征集')).json()) as Json;
    expect(byTitle.total).toBe(1);
    const open = (await (await api.request('GET', '/api/v1/campaigns?status=open')).json()) as Json;
    expect(open.total).toBe(0);
    await expectProblem(await api.request('GET', '/api/v1/campaigns?status=unknown'), 422);
  });

  it('serves the published need list as JSON, to anyone', async () => {
    const res = await api.request('GET', `/api/v1/campaigns/${campaignId}/list?kind=needs`);
    expect(res.status).toBe(200);
    const list = (await res.json()) as Json;
    expect(list).toMatchObject({ campaignId, version: 1, kind: 'needs' });
    expect(list.items).toEqual([
      expect.objectContaining({
        seq: 1,
        id: needId,
        title: needBody.title,
        industry: 'high-end-equipment',
        city: 'jinan',
      }),
    ]);
  });

  it('serves it as CSV with a BOM and Chinese headers and labels', async () => {
    const res = await api.request('GET', `/api/v1/campaigns/${campaignId}/list?kind=needs&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header, row] = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(header?.split(',').slice(0, 5)).toEqual(['序号', '场景名称', '需求单位', '所属行业', '场景类型']);
    expect(header).toContain('所在地市');
    expect(row).toContain(needBody.title);
    expect(row).toContain('济南');
    expect(row).toContain('50-120');
  });

  it('serves the supply list as XLSX', async () => {
    const res = await api.request('GET', `/api/v1/campaigns/${campaignId}/list?kind=solutions&format=xlsx`);
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe('供给清单');
    expect(sheet.getRow(1).getCell(1).value).toBe('序号');
    expect(sheet.getRow(1).getCell(2).value).toBe('方案名称');
    expect(sheet.getRow(2).getCell(1).value).toBe(1);
    expect(sheet.getRow(2).getCell(2).value).toBe(solutionBody.title);
    expect(JSON.stringify(sheet.getRow(2).values)).toContain('全省');
  });

  it('answers an unknown list format or kind with 422', async () => {
    const problem = await expectProblem(
      await api.request('GET', `/api/v1/campaigns/${campaignId}/list?kind=needs&format=pdf`),
      422,
      'validation',
    );
    expect(problem.errors?.[0]?.path).toBe('format');
    await expectProblem(await api.request('GET', `/api/v1/campaigns/${campaignId}/list?kind=people`), 422);
  });
});
