import { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/shared/actor.js';
import { importsRouter } from '../../src/http/imports-router.js';
import { onError, type Problem } from '../../src/http/problem.js';
import type { ImportReport } from '../../src/import/report.js';
import type { HttpEnv } from '../../src/server/env.js';
import { createWorld, staff, type World } from '../unit/import/world.js';
import { zipBomb } from '../unit/import/zip-bomb.js';

const HEADER = '场景名称,需求单位,所属行业,所在地市,场景描述,技术领域,预算(万元)';
const ROW =
  '机加车间智能排产,淄博鲁中精工汽车零部件有限公司,高端装备,淄博,现有机加线12条，计划由人工编排，插单后重排需要半天，希望建设排产系统。,人工智能,50~120';

/** The imports router as the app mounts it, with the caller set by a stand-in for authentication. */
function appAs(world: World, actor: Actor) {
  const app = new OpenAPIHono<HttpEnv>();
  app.onError(onError(world.deps.logger));
  app.use('*', async (c, next) => {
    c.set('requestId', 'req-1');
    c.set('actor', actor);
    await next();
  });
  app.route('/api/v1/imports', importsRouter({ app: world.deps }));
  return app;
}

function upload(fields: Record<string, string>, file: { text: string | Uint8Array; name: string }) {
  const form = new FormData();
  form.set('file', new File([file.text], file.name));
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return { method: 'POST', body: form };
}

describe('POST /api/v1/imports', () => {
  let world: World;
  beforeAll(async () => {
    world = createWorld();
    await world.verifiedOrg('淄博鲁中精工汽车零部件有限公司', 'demander', 'zibo');
  });
  afterAll(() => world.close());

  it('answers with the import report', async () => {
    const res = await appAs(world, staff.actor).request(
      '/api/v1/imports',
      upload({ kind: 'needs' }, { text: `${HEADER}\n${ROW}\n`, name: '清单.csv' }),
    );
    expect(res.status).toBe(200);
    const report = (await res.json()) as ImportReport;
    expect(report.counts).toEqual({ read: 1, imported: 1, duplicate: 0, rejected: 0, blank: 0 });
    expect(report.imported[0]).toMatchObject({ row: 2, title: '机加车间智能排产', status: 'published' });
  });

  it('refuses a file whose headers are not a list, naming the missing columns', async () => {
    const res = await appAs(world, staff.actor).request(
      '/api/v1/imports',
      upload({ kind: 'needs' }, { text: '姓名,年龄,场景名称,需求单位\n张三,30,x,y\n', name: 'people.csv' }),
    );
    expect(res.status).toBe(422);
    const problem = (await res.json()) as Problem;
    expect(problem.code).toBe('import.missing_columns');
    expect(problem.detail).toContain('所属行业');
  });

  it('refuses a non-Excel file renamed .xlsx', async () => {
    const res = await appAs(world, staff.actor).request(
      '/api/v1/imports',
      upload({ kind: 'needs' }, { text: '%PDF-1.7 not a workbook', name: '清单.xlsx' }),
    );
    expect(res.status).toBe(422);
    expect(((await res.json()) as Problem).code).toBe('import.not_xlsx');
  });

  it('refuses a zip bomb (200 MB of zeros declared as 1,000 bytes) without inflating it', async () => {
    const bomb = await zipBomb(200 * 1024 * 1024, 1_000);
    const head = await world.store.headPosition();
    const peakBefore = process.resourceUsage().maxRSS * 1024;
    const res = await appAs(world, staff.actor).request(
      '/api/v1/imports',
      upload({ kind: 'needs' }, { text: bomb, name: '清单.xlsx' }),
    );
    const growth = process.resourceUsage().maxRSS * 1024 - peakBefore;
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await res.json()) as Problem;
    expect(problem.code).toBe('import.xlsx_unreadable');
    expect(problem.detail).toMatch(/[\u4e00-\u9fff]/);
    expect(growth).toBeLessThan(100 * 1024 * 1024);
    expect(await world.store.headPosition()).toBe(head);
  });

  it('is for staff: 401 without a token, 403 for an organization user', async () => {
    const request = () => upload({ kind: 'needs' }, { text: `${HEADER}\n${ROW}\n`, name: '清单.csv' });
    const anonymous = await appAs(world, { userId: null, orgId: null, role: 'anonymous' }).request(
      '/api/v1/imports',
      request(),
    );
    expect(anonymous.status).toBe(401);
    const demander = {
      userId: '01950000-0000-7000-8000-000000000002',
      orgId: 'x',
      role: 'demander',
    } as const;
    expect((await appAs(world, demander).request('/api/v1/imports', request())).status).toBe(403);
  });

  it('returns the rejected rows as CSV on request', async () => {
    const res = await appAs(world, staff.actor).request(
      '/api/v1/imports',
      upload(
        { kind: 'needs', dryRun: 'true', report: 'csv' },
        { text: `${HEADER}\n${ROW.replace('50~120', '五十万')}\n`, name: '清单.csv' },
      ),
    );
    expect(res.status).toBe(200);
    const text = new TextDecoder().decode(await res.arrayBuffer());
    expect(text).toContain('行号,列,单元格内容,原因');
    expect(text).toContain('2,预算(万元),五十万,');
  });
});
