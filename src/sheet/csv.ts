import { CsvError, parse } from 'csv-parse/sync';
import { sheetError } from './messages.js';

/**
 * CSV as RFC 4180 and spreadsheet software write it: quoted fields may hold the delimiter, quotes
 * (doubled) and line breaks; lines end in CRLF, LF or CR, mixed within one file as hand-edited lists
 * are. A quote inside an unquoted field is kept as text. The delimiter is guessed from the first line
 * (comma, tab or semicolon), since "Unicode 文本" exports use tabs. A quote left open to the end of the
 * file is refused: everything after it would silently become one cell.
 */
export function parseCsv(text: string): string[][] {
  try {
    return parse(text, {
      delimiter: guessDelimiter(text),
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_quotes: true,
      relax_column_count: true,
    });
  } catch (error) {
    if (error instanceof CsvError) throw sheetError('csv_unreadable');
    throw error;
  }
}

function guessDelimiter(text: string): string {
  const end = text.search(/\r|\n/);
  const firstLine = end < 0 ? text : text.slice(0, end);
  const counts = [',', '\t', ';'].map((d) => [d, firstLine.split(d).length - 1] as const);
  const [best] = counts.sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ',';
}

/**
 * A cell starting with = + - @ would run as a formula when the CSV is opened in a spreadsheet
 * (CSV injection); such cells get a leading apostrophe, as spreadsheets do themselves, and
 * `unescapeFormula` removes it again on import. A cell that already starts with apostrophes before
 * such a character gets one more, so that every cell reads back as it was written.
 */
const ESCAPED = /^'*[=+\-@\t\r]/;

function escapeFormula(value: string): string {
  return ESCAPED.test(value) ? `'${value}` : value;
}

export function unescapeFormula(value: string): string {
  return value.startsWith("'") && ESCAPED.test(value.slice(1)) ? value.slice(1) : value;
}

function quote(value: string): string {
  const safe = escapeFormula(value);
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** CRLF line ends, as RFC 4180 and spreadsheet software expect. */
export function formatCsv(rows: string[][]): string {
  return `${rows.map((row) => row.map(quote).join(',')).join('\r\n')}\r\n`;
}
