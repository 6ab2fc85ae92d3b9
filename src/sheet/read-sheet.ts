import ExcelJS from 'exceljs';
import { parseCsv, unescapeFormula } from './csv.js';
import { sheetError } from './messages.js';
import { decodeText, looksLikeText, type TextEncoding } from './text-decoding.js';
import { repackXlsx } from './xlsx-archive.js';

export interface SheetRow {
  /** As the spreadsheet shows it: 1 is the first line of the file. */
  rowNumber: number;
  cells: string[];
}

export interface Sheet {
  name: string;
  rows: SheetRow[];
}

export interface Workbook {
  format: 'xlsx' | 'csv';
  /** For CSV: the encoding it was written in. */
  encoding?: TextEncoding;
  /** Visible worksheets in order; a CSV is one sheet. */
  sheets: Sheet[];
}

export interface SheetLimits {
  maxBytes: number;
  /** What an .xlsx may unpack to: a small file can inflate to gigabytes (a "zip bomb"). */
  maxUnpackedBytes: number;
  maxRows: number;
}

export const defaultSheetLimits: SheetLimits = {
  maxBytes: 8 * 1024 * 1024,
  maxUnpackedBytes: 160 * 1024 * 1024,
  maxRows: 20_000,
};

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

const hasMagic = (bytes: Buffer, magic: number[]) => magic.every((byte, i) => bytes[i] === byte);

/**
 * Reads an uploaded list into rows of strings. The content decides the format, the extension only
 * whether it is acceptable, so that a renamed file is refused with a reason instead of parsed as
 * garbage.
 */
export async function readWorkbook(
  bytes: Buffer,
  filename: string,
  limits: SheetLimits = defaultSheetLimits,
): Promise<Workbook> {
  if (bytes.length === 0) throw sheetError('empty');
  if (bytes.length > limits.maxBytes) throw sheetError('too_large', bytes.length, limits.maxBytes);
  const extension = filename.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
  if (extension === 'xls' || hasMagic(bytes, OLE2_MAGIC)) throw sheetError('legacy_xls');
  if (extension === 'xlsx') {
    if (!hasMagic(bytes, ZIP_MAGIC)) throw sheetError('not_xlsx');
    return readXlsx(bytes, limits);
  }
  if (extension === 'csv' || extension === 'txt') {
    if (hasMagic(bytes, ZIP_MAGIC)) throw sheetError('not_text');
    return readCsv(bytes, limits);
  }
  throw sheetError('unsupported_type', filename);
}

function readCsv(bytes: Buffer, limits: SheetLimits): Workbook {
  const { text, encoding } = decodeText(bytes);
  if (!looksLikeText(text)) throw sheetError('not_text');
  const rows = parseCsv(text).map((cells, index) => ({
    rowNumber: index + 1,
    cells: cells.map(unescapeFormula),
  }));
  checkRowCount(rows, limits);
  return { format: 'csv', encoding, sheets: [{ name: 'CSV', rows }] };
}

async function readXlsx(bytes: Buffer, limits: SheetLimits): Promise<Workbook> {
  const verified = await repackXlsx(bytes, limits.maxUnpackedBytes);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as an ArrayBuffer; a copy of the packed archive is small.
    await workbook.xlsx.load(new Uint8Array(verified).buffer);
  } catch {
    throw sheetError('xlsx_unreadable');
  }
  const sheets: Sheet[] = [];
  for (const worksheet of workbook.worksheets) {
    if (worksheet.state !== 'visible') continue;
    const rows: SheetRow[] = [];
    // Empty rows in between are kept (and counted as blank); rows that are only formatted, after the
    // last one with content, are not rows of the list.
    worksheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, column) => {
        cells[column - 1] = cellText(cell.value);
      });
      rows.push({ rowNumber, cells: Array.from(cells, (c) => c ?? '') });
    });
    while (rows.length > 0 && isBlank(rows.at(-1)!)) rows.pop();
    checkRowCount(rows, limits);
    sheets.push({ name: worksheet.name, rows });
  }
  return { format: 'xlsx', sheets };
}

const isBlank = (row: SheetRow) => row.cells.every((cell) => cell.trim() === '');

function checkRowCount(rows: SheetRow[], limits: SheetLimits): void {
  // The header line is not data; a sheet with more lines than this is refused before any row is read.
  const lines = rows.filter((row) => !isBlank(row)).length - 1;
  if (lines > limits.maxRows) throw sheetError('too_many_rows', lines, limits.maxRows);
}

/** A cell as the user sees it: numbers to 15 significant digits as spreadsheets show them, dates as yyyy-mm-dd. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(Number(value.toPrecision(15)));
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value)
    return typeof value.text === 'string' ? value.text : cellText(value.text as ExcelJS.CellValue);
  if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
  return '';
}
