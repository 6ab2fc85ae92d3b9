import yauzl from 'yauzl';
import type { AttachmentType } from '../domain/attachment/file-types.js';

const PDF = Buffer.from('%PDF-');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff]);
const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Compound File Binary: the container of Word 97–2003 and Excel 97–2003 files. */
const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const utf16 = (name: string) => Buffer.from(name, 'utf16le');

const startsWith = (bytes: Buffer, magic: Buffer) =>
  bytes.length >= magic.length && bytes.subarray(0, magic.length).equals(magic);

/** Word and Excel in Office Open XML are zip packages; the part that makes each one is what tells them apart. */
async function officeOpenXml(bytes: Buffer): Promise<AttachmentType | null> {
  let archive: yauzl.ZipFile;
  try {
    archive = await yauzl.fromBufferPromise(bytes, { lazyEntries: true, autoClose: false });
  } catch {
    return null;
  }
  try {
    const names = new Set<string>();
    for await (const entry of archive.eachEntry()) names.add(entry.fileName);
    if (!names.has('[Content_Types].xml')) return null;
    if (names.has('word/document.xml')) return 'docx';
    if (names.has('xl/workbook.xml')) return 'xlsx';
    return null;
  } catch {
    return null;
  } finally {
    archive.close();
  }
}

/**
 * What a file is, from its bytes alone: never from its name or the Content-Type the browser sent, which
 * say whatever the sender wants. A .pdf that is an HTML page is null here, and so refused.
 */
export async function sniffAttachmentType(bytes: Uint8Array): Promise<AttachmentType | null> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (startsWith(buffer, PDF)) return 'pdf';
  if (startsWith(buffer, PNG)) return 'png';
  if (startsWith(buffer, JPEG)) return 'jpeg';
  if (startsWith(buffer, ZIP)) return officeOpenXml(buffer);
  if (startsWith(buffer, CFB)) {
    // The directory names the document's main stream.
    if (buffer.includes(utf16('WordDocument'))) return 'doc';
    if (buffer.includes(utf16('Workbook')) || buffer.includes(utf16('Book'))) return 'xls';
  }
  return null;
}
