import ExcelJS from 'exceljs';
import type { Contact } from '../domain/shared/fields.js';
import type { WanRange } from '../domain/shared/money.js';
import { zhLabel } from '../domain/shared/taxonomy.js';
import { formatCsv } from '../sheet/csv.js';
import {
  columnsOf,
  type ListColumn,
  type ListField,
  type ListKind,
  type NeedField,
  type SolutionField,
} from '../sheet/list-columns.js';

/** One line of a published need list with what a reader of the list needs to act on it. */
export interface NeedListRow {
  seq: number;
  title: string;
  orgName: string;
  industry: string;
  scenarioType: string;
  city: string;
  description: string;
  technologies: string[];
  budgetWan: WanRange;
  deadline: string | null;
  /** 对接方式: the need's page, where a vendor applies (揭榜). */
  link: string;
  /** Staff only: the public list shows no phone numbers, as a need's page does not. */
  contact: Contact | null;
  /** On a provincial list: the city whose campaign listed the line. */
  sourceCity: string | null;
}

export interface SolutionListRow {
  seq: number;
  title: string;
  orgName: string;
  industries: string[];
  scenarioTypes: string[];
  technologies: string[];
  regionsServed: string[];
  description: string;
  priceWan: WanRange;
  deployment: string;
  /** 对接方式: the solution's page. */
  link: string;
  /** On a provincial list: the city whose campaign listed the line. */
  sourceCity: string | null;
}

interface SheetHeading {
  campaignTitle: string;
  version: number;
  publishedAt: string;
  /** A provincial list (全省汇总清单): its sheet says which city listed each line. */
  gathered: boolean;
}

export type ListSheet =
  | (SheetHeading & { kind: 'needs'; rows: NeedListRow[] })
  | (SheetHeading & { kind: 'solutions'; rows: SolutionListRow[] });

/**
 * 征集地市 of a provincial list, after 序号. Not a column of the lists an import reads (the listing's own
 * city is 所在地市), so an exported provincial list imports as any other list does.
 */
const sourceCityColumn: ListColumn<'sourceCity'> = { field: 'sourceCity', headers: ['征集地市'], width: 10 };
type SheetField = ListField | 'sourceCity';

export type ListFormat = 'xlsx' | 'csv';

export interface RenderedList {
  body: Buffer;
  contentType: string;
  filename: string;
}

export interface RenderOptions {
  /** Contact columns are for staff: the public list shows no phone numbers, as a need's page does not. */
  includeContact: boolean;
}

const CONTACT_FIELDS = new Set<string>(['contactName', 'contactPhone', 'contactEmail']);

const deploymentLabels: Record<string, string> = {
  saas: 'SaaS',
  'on-premise': '本地部署',
  hybrid: '混合部署',
};

/** 万元 as the import reads it back: "100" or "50-120". */
export function formatWanRange(range: WanRange): string {
  return range.min === range.max ? String(range.min) : `${range.min}-${range.max}`;
}

const labels = (kind: Parameters<typeof zhLabel>[0], codes: string[]) =>
  codes.map((c) => zhLabel(kind, c)).join('、');
const cityLabel = (code: string) => `${zhLabel('city', code)}市`;

function needCell(row: NeedListRow, field: NeedField | 'sourceCity'): string | number {
  switch (field) {
    case 'seq':
      return row.seq;
    case 'sourceCity':
      return row.sourceCity ? cityLabel(row.sourceCity) : '';
    case 'industry':
      return zhLabel('industry', row.industry);
    case 'scenarioType':
      return zhLabel('scenarioType', row.scenarioType);
    case 'city':
      return cityLabel(row.city);
    case 'technologies':
      return labels('technology', row.technologies);
    case 'budgetWan':
      return formatWanRange(row.budgetWan);
    case 'deadline':
      return row.deadline ?? '';
    case 'respond':
      return row.link;
    case 'contactName':
      return row.contact?.name ?? '';
    case 'contactPhone':
      return row.contact?.phone ?? '';
    case 'contactEmail':
      return row.contact?.email ?? '';
    default:
      return row[field];
  }
}

