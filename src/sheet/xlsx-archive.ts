import { buffer } from 'node:stream/consumers';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { sheetError } from './messages.js';

/** Fast deflate: the archive only lives until exceljs has read it. */
const REPACK_LEVEL = 1;

/**
 * An uploaded .xlsx packed anew from entries whose size was checked while they inflated, for exceljs to
 * load. exceljs inflates every entry in full with its own unzip and trusts what the archive declares, so a
 * few kilobytes that inflate to gigabytes (a "zip bomb") would be in memory before any check could refuse
 * them. Here the declared sizes must add up to at most `maxUnpackedBytes`, and yauzl stops an entry the
 * moment it inflates past its declared size, so no more than the limit is ever inflated. The entries are
 * then packed again rather than the upload handed on, because two unzip libraries can read one crafted
 * archive differently (bytes between the directory and its end record, duplicate names): exceljs reads only counted bytes.
 */
export async function repackXlsx(bytes: Buffer, maxUnpackedBytes: number): Promise<Buffer> {
  const archive = await yauzl
    .fromBufferPromise(bytes, { lazyEntries: true, autoClose: false, validateEntrySizes: true })
    .catch(() => {
      throw sheetError('not_xlsx');
    });
  try {
    const entries = await listEntries(archive);
    if (!entries.some((e) => e.fileName === 'xl/workbook.xml')) throw sheetError('not_xlsx');
    const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
    if (declared > maxUnpackedBytes) throw sheetError('xlsx_too_large', maxUnpackedBytes);
    return await repack(archive, entries);
  } finally {
    archive.close();
  }
}

async function listEntries(archive: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  const entries: yauzl.Entry[] = [];
  try {
    for await (const entry of archive.eachEntry()) entries.push(entry);
  } catch {
    throw sheetError('not_xlsx');
  }
  return entries;
}

async function repack(archive: yauzl.ZipFile, entries: yauzl.Entry[]): Promise<Buffer> {
  const repacked = new yazl.ZipFile();
  const output = buffer(repacked.outputStream);
  try {
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      // Fails, and stops inflating, as soon as the entry outgrows its declared size (or is encrypted).
      const content = await buffer(await archive.openReadStreamPromise(entry));
      repacked.addBuffer(content, entry.fileName, { compressionLevel: REPACK_LEVEL });
    }
  } catch {
    throw sheetError('xlsx_unreadable');
  }
  repacked.end();
  return output;
}
