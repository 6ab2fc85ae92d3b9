import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { sniffAttachmentType } from '../../../src/attachments/sniff.js';

async function zip(entries: Record<string, string>): Promise<Buffer> {
  const file = new yazl.ZipFile();
  for (const [name, text] of Object.entries(entries)) file.addBuffer(Buffer.from(text), name);
  const bytes = buffer(file.outputStream);
  file.end();
  return bytes;
}

const cfb = (stream: string) =>
  Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(504),
    Buffer.from(stream, 'utf16le'),
  ]);

describe('sniffAttachmentType: what a file is, from its bytes', () => {
  it('knows PDF, PNG and JPEG by their signatures', async () => {
    expect(await sniffAttachmentType(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
    expect(await sniffAttachmentType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
      'png',
    );
    expect(await sniffAttachmentType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toBe('jpeg');
  });

  it('tells Word from Excel inside their zip packages, and a plain zip from both', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('需求').addRow(['场景名称']);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(await sniffAttachmentType(xlsx)).toBe('xlsx');
    const docx = await zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect(await sniffAttachmentType(docx)).toBe('docx');
    expect(await sniffAttachmentType(await zip({ 'readme.txt': '你好' }))).toBeNull();
  });

  it('knows Word and Excel 97–2003 by the stream their container names', async () => {
    expect(await sniffAttachmentType(cfb('WordDocument'))).toBe('doc');
    expect(await sniffAttachmentType(cfb('Workbook'))).toBe('xls');
  });

  it('refuses what is none of those, whatever it is called: HTML, SVG, a script, a truncated zip', async () => {
    expect(await sniffAttachmentType(Buffer.from('<!doctype html><title>x</title>'))).toBeNull();
    expect(await sniffAttachmentType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(await sniffAttachmentType(Buffer.from('MZ\x90\x00'))).toBeNull();
    expect(await sniffAttachmentType(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).toBeNull();
    expect(await sniffAttachmentType(Buffer.alloc(0))).toBeNull();
  });
});
