import ExcelJS from 'exceljs';
import type { RenderedList } from './list-export.js';

/** At most this many data rows go into one exported sheet; a last line says what was left out. */
export const EXPORT_ROW_CAP = 5000;

export interface ExportColumn<Row> {
  header: string;
  /** The widest the column grows to fit its cells. */
  width: number;
  cell(row: Row): string | number;
}

/** One sheet, its cells already written out (sheets of one workbook hold rows of different kinds). */
export interface ExportSheet {
  name: string;
  columns: { header: string; width: number }[];
  cells: (string | number)[][];
  /** How many rows the whole result had, when more than the cap. */
  total: number;
}

/** A sheet of rows under Chinese headers, capped at EXPORT_ROW_CAP rows. */
export function exportSheet<Row>(
  name: string,
  columns: ExportColumn<Row>[],
  rows: readonly Row[],
  total = rows.length,
): ExportSheet {
  return {
    name,
    columns: columns.map(({ header, width }) => ({ header, width })),
    cells: rows.slice(0, EXPORT_ROW_CAP).map((row) => columns.map((column) => column.cell(row))),
    total: Math.max(total, rows.length),
  };
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Spreadsheet width units: a Chinese character takes two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! > 0x2e80 ? 2 : 1;
  return width;
}

/** Characters a file name may not hold on Windows, and line breaks. */
const safeName = (name: string) => name.replace(/[\\/:*?"<>|\r\n]/g, '_');

/**
 * Tables the pages show, as one .xlsx download: each sheet with its Chinese headers in a bold frozen first
 * row with a filter and widths fitted to the content. The HTTP side sends it with `contentDisposition`.
 */
export async function renderWorkbook(name: string, sheets: ExportSheet[]): Promise<RenderedList> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '云速配';
  workbook.title = name;
  for (const table of sheets) {
    const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((column, i) => ({
      header: column.header,
      width: Math.min(
        Math.max(
          displayWidth(column.header),
          ...table.cells.map((row) => displayWidth(String(row[i] ?? ''))),
        ) + 2,
        column.width,
      ),
    }));
    for (const row of table.cells) sheet.addRow(row);
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
    if (table.total > table.cells.length) {
      sheet.addRow([`共 ${table.total} 条，仅导出前 ${table.cells.length} 条；请缩小筛选范围后分批导出`]);
    }
  }
  return {
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
    contentType: XLSX_TYPE,
    filename: `${safeName(name)}.xlsx`,
  };
}
