import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'gb18030';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];

function startsWith(buffer: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, i) => buffer[i] === byte);
}

/**
 * Decodes a CSV as Chinese office software writes it: UTF-8 with or without BOM, UTF-16LE with BOM
 * ("Unicode 文本"), or GB18030 (a superset of GBK/GB2312, what WPS and Excel save as "CSV" on a Chinese
 * Windows). Without a BOM, bytes that are valid UTF-8 are read as UTF-8: GBK text of any length almost
 * never is.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, UTF8_BOM)) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (startsWith(bytes, UTF16LE_BOM)) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return {
      text: iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'gb18030'),
      encoding: 'gb18030',
    };
  }
}

/** Text with control characters other than tab and line breaks is not a spreadsheet export. */
export function looksLikeText(text: string): boolean {
  const sample = text.slice(0, 4096);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: detecting binary content is the point
  const control = sample.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  return control <= sample.length / 100;
}
