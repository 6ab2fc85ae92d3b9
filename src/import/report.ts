import { formatCsv } from '../sheet/csv.js';
import type { ListKind } from '../sheet/list-columns.js';
import type { RowIssue, RowWarning } from './rows.js';

/**
 * What an import did with every row of a file. The counts add up: every data row read is imported,
 * a duplicate, or rejected (with its reasons in `issues`); blank rows are counted apart.
 */
export interface ImportReport {
  kind: ListKind;
  file: { name: string; format: 'xlsx' | 'csv'; encoding: string | null; sheet: string; sha256: string };
  dryRun: boolean;
  counts: { read: number; imported: number; duplicate: number; rejected: number; blank: number };
  columns: { mapped: { header: string; field: string }[]; ignored: string[] };
  imported: { row: number; id: string; title: string; status: string }[];
  duplicates: { row: number; title: string; reason: string; existingId: string | null }[];
  /** One entry per problem; a rejected row may have several. */
  issues: RowIssue[];
  warnings: RowWarning[];
}

const REPORT_HEADERS = ['行号', '列', '单元格内容', '原因'];

/**
 * The rejected rows, duplicates and warnings as a sheet staff can open next to the original file:
 * what to fix, and what the import decided on its own (prefixed 提示).
 */
export function reportCsv(report: ImportReport): Buffer {
  const rows = [
    ...report.issues.map((i) => [String(i.row), i.column, i.value, i.reason]),
    ...report.duplicates.map((d) => [String(d.row), '', d.title, d.reason]),
    ...report.warnings.map((w) => [String(w.row), w.column, '', `提示：${w.message}`]),
  ].sort((a, b) => Number(a[0]) - Number(b[0]));
  return Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from(formatCsv([REPORT_HEADERS, ...rows]), 'utf8'),
  ]);
}

/** One line for a terminal or a log. */
export function reportSummary(report: ImportReport): string {
  const { read, imported, duplicate, rejected, blank } = report.counts;
  const verb = report.dryRun ? '可导入' : '导入';
  return `读取 ${read} 行：${verb} ${imported}，重复 ${duplicate}，拒绝 ${rejected}${blank ? `（另有空行 ${blank}）` : ''}`;
}
