import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importListings } from '../../../src/application/import-service.js';
import { DomainError } from '../../../src/domain/shared/errors.js';
import { createWorld, staff, type World } from './world.js';

const ORG = '淄博鲁中精工汽车零部件有限公司';
const DESCRIPTION = '现有机加线12条，计划由人工编排，插单后重排需要半天，希望建设排产系统并与ERP打通。';
const HEADER = '场景名称,需求单位,所属行业,所在地市,场景描述,技术领域,预算(万元)';

async function xlsx(
  rows: (string | number | null)[][],
  options: { hiddenFirstSheet?: boolean } = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  if (options.hiddenFirstSheet) workbook.addWorksheet('说明', { state: 'hidden' }).addRow(['填表说明']);
  const sheet = workbook.addWorksheet('需求清单');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('malformed files', () => {
  let world: World;
  beforeAll(async () => {
    world = createWorld();
    await world.verifiedOrg(ORG, 'demander', 'zibo');
  });
  afterAll(() => world.close());

  /** Runs the import expecting the whole file to be refused, and checks that nothing was written. */
  async function refused(
    bytes: Buffer,
    filename: string,
    limits?: Parameters<typeof importListings>[3]['limits'],
  ) {
    const head = await world.store.headPosition();
    const error = await importListings(
      world.deps,
      staff,
      { bytes, filename },
      { kind: 'needs', ...(limits ? { limits } : {}) },
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(await world.store.headPosition()).toBe(head);
    const { code, message } = error as DomainError;
    expect(message).toMatch(/[\u4e00-\u9fff]/);
    return code;
  }

  it('refuses a sheet without the required headers, naming the missing ones', async () => {
    expect(await refused(Buffer.from('名称,单位\n排产,某公司\n'), 'a.csv')).toBe('import.no_header_row');
    const partial = Buffer.from(`场景名称,需求单位,所在地市\n排产,${ORG},淄博\n`);
    expect(await refused(partial, 'a.csv')).toBe('import.missing_columns');
  });

  it('refuses a file with a header and nothing else', async () => {
    expect(await refused(Buffer.from(`${HEADER}\n,,,,,,\n`), 'a.csv')).toBe('import.no_rows');
  });

  it('refuses a 10 MB file before reading it', async () => {
    const big = Buffer.alloc(10 * 1024 * 1024, 'a');
    expect(await refused(big, 'big.csv')).toBe('import.too_large');
  });

  it('refuses files that are not what their extension says', async () => {
    expect(await refused(Buffer.from('%PDF-1.7\n%âãÏÓ binary'), '清单.xlsx')).toBe('import.not_xlsx');
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64)]);
    expect(await refused(zip, '清单.xlsx')).toBe('import.not_xlsx');
    expect(await refused(zip, '清单.csv')).toBe('import.not_text');
    const ole2 = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(512),
    ]);
    expect(await refused(ole2, '清单.xls')).toBe('import.legacy_xls');
    expect(await refused(Buffer.from([0, 1, 2, 3, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0]), '清单.csv')).toBe(
      'import.not_text',
    );
    expect(await refused(Buffer.from('x'), '清单.docx')).toBe('import.unsupported_type');
  });

  it('refuses workbooks that unpack or run too large', async () => {
    const book = await xlsx([
      HEADER.split(','),
      ['排产', ORG, '高端装备', '淄博', DESCRIPTION, '人工智能', 100],
    ]);
    const limits = { maxBytes: 8 * 1024 * 1024, maxUnpackedBytes: 1024, maxRows: 20_000 };
    expect(await refused(book, 'a.xlsx', limits)).toBe('import.xlsx_too_large');
    const rows = `${HEADER}\n${'x\n'.repeat(11)}`;
    expect(await refused(Buffer.from(rows), 'a.csv', { ...limits, maxUnpackedBytes: 1e9, maxRows: 10 })).toBe(
      'import.too_many_rows',
    );
  });

  it('finds the header under a title row, in any bracket width, with * marks, on the first visible sheet', async () => {
    const book = await xlsx(
      [
        ['2025年第一批数字化应用场景需求清单'],
        [],
        [
          '序号',
          '*场景名称',
          '需求单位',
          '所属行业',
          '所在地市',
          '场景描述',
          '技术领域',
          '预算（万元）',
          '备注',
        ],
        [1, '机加车间智能排产', ORG, '高端装备', '淄博市', DESCRIPTION, '人工智能', '50-120', '加急'],
        [null, null, null, null, null, null, null, null, null],
        [2, '车间设备联网改造', ORG, '房地产', '淄博市', DESCRIPTION, '人工智能', 80, null],
      ],
      { hiddenFirstSheet: true },
    );
    const report = await importListings(
      world.deps,
      staff,
      { bytes: book, filename: 'list.xlsx' },
      { kind: 'needs', dryRun: true },
    );
    expect(report.file.sheet).toBe('需求清单');
    expect(report.columns.ignored).toEqual(['备注']);
    expect(report.counts).toEqual({ read: 2, imported: 1, duplicate: 0, rejected: 1, blank: 1 });
    expect(report.issues).toEqual([
      { row: 6, column: '所属行业', value: '房地产', reason: expect.stringContaining('不是平台的行业分类') },
    ]);
    expect(report.warnings).toEqual([
      { row: 4, column: '场景类型', message: expect.stringContaining('已按名称和描述判定为“生产制造”') },
      { row: 6, column: '场景类型', message: expect.stringContaining('生产制造') },
    ]);
  });

  it('takes other header names from a mapping file', async () => {
    const file = Buffer.from(
      `项目,单位,行业,城市,内容,预算(万元)\n机加车间智能排产,${ORG},高端装备,淄博,${DESCRIPTION},100\n`,
    );
    const mapping = { 项目: 'title', 单位: 'orgName', 内容: 'description' };
    const report = await importListings(
      world.deps,
      staff,
      { bytes: file, filename: 'a.csv' },
      { kind: 'needs', mapping, dryRun: true },
    );
    expect(report.counts).toMatchObject({ read: 1, imported: 1, rejected: 0 });
    await expect(
      importListings(
        world.deps,
        staff,
        { bytes: file, filename: 'a.csv' },
        { kind: 'needs', mapping: { 项目: 'name' } },
      ),
    ).rejects.toMatchObject({ code: 'import.bad_mapping' });
  });

  it('rejects a row whose name holds control characters, and keeps line breaks in a description', async () => {
    const file = Buffer.from(
      [
        HEADER,
        `车间\u001b[2J能耗监测\u0000平台,${ORG},高端装备,淄博,${DESCRIPTION},物联网,100`,
        `车间设备预测性维护,${ORG},高端装备,淄博,"${DESCRIPTION}\n二、目标：\t减少停机",物联网,100`,
      ].join('\n'),
    );
    const report = await importListings(
      world.deps,
      staff,
      { bytes: file, filename: 'a.csv' },
      { kind: 'needs', dryRun: true },
    );
    expect(report.counts).toMatchObject({ read: 2, imported: 1, rejected: 1 });
    expect(report.issues).toEqual([
      expect.objectContaining({ row: 2, column: '场景名称', reason: expect.stringContaining('控制字符') }),
    ]);
  });

  it('writes only the valid rows: a rejected row leaves nothing behind', async () => {
    const file = Buffer.from(
      [
        HEADER,
        `车间能耗在线监测平台,${ORG},高端装备,淄博,${DESCRIPTION},物联网,100`,
        `车间安全隐患智能识别,${ORG},高端装备,淄博,太短,物联网,100`,
        `车间设备预测性维护,${ORG},高端装备,淄博,${DESCRIPTION},区块链、量子通信,100`,
        `车间能耗在线监测平台,${ORG},高端装备,淄博,${DESCRIPTION},物联网,100`,
      ].join('\n'),
    );
    const before = await world.store.headPosition();
    const report = await importListings(
      world.deps,
      staff,
      { bytes: file, filename: 'a.csv' },
      { kind: 'needs' },
    );
    expect(report.counts).toEqual({ read: 4, imported: 1, duplicate: 1, rejected: 2, blank: 0 });
    expect(report.issues.map((i) => [i.row, i.column])).toEqual([
      [3, '场景描述'],
      [4, '技术领域'],
    ]);
    expect(report.duplicates).toEqual([expect.objectContaining({ row: 5, reason: '与第 2 行重复' })]);
    const written = (await world.store.readAll({ fromPosition: before + 1n })).filter(
      (e) => e.type === 'NeedCreated',
    );
    expect(written.map((e) => e.data.title)).toEqual(['车间能耗在线监测平台']);
  });
});
