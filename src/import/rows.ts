import type { z } from 'zod';
import { zhErrorMap } from '../domain/shared/validation.js';
import { columnsOf, type ListField, type ListKind } from '../sheet/list-columns.js';
import type { SheetRow } from '../sheet/read-sheet.js';
import type { ColumnMapping } from './header-mapping.js';

/** Why a row was not imported: which row (as the spreadsheet numbers it), which column, and what it held. */
export interface RowIssue {
  row: number;
  column: string;
  value: string;
  reason: string;
}

/** Something the import decided on the user's behalf, e.g. an inferred scenario type. */
export interface RowWarning {
  row: number;
  column: string;
  message: string;
}

export interface DataRow {
  rowNumber: number;
  cells: Partial<Record<ListField, string>>;
}

/** The rows under the header with their cells by field; rows with nothing in any mapped column are blank. */
export function dataRows(rows: SheetRow[], mapping: ColumnMapping): { rows: DataRow[]; blank: number } {
  const result: DataRow[] = [];
  let blank = 0;
  for (const row of rows) {
    if (row.rowNumber <= mapping.headerRowNumber) continue;
    const cells: Partial<Record<ListField, string>> = {};
    for (const column of mapping.columns) {
      const value = (row.cells[column.index] ?? '').trim();
      if (value) cells[column.field] = value;
    }
    const content = Object.entries(cells).some(([field]) => field !== 'seq');
    if (content) result.push({ rowNumber: row.rowNumber, cells });
    else blank++;
  }
  return { rows: result, blank };
}

/** Collects the issues and warnings of one row, naming columns as the file names them. */
export class RowCheck {
  readonly issues: RowIssue[] = [];
  readonly warnings: RowWarning[] = [];

  constructor(
    readonly row: DataRow,
    private readonly kind: ListKind,
    private readonly mapping: ColumnMapping,
  ) {}

  cell(field: ListField): string {
    return this.row.cells[field] ?? '';
  }

  column(field: ListField): string {
    const mapped = this.mapping.columns.find((c) => c.field === field)?.header;
    return (
      mapped ??
      (columnsOf[this.kind] as readonly { field: string; headers: readonly string[] }[]).find(
        (c) => c.field === field,
      )!.headers[0]!
    );
  }

  fail(field: ListField, reason: string): void {
    this.issues.push({
      row: this.row.rowNumber,
      column: this.column(field),
      value: this.cell(field),
      reason,
    });
  }

  warn(field: ListField, message: string): void {
    this.warnings.push({ row: this.row.rowNumber, column: this.column(field), message });
  }

  /** Parses a value that may be absent; an empty cell yields undefined and no issue. */
  parse<T>(
    field: ListField,
    parse: (cell: string) => { ok: true; value: T } | { ok: false; reason: string },
  ) {
    const cell = this.cell(field);
    if (!cell) return undefined;
    const parsed = parse(cell);
    if (parsed.ok) return parsed.value;
    this.fail(field, parsed.reason);
    return undefined;
  }

  /**
   * Checks the assembled input with the domain's own schema, the one the API uses, and files each
   * issue under the column its path comes from. Fields that already failed are not reported twice.
   */
  validate<Schema extends z.ZodType>(
    schema: Schema,
    input: unknown,
    fieldOfPath: (path: string) => ListField,
  ): z.output<Schema> | undefined {
    const result = schema.safeParse(input, { error: zhErrorMap });
    if (result.success) return this.issues.length === 0 ? result.data : undefined;
    const failed = new Set(this.issues.map((i) => i.column));
    for (const issue of result.error.issues) {
      const field = fieldOfPath(issue.path.map(String).join('.'));
      const column = this.column(field);
      if (failed.has(column)) continue;
      failed.add(column);
      this.issues.push({ row: this.row.rowNumber, column, value: this.cell(field), reason: issue.message });
    }
    return undefined;
  }
}
