import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { formatCsv, parseCsv, unescapeFormula } from '../../../src/sheet/csv.js';
import { decodeText } from '../../../src/sheet/text-decoding.js';

describe('parseCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and CRLF or LF line ends', () => {
    const text = '场景名称,场景描述\r\n"排产, 调度","他说""急单""\r\n第二行"\nA,B';
    expect(parseCsv(text)).toEqual([
      ['场景名称', '场景描述'],
      ['排产, 调度', '他说"急单"\r\n第二行'],
      ['A', 'B'],
    ]);
  });

  it('takes tabs as the delimiter when the header line has them (“Unicode 文本” exports)', () => {
    expect(parseCsv('场景名称\t预算(万元)\n排产\t50,120\n')).toEqual([
      ['场景名称', '预算(万元)'],
      ['排产', '50,120'],
    ]);
  });

  it('reads lines ending in CR, LF and CRLF mixed in one file, blank lines included, and stray quotes as text', () => {
    expect(parseCsv('a,b\r\n"x","他说""好"""\n\n5"寸,c\rd,e')).toEqual([
      ['a', 'b'],
      ['x', '他说"好"'],
      [''],
      ['5"寸', 'c'],
      ['d', 'e'],
    ]);
  });

  it('refuses a quote left open to the end of the file, in Chinese, rather than making the rest one cell', () => {
    expect(() => parseCsv('场景名称,场景描述\n"排产,未闭合\n下一行,x\n')).toThrow(
      expect.objectContaining({ code: 'import.csv_unreadable', message: expect.stringContaining('引号') }),
    );
  });

  it('reads back whatever formatCsv wrote', () => {
    const cell = fc.string({
      unit: fc.constantFrom('a', '中', ',', '"', '\n', '\r\n', ' ', '=', '+', '-', '@', "'", '1'),
    });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const width = rows[0]!.length;
          const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? 'x'));
          const back = parseCsv(formatCsv(table)).map((r) => r.map(unescapeFormula));
          expect(back).toEqual(table);
        },
      ),
    );
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(formatCsv([['=1+1', '+86 138', '@x', '-', '正常']])).toBe("'=1+1,'+86 138,'@x,'-,正常\r\n");
  });
});

describe('decodeText', () => {
  const text = '场景名称,需求单位\n排产,淄博鲁中精工';

  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(Buffer.from(`\ufeff${text}`, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(Buffer.from(text, 'utf8'))).toEqual({ text, encoding: 'utf-8' });
  });

  it('reads GB18030/GBK and UTF-16LE with a BOM', () => {
    expect(decodeText(iconv.encode(text, 'gb18030'))).toEqual({ text, encoding: 'gb18030' });
    expect(decodeText(iconv.encode(text, 'gbk'))).toEqual({ text, encoding: 'gb18030' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]))).toEqual({
      text,
      encoding: 'utf-16le',
    });
  });
});
