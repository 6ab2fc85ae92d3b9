import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { needBody } from '../api/fixtures.js';
import { registrationBody } from '../api/support.js';
import { ADMIN, type BrowserEnv, chromiumAvailable, startBrowserEnv } from './harness.js';
import { contains, signIn } from './page-steps.js';

/**
 * 附件 in a real browser: the demander uploads a PDF on its draft need's page with the plain form (no
 * script) and sees it listed with a download link; a page that only calls itself a PDF is refused on the
 * form in Chinese. Screenshots in test-results/screenshots/.
 */

describe.skipIf(!chromiumAvailable())('web UI: 附件 on a need', () => {
  let env: BrowserEnv;
  let files: string;

  async function api(method: string, path: string, token?: string, body?: unknown) {
    const res = await fetch(`${env.baseUrl}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as Record<string, unknown>;
  }
  const token = async (username: string, password: string) =>
    (await api('POST', '/auth/token', undefined, { username, password })).token as string;

  beforeAll(async () => {
    env = await startBrowserEnv();
    files = mkdtempSync(join(tmpdir(), 'yunsupei-upload-'));
  }, 60_000);
  afterAll(async () => {
    await env?.close();
    if (files) rmSync(files, { recursive: true, force: true });
  });

  it('uploads a PDF through the need page and lists it; a fake PDF is refused on the form', async () => {
    const staff = await token(ADMIN.username, ADMIN.password);
    const body = registrationBody('demander');
    const org = (await api('POST', '/orgs', undefined, body)).org as { id: string };
    await api('POST', `/orgs/${org.id}/verify`, staff);
    const demander = await token(body.admin.username, body.admin.password);
    const needId = (await api('POST', '/needs', demander, needBody)).id as string;

    const pdf = join(files, '产线现状说明.pdf');
    writeFileSync(pdf, '%PDF-1.4\n% 产线现状\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const fake = join(files, '报价单.pdf');
    writeFileSync(fake, '<!doctype html><h1>不是 PDF</h1>');

    const { page } = await env.person();
    await signIn(page, body.admin.username, body.admin.password);
    await page.goto(`/needs/${needId}`);
    const section = page.getByRole('region', { name: '附件' });
    await contains(section, '暂无附件');

    await section.getByLabel('上传附件').setInputFiles(pdf);
    await section.getByRole('button', { name: '上传', exact: true }).click();
    await contains(page.getByRole('status'), '附件已上传');
    const listed = page.getByRole('region', { name: '附件' });
    await contains(listed, '产线现状说明.pdf');
    await contains(listed, 'PDF 文档');
    const link = listed.getByRole('link', { name: '产线现状说明.pdf' });
    const download = await Promise.all([page.waitForEvent('download'), link.click()]).then(([d]) => d);
    expect(download.suggestedFilename()).toBe('产线现状说明.pdf');
    await env.screenshot(page, 'attachments-01-need-uploaded');

    await listed.getByLabel('上传附件').setInputFiles(fake);
    await listed.getByRole('button', { name: '上传', exact: true }).click();
    const refused = page.getByRole('region', { name: '附件' });
    await contains(
      refused,
      '文件“报价单.pdf”不是PDF、Word、Excel 文件或 PNG、JPEG 图片（按文件内容识别），不能上传',
    );
    await contains(refused, '产线现状说明.pdf');
    await env.screenshot(page, 'attachments-02-fake-pdf-refused');
  }, 60_000);
});
