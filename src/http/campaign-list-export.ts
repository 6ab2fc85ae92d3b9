import ExcelJS from 'exceljs';
import type { CampaignList } from '../application/campaign-service.js';
import type { NeedListItem, SolutionListItem } from '../domain/campaign/events.js';
import type { WanRange } from '../domain/shared/money.js';
import { zhLabel } from '../domain/shared/taxonomy.js';
import { formatCsv } from '../sheet/csv.js';
import { columnsOf, type ListColumn, type NeedField, type SolutionField } from '../sheet/list-columns.js';

/**
 * A published list as a sheet: the columns and headers the importer reads (序号, 场景名称, 需求单位,
 * 所属行业, 所在地市 …), codes written as their Chinese labels, so an exported list imports again.
 */
const deploymentLabels: Record<string, string> = {
  saas: 'SaaS',
  'on-premise': '本地部署',
  hybrid: '混合部署',
};

const range = ({ min, max }: WanRange) => (min === max ? String(min) : `${min}-${max}`);
const labels = (kind: 'industry' | 'scenarioType' | 'technology' | 'city', codes: string[]) =>
  codes.map((code) => zhLabel(kind, code)).join('、');

const needCells: Partial<Record<NeedField, (item: NeedListItem) => string>> = {
  seq: (item) => String(item.seq),
  title: (item) => item.title,
  orgName: (item) => item.orgName,
  industry: (item) => zhLabel('industry', item.industry),
  scenarioType: (item) => zhLabel('scenarioType', item.scenarioType),
  city: (item) => zhLabel('city', item.city),
  technologies: (item) => labels('technology', item.technologies),
  budgetWan: (item) => range(item.budgetWan),
};

const solutionCells: Partial<Record<SolutionField, (item: SolutionListItem) => string>> = {
  seq: (item) => String(item.seq),
  title: (item) => item.title,
  orgName: (item) => item.orgName,
  industries: (item) => labels('industry', item.industries),
  scenarioTypes: (item) => labels('scenarioType', item.scenarioTypes),
  technologies: (item) => labels('technology', item.technologies),
  regionsServed: (item) => (item.regionsServed.includes('*') ? '全省' : labels('city', item.regionsServed)),
  priceWan: (item) => range(item.priceWan),
  deployment: (item) => deploymentLabels[item.deployment] ?? item.deployment,
};

interface Sheet {
  name: string;
  columns: { header: string; width: number }[];
  rows: string[][];
}

function sheetOf<Field extends string, Item>(
  columns: readonly ListColumn<Field>[],
  cells: Partial<Record<Field, (item: Item) => string>>,
  items: Item[],
  name: string,
): Sheet {
  const used = columns.flatMap((column) => {
    const cell = cells[column.field];
    return cell ? [{ header: column.headers[0], width: column.width, cell }] : [];
  });
  return {
    name,
    columns: used.map(({ header, width }) => ({ header, width })),
    rows: items.map((item) => used.map(({ cell }) => cell(item))),
  };
}

function sheet(list: CampaignList): Sheet {
  return list.kind === 'needs'
    ? sheetOf(columnsOf.needs, needCells, list.items as NeedListItem[], '需求清单')
    : sheetOf(columnsOf.solutions, solutionCells, list.items as SolutionListItem[], '供给清单');
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** UTF-8 with a BOM, so that Excel on Windows opens the Chinese correctly. */
export function listCsv(list: CampaignList): Buffer {
  const { columns, rows } = sheet(list);
  return Buffer.concat([BOM, Buffer.from(formatCsv([columns.map((c) => c.header), ...rows]), 'utf8')]);
}

export async function listXlsx(list: CampaignList): Promise<Buffer> {
  const { name, columns, rows } = sheet(list);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '云速配';
  const worksheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  worksheet.columns = columns.map(({ header, width }) => ({ header, width }));
  worksheet.getRow(1).font = { bold: true };
  for (const row of rows) worksheet.addRow(row.map((value, i) => (i === 0 ? Number(value) : value)));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** e.g. `2025年第一批征集-需求清单-v1.xlsx`, for Content-Disposition (RFC 6266 with an ASCII fallback). */
export function listDisposition(list: CampaignList, extension: 'csv' | 'xlsx'): string {
  const what = list.kind === 'needs' ? '需求清单' : '供给清单';
  const name = `${list.title}-${what}-v${list.version}.${extension}`.replace(/[\\/:*?"<>|\r\n]/g, '_');
  return `attachment; filename="${list.kind}-v${list.version}.${extension}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
