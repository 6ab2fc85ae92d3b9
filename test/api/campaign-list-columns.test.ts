import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/sheet/csv.js';
import { needBody, solutionBody } from './fixtures.js';
import { createTestApi, registerOrg, START, type TestApi, type TestOrg } from './support.js';

type Json = Record<string, unknown>;
const DAY = 24 * 60 * 60 * 1000;
const deadline = '2025-12-31';

/** What a published list says about each line: what is needed or offered, until when, and how to respond. */
describe('published lists carry the description, the deadline and how to respond', () => {
  let api: TestApi;
  let staff: string;
  let demander: TestOrg;
  let campaignId: string;
  let needId: string;
  let solutionId: string;

  beforeAll(async () => {
    api = await createTestApi();
    staff = (await api.createStaff()).token;
    demander = await registerOrg(api, 'demander', staff);
    const vendor = await registerOrg(api, 'vendor', staff);
    const send = async (path: string, token: string, body?: unknown) => {
      const res = await api.request('POST', path, { token, ...(body === undefined ? {} : { body }) });
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    ({ id: campaignId } = await send('/api/v1/campaigns', staff, {
      title: '2025年第二批场景征集',
      kind: 'both',
      opensAt: new Date(START.getTime() - DAY).toISOString(),
      closesAt: new Date(START.getTime() + 30 * DAY).toISOString(),
    }));
    ({ id: needId } = await send('/api/v1/needs', demander.token, { ...needBody, deadline, campaignId }));
    await send(`/api/v1/needs/${needId}/submit`, demander.token);
    await send(`/api/v1/needs/${needId}/approve`, staff);
    ({ id: solutionId } = await send('/api/v1/solutions', vendor.token, { ...solutionBody, campaignId }));
    await send(`/api/v1/solutions/${solutionId}/submit`, vendor.token);
    await send(`/api/v1/solutions/${solutionId}/approve`, staff);
    await send(`/api/v1/campaigns/${campaignId}/close`, staff);
    await send(`/api/v1/campaigns/${campaignId}/publish`, staff, {});
  });
  afterAll(() => api.close());

  const list = (query: string, token?: string) =>
    api.request('GET', `/api/v1/campaigns/${campaignId}/list?${query}`, token ? { token } : {});
  const needLink = () => `http://localhost/needs/${needId}`;

  async function csvRows(res: Response): Promise<Record<string, string>[]> {
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv(new TextDecoder().decode((await res.arrayBuffer()).slice(3)));
    return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i] ?? ''])));
  }

  it('gives each need of the JSON list its description, deadline and page, to anyone', async () => {
    const res = await list('kind=needs');
    expect(res.status).toBe(200);
    const [item] = ((await res.json()) as { items: Json[] }).items;
    expect(item).toMatchObject({
      id: needId,
      description: needBody.description,
      deadline,
      link: needLink(),
    });
    expect(item).not.toHaveProperty('contact');
  });

  it('writes 场景描述, 截止日期 and 对接方式 in the public CSV, and no contact', async () => {
    const [row] = await csvRows(await list('kind=needs&format=csv'));
    expect(row).toMatchObject({
      场景名称: needBody.title,
      场景描述: needBody.description,
      截止日期: deadline,
      对接方式: needLink(),
    });
    expect(Object.keys(row!)).not.toContain('联系电话');
    expect(JSON.stringify(row)).not.toContain('0531-88881234');
  });

  it('gives staff the contact columns beside the same 对接方式', async () => {
    const [row] = await csvRows(await list('kind=needs&format=csv', staff));
    expect(row).toMatchObject({ 场景描述: needBody.description, 对接方式: needLink() });
    expect(row!.联系电话).toBe('0531-88881234');
  });

  it('writes 方案简介, 部署方式, 服务地区 and 对接方式 in the supply list’s Excel file', async () => {
    const res = await list('kind=solutions&format=xlsx');
    expect(res.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await res.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const cells = (sheet.getRow(2).values as unknown[]).slice(1);
    const row = Object.fromEntries(headers.map((h, i) => [String(h), cells[i]]));
    expect(row).toMatchObject({
      方案名称: solutionBody.title,
      方案简介: solutionBody.description,
      部署方式: '混合部署',
      服务地区: '全省',
      对接方式: `http://localhost/solutions/${solutionId}`,
    });
  });

  it('gives each solution of the JSON list its description and page', async () => {
    const [item] = ((await (await list('kind=solutions')).json()) as { items: Json[] }).items;
    expect(item).toMatchObject({
      id: solutionId,
      description: solutionBody.description,
      link: `http://localhost/solutions/${solutionId}`,
    });
  });
});
