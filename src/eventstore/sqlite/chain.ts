import { createHmac } from 'node:crypto';

/**
 * The tamper-evidence chain of the embedded store: every row of `events` carries
 * mac_n = HMAC-SM3(key, mac_{n-1} || encode(row n)), so changing, inserting or removing a row breaks the
 * MAC of that row or of the next one, and only the holder of the key (kept outside the data dir) can
 * forge a chain. The first row chains onto GENESIS.
 */
export const CHAIN_KEY_BYTES = 32;
export const GENESIS: Buffer = Buffer.alloc(32);

/** The stored columns of one row, as stored: data and metadata are the JSON text in the file. */
export interface ChainedRow {
  position: bigint;
  id: string;
  stream: string;
  revision: bigint;
  type: string;
  data: string;
  metadata: string;
  time: bigint | number;
}

function int64(value: bigint | number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(BigInt(value));
  return bytes;
}

// Texts are length-prefixed so that no two different rows encode to the same bytes.
function text(value: string): Buffer[] {
  const bytes = Buffer.from(value, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return [length, bytes];
}

export function encodeRow(row: ChainedRow): Buffer {
  return Buffer.concat([
    int64(row.position),
    ...text(row.id),
    ...text(row.stream),
    int64(row.revision),
    ...text(row.type),
    ...text(row.data),
    ...text(row.metadata),
    int64(row.time),
  ]);
}

export function chainMac(key: Buffer, previous: Buffer, row: ChainedRow): Buffer {
  return createHmac('sm3', key).update(previous).update(encodeRow(row)).digest();
}

/** Stored beside the chain, so that a wrong key is named as such rather than as a changed first row. */
export function keyCheck(key: Buffer): Buffer {
  return createHmac('sm3', key).update('yunsupei audit chain key check').digest();
}

export function assertChainKey(key: Buffer): void {
  if (key.length !== CHAIN_KEY_BYTES) {
    throw new RangeError(`audit chain key must be ${CHAIN_KEY_BYTES} bytes, got ${key.length}`);
  }
}
