import { z } from 'zod';
import { DomainError } from '../domain/shared/errors.js';
import {
  columnsOf,
  type ListField,
  type ListKind,
  normalizeHeader,
  requiredFields,
} from '../sheet/list-columns.js';
import type { SheetRow } from '../sheet/read-sheet.js';
import { importMessages as m } from './messages.js';

/** A mapping file: the header as it appears in the file → the field it holds, e.g. {"项目名称": "title"}. */
export type HeaderOverrides = Record<string, string>;

export interface MappedColumn {
  index: number;
  header: string;
  field: ListField;
}

export interface ColumnMapping {
  /** The sheet row holding the headers; data starts below it. */
  headerRowNumber: number;
  columns: MappedColumn[];
  /** Headers that map to no field, or to a field an earlier column already holds: their cells are not read. */
  ignored: string[];
}

const HEADER_SEARCH_ROWS = 10;

const overridesSchema = z.record(z.string(), z.string());

export function parseOverrides(json: string): HeaderOverrides {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new DomainError('import.bad_mapping', m.badMappingFile, 422);
  }
  const result = overridesSchema.safeParse(parsed);
  if (!result.success) throw new DomainError('import.bad_mapping', m.badMappingFile, 422);
  return result.data;
}

function headerIndex(kind: ListKind, overrides: HeaderOverrides): Map<string, ListField> {
  const fields = new Set<string>(columnsOf[kind].map((c) => c.field));
  const index = new Map<string, ListField>();
  for (const column of columnsOf[kind]) {
    for (const header of column.headers) index.set(normalizeHeader(header), column.field);
  }
  for (const [header, field] of Object.entries(overrides)) {
    if (!fields.has(field))
      throw new DomainError('import.bad_mapping', m.unknownMappingField(header, field), 422);
    index.set(normalizeHeader(header), field as ListField);
  }
  return index;
}

/**
 * Finds the header row (lists often open with a title line such as “2025年第一批场景需求清单”) as the
 * row among the first ten that names the most known columns, and maps each column to its field. A
 * file missing a required column is refused as a whole, naming the columns it lacks.
 */
export function mapColumns(
  rows: SheetRow[],
  kind: ListKind,
  options: { overrides?: HeaderOverrides; orgGiven?: boolean } = {},
): ColumnMapping {
  const index = headerIndex(kind, options.overrides ?? {});
  let best: { row: SheetRow; known: number } | undefined;
  for (const row of rows.slice(0, HEADER_SEARCH_ROWS)) {
    const known = new Set(row.cells.map((cell) => index.get(normalizeHeader(cell))).filter(Boolean)).size;
    if (known >= 2 && known > (best?.known ?? 0)) best = { row, known };
  }
  if (!best) throw new DomainError('import.no_header_row', m.noHeaderRow, 422);

  const columns: MappedColumn[] = [];
  const ignored: string[] = [];
  best.row.cells.forEach((cell, columnIndex) => {
    const header = cell.trim();
    if (!header) return;
    const field = index.get(normalizeHeader(header));
    if (!field || columns.some((c) => c.field === field)) ignored.push(header);
    else columns.push({ index: columnIndex, header, field });
  });

  const present = new Set(columns.map((c) => c.field));
  const missing = (requiredFields[kind] as readonly ListField[])
    .filter((field) => !(field === 'orgName' && options.orgGiven))
    .filter((field) => !present.has(field));
  if (missing.length > 0) {
    const headers = missing.map((field) => columnsOf[kind].find((c) => c.field === field)!.headers[0]);
    throw new DomainError('import.missing_columns', m.missingColumns(headers), 422, { missing: headers });
  }
  return { headerRowNumber: best.row.rowNumber, columns, ignored };
}
