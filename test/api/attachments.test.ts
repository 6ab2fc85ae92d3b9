import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES } from '../../src/domain/attachment/limits.js';
import { createScenario, type Scenario } from './scenario.js';
import { createTestApi, expectProblem, type TestApi } from './support.js';

type Json = Record<string, unknown>;

/** A minimal PDF: what matters here is its first bytes. */
const pdf = (text = '需求说明') => Buffer.from(`%PDF-1.4\n% ${text}\n1 0 obj<<>>endobj\n%%EOF\n`);
const png = Buffer.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
]);

describe('附件: /api/v1/{needs|solutions}/{id}/attachments', () => {
  let api: TestApi;
  let s: Scenario;
  beforeAll(async () => {
    api = await createTestApi();
    s = await createScenario(api);
  });
  afterAll(() => api.close());

  const upload = (
    path: string,
    token: string,
    bytes: Uint8Array,
    name = '需求说明.pdf',
    type = 'application/pdf',
  ) => {
    const form = new FormData();
    form.append('file', new File([new Uint8Array(bytes)], name, { type }));
    return api.app.request(`/api/v1/${path}/attachments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
      body: form,
    });
  };
  const list = (path: string, token: string) => api.request('GET', `/api/v1/${path}/attachments`, { token });
  const eventsOf = async (kind: string, id: string) =>
    (await api.store.readStream(`attachments-${kind}-${id}`)).length;

  it('takes a PDF on a draft need from its owner, lists it and serves it as a download only', async () => {
    const needId = await s.need('draft');
    const bytes = pdf();
    const res = await upload(`needs/${needId}`, s.demander.token, bytes);
    expect(res.status, await res.clone().text()).toBe(201);
    const added = (await res.json()) as Json;
    expect(added).toMatchObject({
      name: '需求说明.pdf',
      size: bytes.length,
      type: 'pdf',
      mediaType: 'application/pdf',
      sha256: createHash('sha256').update(bytes).digest('hex'),
      userId: s.demander.userId,
    });
    expect(res.headers.get('location')).toBe(`/api/v1/needs/${needId}/attachments/${added.id}`);

    const listed = await list(`needs/${needId}`, s.demander.token);
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { items: Json[] }).items).toMatchObject([{ id: added.id }]);

    const download = await api.request('GET', String(added.downloadUrl), { token: s.staff });
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('需求说明.pdf')}`,
    );
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-security-policy')).toMatch(/(^|;\s*)sandbox(;|$)/);
  });

  it('types a file by its bytes: a PNG sent as "application/pdf" is served as image/png', async () => {
    const needId = await s.need('draft');
    const res = await upload(`needs/${needId}`, s.demander.token, png, '现场照片.png', 'application/pdf');
    expect(res.status).toBe(201);
    const { downloadUrl } = (await res.json()) as Json;
    const download = await api.request('GET', String(downloadUrl), { token: s.demander.token });
    expect(download.headers.get('content-type')).toBe('image/png');
  });

  it('refuses a .pdf that is really an HTML page: 422 in Chinese, nothing written', async () => {
    const needId = await s.need('draft');
    const html = Buffer.from('<!doctype html><script>alert(1)</script>');
    const problem = await expectProblem(
      await upload(`needs/${needId}`, s.demander.token, html, '报价.pdf'),
      422,
      'validation',
    );
    expect(problem.errors).toEqual([
      {
        path: 'file',
        message: '文件“报价.pdf”不是PDF、Word、Excel 文件或 PNG、JPEG 图片（按文件内容识别），不能上传',
      },
    ]);
    expect(await eventsOf('need', needId)).toBe(0);
  });

  it('refuses a file over 20 MB with a Chinese message naming the limit', async () => {
    const needId = await s.need('draft');
    const big = Buffer.concat([pdf(), Buffer.alloc(MAX_ATTACHMENT_BYTES)]);
    const problem = await expectProblem(await upload(`needs/${needId}`, s.demander.token, big), 422);
    expect(problem.detail).toContain('每个附件不能超过 20 MB');
    // Far over the limit, the body is not even read.
    const huge = Buffer.concat([pdf(), Buffer.alloc(MAX_ATTACHMENT_BYTES * 2)]);
    const tooLarge = await expectProblem(await upload(`needs/${needId}`, s.demander.token, huge), 413);
    expect(tooLarge.detail).toBe('每个附件不能超过 20 MB');
    expect(await eventsOf('need', needId)).toBe(0);
  });

  it('takes at most 10 files per listing', async () => {
    const solutionId = await s.solution('draft');
    for (let i = 0; i < 10; i++) {
      const res = await upload(`solutions/${solutionId}`, s.vendor.token, pdf(`第${i}页`), `资料${i}.pdf`);
      expect(res.status).toBe(201);
    }
    const problem = await expectProblem(
      await upload(`solutions/${solutionId}`, s.vendor.token, pdf('多一个'), '资料10.pdf'),
      409,
      'attachment.too_many',
    );
    expect(problem.detail).toBe('每个方案最多 10 个附件，请先删除不需要的附件');
    expect(await eventsOf('solution', solutionId)).toBe(10);
  });

  it("refuses someone else's listing: another demander 403, a vendor on a need 403, an unknown need 404", async () => {
    const needId = await s.need('draft');
    await expectProblem(
      await upload(`needs/${needId}`, s.demander2.token, pdf()),
      403,
      'attachment.not_owner',
    );
    await expectProblem(await upload(`needs/${needId}`, s.vendor.token, pdf()), 403);
    await expectProblem(
      await upload('needs/01900000-0000-7000-8000-000000000000', s.demander.token, pdf()),
      404,
      'need.not_found',
    );
    expect(await eventsOf('need', needId)).toBe(0);
  });

  it('changes files only while the listing may be edited (draft or rejected)', async () => {
    const needId = await s.need('submitted');
    await expectProblem(
      await upload(`needs/${needId}`, s.demander.token, pdf()),
      409,
      'attachment.listing_not_editable',
    );
  });

  it("hides a draft listing's files from others as the listing itself is hidden, and shows them once published", async () => {
    const needId = await s.need('draft');
    const added = (await (await upload(`needs/${needId}`, s.demander.token, pdf())).json()) as Json;
    const listingRefusal = await api.request('GET', `/api/v1/needs/${needId}`, { token: s.vendor.token });
    expect(listingRefusal.status).toBe(403);
    const code = ((await listingRefusal.json()) as Json).code;
    await expectProblem(await list(`needs/${needId}`, s.vendor.token), 403, String(code));
    await expectProblem(
      await api.request('GET', String(added.downloadUrl), { token: s.vendor.token }),
      403,
      String(code),
    );
    await expectProblem(await api.request('GET', String(added.downloadUrl)), 401);

    await api.request('POST', `/api/v1/needs/${needId}/submit`, { token: s.demander.token });
    await api.request('POST', `/api/v1/needs/${needId}/approve`, { token: s.staff });
    const download = await api.request('GET', String(added.downloadUrl), { token: s.vendor.token });
    expect(download.status).toBe(200);
  });

  it('lets the owner delete a file: 204, gone from the list, its download 404', async () => {
    const needId = await s.need('draft');
    const added = (await (await upload(`needs/${needId}`, s.demander.token, pdf())).json()) as Json;
    const path = `/api/v1/needs/${needId}/attachments/${added.id}`;
    await expectProblem(await api.request('DELETE', path, { token: s.demander2.token }), 403);
    expect((await api.request('DELETE', path, { token: s.demander.token })).status).toBe(204);
    expect(
      ((await (await list(`needs/${needId}`, s.demander.token)).json()) as { items: Json[] }).items,
    ).toEqual([]);
    await expectProblem(
      await api.request('GET', path, { token: s.demander.token }),
      404,
      'attachment.not_found',
    );
  });
});