function solutionCell(row: SolutionListRow, field: SolutionField | 'sourceCity'): string | number {
  switch (field) {
    case 'seq':
      return row.seq;
    case 'sourceCity':
      return row.sourceCity ? cityLabel(row.sourceCity) : '';
    case 'industries':
      return labels('industry', row.industries);
    case 'scenarioTypes':
      return labels('scenarioType', row.scenarioTypes);
    case 'technologies':
      return labels('technology', row.technologies);
    case 'regionsServed':
      return row.regionsServed.includes('*') ? '全省' : row.regionsServed.map(cityLabel).join('、');
    case 'priceWan':
      return formatWanRange(row.priceWan);
    case 'deployment':
      return deploymentLabels[row.deployment] ?? row.deployment;
    case 'respond':
      return row.link;
    default:
      return row[field];
  }
}

interface Table {
  columns: ListColumn<SheetField>[];
  rows: (string | number)[][];
}

/** A provincial list's columns: 征集地市 right after 序号. */
function withSourceCity<Field extends string>(
  columns: readonly ListColumn<Field>[],
  gathered: boolean,
): ListColumn<Field | 'sourceCity'>[] {
  if (!gathered) return [...columns];
  const [seq, ...rest] = columns;
  return [seq!, sourceCityColumn, ...rest];
}

/** The list as a table: 序号 first, Chinese headers, taxonomy codes as their labels. */
export function listTable(list: ListSheet, options: RenderOptions): Table {
  if (list.kind === 'needs') {
    const columns = withSourceCity(
      columnsOf.needs.filter((c) => options.includeContact || !CONTACT_FIELDS.has(c.field)),
      list.gathered,
    );
    return { columns, rows: list.rows.map((row) => columns.map((c) => needCell(row, c.field))) };
  }
  const columns = withSourceCity(columnsOf.solutions, list.gathered);
  return { columns, rows: list.rows.map((row) => columns.map((c) => solutionCell(row, c.field))) };
}

const kindLabels: Record<ListKind, string> = { needs: '场景需求清单', solutions: '解决方案供给清单' };
const sheetNames: Record<ListKind, string> = { needs: '需求清单', solutions: '供给清单' };

/**
 * Renders a published list as .xlsx (frozen header row, filter, widths that fit the columns) or as
 * CSV in UTF-8 with a BOM (which Excel and WPS on Chinese Windows open without garbling). The CLI
 * `export list` and the HTTP route `GET /api/v1/campaigns/:id/list?format=` both render through here.
 */
export async function renderList(
  list: ListSheet,
  format: ListFormat,
  options: RenderOptions,
): Promise<RenderedList> {
  const table = listTable(list, options);
  const name = `${list.campaignTitle}-${kindLabels[list.kind]}-第${list.version}版`;
  if (format === 'csv') {
    const text = formatCsv([table.columns.map((c) => c.headers[0]), ...table.rows.map((r) => r.map(String))]);
    return {
      body: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]),
      contentType: 'text/csv; charset=utf-8',
      filename: `${name}.csv`,
    };
  }
  return {
    body: await xlsxOf(table, list, sheetNames[list.kind]),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    filename: `${name}.xlsx`,
  };
}

async function xlsxOf(table: Table, list: ListSheet, sheetName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '云速配';
  workbook.title = `${list.campaignTitle} ${sheetName}`;
  workbook.created = new Date(list.publishedAt);
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = table.columns.map((c, i) => ({
    header: c.headers[0],
    key: c.field,
    width: fittedWidth(table, i),
  }));
  for (const row of table.rows) sheet.addRow(row);
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  for (const field of ['description', 'respond']) {
    const column = table.columns.findIndex((c) => c.field === field) + 1;
    if (column > 0) sheet.getColumn(column).alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Wide enough for the header and the longest cell, up to the column's cap (long texts wrap instead). */
function fittedWidth(table: Table, index: number): number {
  const column = table.columns[index]!;
  const widest = Math.max(
    displayWidth(column.headers[0]),
    ...table.rows.map((row) => displayWidth(String(row[index] ?? ''))),
  );
  return Math.min(widest + 2, column.width);
}

/** Spreadsheet width units: a Chinese character takes two. */
function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += ch.codePointAt(0)! > 0x2e80 ? 2 : 1;
  return width;
}

/** RFC 6266 with an RFC 5987 UTF-8 name, so a Chinese file name survives every browser. */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
