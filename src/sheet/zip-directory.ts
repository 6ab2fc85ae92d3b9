export interface ZipEntry {
  name: string;
  compressedSize: number;
  uncompressedSize: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_HEADER = 0x02014b50;
const ZIP64_MARKER = 0xffffffff;

/**
 * The entries a ZIP archive declares in its central directory, read without inflating anything, so
 * that an .xlsx can be checked (is it a workbook? how large does it unpack?) before a parser loads it.
 * Returns null when the bytes are not a readable ZIP archive.
 */
export function readZipDirectory(bytes: Buffer): ZipEntry[] | null {
  const end = findEndOfCentralDirectory(bytes);
  if (end < 0) return null;
  const count = bytes.readUInt16LE(end + 10);
  let offset = bytes.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (offset + 46 > bytes.length || bytes.readUInt32LE(offset) !== CENTRAL_DIRECTORY_HEADER) return null;
    const compressedSize = bytes.readUInt32LE(offset + 20);
    const uncompressedSize = bytes.readUInt32LE(offset + 24);
    const nameLength = bytes.readUInt16LE(offset + 28);
    const extraLength = bytes.readUInt16LE(offset + 30);
    const commentLength = bytes.readUInt16LE(offset + 32);
    const name = bytes.toString('utf8', offset + 46, offset + 46 + nameLength);
    // ZIP64 sizes do not fit 32 bits: far beyond any list we accept, so report them as unbounded.
    entries.push({
      name,
      compressedSize: compressedSize === ZIP64_MARKER ? Number.POSITIVE_INFINITY : compressedSize,
      uncompressedSize: uncompressedSize === ZIP64_MARKER ? Number.POSITIVE_INFINITY : uncompressedSize,
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfCentralDirectory(bytes: Buffer): number {
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let i = bytes.length - 22; i >= earliest; i--) {
    if (bytes.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) return i;
  }
  return -1;
}
