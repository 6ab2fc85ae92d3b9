import { once } from 'node:events';
import { buffer } from 'node:stream/consumers';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/**
 * An .xlsx-looking archive whose worksheet inflates to `inflatedBytes` of zeros while its directory
 * declares `declaredBytes`: a "zip bomb" as an attacker builds one. The zeros are deflated as a stream,
 * so building a 1000 MB bomb holds only its ~1 MB of compressed bytes.
 */
export async function zipBomb(inflatedBytes: number, declaredBytes: number): Promise<Buffer> {
  const workbook = Buffer.from(
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
  );
  return zipArchive([
    { name: 'xl/workbook.xml', data: deflateRawSync(workbook), size: workbook.length, crc: crc32(workbook) },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: await deflatedZeros(inflatedBytes),
      size: declaredBytes,
      crc: 0,
    },
  ]);
}

async function deflatedZeros(bytes: number): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const compressed = buffer(deflate);
  const chunk = Buffer.alloc(1024 * 1024);
  for (let left = bytes; left > 0; left -= chunk.length) {
    if (!deflate.write(chunk.subarray(0, Math.min(left, chunk.length)))) await once(deflate, 'drain');
  }
  deflate.end();
  return compressed;
}

interface Entry {
  name: string;
  /** Deflated content. */
  data: Buffer;
  /** The uncompressed size the archive declares. */
  size: number;
  crc: number;
}

function zipArchive(entries: Entry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(entry.crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(entry.crc, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, entry.data);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
