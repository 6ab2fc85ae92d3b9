import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/sheet/csv.js';
import { needBody } from './fixtures.js';
import {
  createTestApi,
  expectProblem,
  PASSWORD,
  registerOrg,
  START,
  type TestApi,
  type TestOrg,
  uniqueName,
} from './support.js';

type Json = Record<string, unknown>;
type Item = { seq: number; id: string; title: string; city: string; source?: Json };
const DAY = 24 * 60 * 60 * 1000;

/**
 * 全省汇总清单: province staff gather the published lists of the city campaigns whose 征集期 ended within
 * one period (a year or a quarter, Beijing time), numbered afresh, each line with the city it came from.
 * START is 2025-03-01, so a campaign closing 30 days later ends in 2025Q1 and one closing 40 days later in
 * 2025Q2.
 */
describe('the provincial list (全省汇总清单)', () => {
  let api: TestApi;
  let province: string;
  let jinan: string;
  let demander: TestOrg;
  let jinanCampaign: string;
  let qingdaoCampaign: string;
  let jinanNeeds: string[];
  let qingdaoNeed: string;

  const post = (path: string, token: string, body?: unknown) =>
    api.request('POST', path, { token, ...(body === undefined ? {} : { body }) });
  const ok = async (res: Response, status = 200): Promise<Json> => {
    expect(res.status, await res.clone().text()).toBe(status);
    return (await res.json()) as Json;
  };

  async function addStaff(scope: string): Promise<string> {
    const username = uniqueName(`staff${scope}`);
    await ok(
      await post('/api/v1/staff', province, { username, password: PASSWORD, name: '王晓明', scope }),
      201,
    );
    return api.login(username);
  }

  async function cityCampaign(scope: string, closingInDays: number): Promise<string> {
    const campaign = await ok(
      await post('/api/v1/campaigns', province, {
        title: `2025年${scope}场景需求征集`,
        kind: 'needs',
        opensAt: new Date(START.getTime() - DAY).toISOString(),
        closesAt: new Date(START.getTime() + closingInDays * DAY).toISOString(),
        scope,
      }),
      201,
    );
    return campaign.id as string;
  }

  async function approvedNeed(campaignId: string, city: string, title: string): Promise<string> {
    const need = await ok(
      await post('/api/v1/needs', demander.token, { ...needBody, title, city, campaignId }),
      201,
    );
    await ok(await post(`/api/v1/needs/${need.id}/submit`, demander.token));
    await ok(await post(`/api/v1/needs/${need.id}/approve`, province));
    return need.id as string;
  }

  async function publish(campaignId: string, body: Json = {}): Promise<Json> {
    await post(`/api/v1/campaigns/${campaignId}/close`, province);
    return ok(await post(`/api/v1/campaigns/${campaignId}/publish`, province, body));
  }

  const openProvincial = (token: string, period: string, campaignIds: string[]) =>
    post('/api/v1/campaigns/provincial', token, {
      title: '2025年第一季度全省场景需求清单',
      kind: 'needs',
      period,
      campaignIds,
    });

  async function list(campaignId: string, version?: number) {
    const res = await api.request(
      'GET',
      `/api/v1/campaigns/${campaignId}/list?kind=needs${version ? `&version=${version}` : ''}`,
    );
    return (await ok(res)) as Json & { items: Item[]; versions: number[]; version: number };
  }

  beforeAll(async () => {
    api = await createTestApi();
    province = (await api.createStaff()).token;
    jinan = await addStaff('jinan');
    demander = await registerOrg(api, 'demander', province);
    jinanCampaign = await cityCampaign('jinan', 30);
    qingdaoCampaign = await cityCampaign('qingdao', 30);
    jinanNeeds = [
      await approvedNeed(jinanCampaign, 'jinan', '济南智能质检产线改造'),
      await approvedNeed(jinanCampaign, 'jinan', '济南仓储物流无人化'),
    ];
    qingdaoNeed = await approvedNeed(qingdaoCampaign, 'qingdao', '青岛港口集装箱识别');
    await publish(jinanCampaign);
    await publish(qingdaoCampaign);
  });
  afterAll(() => api.close());

  it('numbers the city lists afresh, in the order the campaigns were chosen, with each line’s city', async () => {
    const opened = await ok(await openProvincial(province, '2025Q1', [qingdaoCampaign, jinanCampaign]), 201);
    expect(opened).toMatchObject({
      status: 'closed',
      scope: 'province',
      gathers: { period: '2025Q1', campaignIds: [qingdaoCampaign, jinanCampaign] },
    });
    await publish(opened.id as string);
    const gathered = await list(opened.id as string);
    expect(gathered).toMatchObject({ version: 1, versions: [1], gathered: true });
    expect(gathered.items.map((item) => [item.seq, item.id, item.source?.city, item.source?.seq])).toEqual([
      [1, qingdaoNeed, 'qingdao', 1],
      [2, jinanNeeds[0], 'jinan', 1],
      [3, jinanNeeds[1], 'jinan', 2],
    ]);
    expect(gathered.items[1]!.source).toMatchObject({ campaignId: jinanCampaign, version: 1 });
    // The city lists themselves are unchanged and carry no source.
    expect((await list(jinanCampaign)).items.map((item) => [item.seq, item.source])).toEqual([
      [1, undefined],
      [2, undefined],
    ]);
  });

  it('publishes a new version when a city corrects its list, and keeps the old one', async () => {
    const opened = await ok(await openProvincial(province, '2025', [jinanCampaign, qingdaoCampaign]), 201);
    const id = opened.id as string;
    await publish(id);
    // Publishing again with nothing changed gives no new version.
    await publish(id, { note: '复核' });
    expect((await list(id)).versions).toEqual([1]);

    // Jinan withdraws its first need and publishes a corrected list.
    await ok(await post(`/api/v1/needs/${jinanNeeds[0]}/withdraw`, demander.token));
    await publish(jinanCampaign, { note: '撤回一项需求' });
    expect((await list(jinanCampaign)).versions).toEqual([1, 2]);

    await expectProblem(
      await post(`/api/v1/campaigns/${id}/publish`, province, {}),
      422,
      'campaign.correction_note_required',
    );
    await publish(id, { note: '济南市更正了清单' });
    const latest = await list(id);
    expect(latest).toMatchObject({ version: 2, versions: [1, 2], note: '济南市更正了清单' });
    expect(latest.items.map((item) => [item.seq, item.id, item.source?.city, item.source?.version])).toEqual([
      [1, jinanNeeds[1], 'jinan', 2],
      [2, qingdaoNeed, 'qingdao', 1],
    ]);
    expect((await list(id, 1)).items.map((item) => item.id)).toEqual([
      jinanNeeds[0],
      jinanNeeds[1],
      qingdaoNeed,
    ]);
  });

  it('is for province staff only: city staff get the scope 403', async () => {
    const refused = await expectProblem(
      await openProvincial(jinan, '2025Q1', [jinanCampaign]),
      403,
      'staff.province_only',
    );
    expect(refused.detail).toBe('只有省级平台工作人员可以发布全省汇总清单');
    const opened = await ok(await openProvincial(province, '2025Q1', [jinanCampaign]), 201);
    await expectProblem(
      await post(`/api/v1/campaigns/${opened.id}/publish`, jinan, {}),
      403,
      'staff.out_of_scope',
    );
    expect((await api.request('GET', `/api/v1/campaigns/${opened.id}`, { token: province })).status).toBe(
      200,
    );
    expect(
      (await ok(await api.request('GET', `/api/v1/campaigns/${opened.id}`, { token: province }))).lists,
    ).toEqual({ needs: [], solutions: [] });
  });

  it('gathers only city campaigns whose 征集期 ended in the period, once their lists are published', async () => {
    const later = await cityCampaign('zibo', 40);
    const outside = await expectProblem(
      await openProvincial(province, '2025Q1', [jinanCampaign, later]),
      422,
      'campaign.source_outside_period',
    );
    expect(outside.detail).toBe('所选的征集批次的征集截止时间不在汇总期内');
    await ok(await openProvincial(province, '2025Q2', [later]), 201);

    const provinceWide = await ok(
      await post('/api/v1/campaigns', province, {
        title: '2025年全省场景需求征集',
        kind: 'needs',
        opensAt: new Date(START.getTime() - DAY).toISOString(),
        closesAt: new Date(START.getTime() + 30 * DAY).toISOString(),
      }),
      201,
    );
    await expectProblem(
      await openProvincial(province, '2025Q1', [provinceWide.id as string]),
      422,
      'campaign.source_not_city',
    );
    await expectProblem(
      await openProvincial(province, '2025Q1', ['00000000-0000-4000-8000-000000000000']),
      422,
      'campaign.source_not_found',
    );
    await expectProblem(await openProvincial(province, '2025三季度', [jinanCampaign]), 422);

    // Zibo's campaign has not published its list yet: the provincial list waits for it.
    const waiting = await ok(await openProvincial(province, '2025Q2', [later]), 201);
    await expectProblem(
      await post(`/api/v1/campaigns/${waiting.id}/publish`, province, {}),
      409,
      'campaign.source_not_published',
    );
    expect(
      (await ok(await api.request('GET', `/api/v1/campaigns/${waiting.id}`, { token: province }))).revision,
    ).toBe(0);
  });

  it('exports as CSV and Excel with 征集地市, and the CSV imports back like a city list', async () => {
    const opened = await ok(await openProvincial(province, '2025Q1', [jinanCampaign, qingdaoCampaign]), 201);
    await publish(opened.id as string);
    const path = `/api/v1/campaigns/${opened.id}/list?kind=needs`;
    const csv = await api.request('GET', `${path}&format=csv`, { token: province });
    expect(csv.status).toBe(200);
    const bytes = await csv.arrayBuffer();
    const [header, ...rows] = parseCsv(new TextDecoder().decode(bytes.slice(3)));
    expect(header!.slice(0, 3)).toEqual(['序号', '征集地市', '场景名称']);
    expect(rows.map((row) => [row[0], row[1], row[6]])).toEqual([
      ['1', '济南市', '济南市'],
      ['2', '青岛市', '青岛市'],
    ]);

    const xlsx = await api.request('GET', `${path}&format=xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 3)).toEqual(['序号', '征集地市']);
    expect((sheet.getRow(3).values as unknown[]).slice(1, 3)).toEqual([2, '青岛市']);

    // A dry-run import reads the provincial CSV as it reads the Jinan list's own CSV.
    const dryRun = async (file: ArrayBuffer) => {
      const form = new FormData();
      form.set('file', new File([new Uint8Array(file)], '清单.csv', { type: 'text/csv' }));
      form.set('kind', 'needs');
      form.set('orgId', demander.orgId);
      form.set('dryRun', 'true');
      const res = await api.app.request('/api/v1/imports', {
        method: 'POST',
        body: form,
        headers: { authorization: `Bearer ${province}` },
      });
      return (await ok(res)) as { counts: Json; issues: Json[] };
    };
    const cityCsv = await api.request(
      'GET',
      `/api/v1/campaigns/${jinanCampaign}/list?kind=needs&format=csv`,
      {
        token: province,
      },
    );
    const city = await dryRun(await cityCsv.arrayBuffer());
    const gathered = await dryRun(bytes);
    expect(gathered.counts.read).toBe(2);
    expect(gathered.counts.rejected).toBe(city.counts.rejected);
    expect(gathered.issues.map((issue) => issue.reason)).toEqual(city.issues.map((issue) => issue.reason));
  });
});
