import type { RenderedList } from '../export/list-export.js';
import { type ExportColumn, exportSheet, renderWorkbook } from '../export/table-export.js';
import type { SecurityLogDocument } from '../projections/security-log-projection.js';
import type { SearchIndex } from '../search/port.js';
import type { AppDeps, RequestContext } from './deps.js';
import { type SecurityLogQuery, securityLogForExport } from './queries/security-log-query.js';
import { recordExport } from './security-log.js';

/** Seconds count in an audit: the sheet shows Beijing time to the second. */
const beijingTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

export const securityLogTime = (at: string) => beijingTime.format(new Date(at)).replace(/\//g, '-');

const columns: ExportColumn<SecurityLogDocument>[] = [
  { header: '时间', width: 20, cell: (r) => securityLogTime(r.at) },
  { header: '事件', width: 18, cell: (r) => r.label },
  { header: '用户', width: 20, cell: (r) => r.username ?? '' },
  { header: '用户编号', width: 38, cell: (r) => r.userId ?? '' },
  { header: 'IP 地址', width: 40, cell: (r) => r.ip ?? '' },
  { header: '浏览器（User-Agent）', width: 60, cell: (r) => r.userAgent ?? '' },
  { header: '说明', width: 40, cell: (r) => r.detail ?? '' },
];

/**
 * The filtered security log as an .xlsx for the 审计管理员 (API and page alike). Taking the file is itself
 * recorded, like every export.
 */
export async function exportSecurityLog(
  deps: AppDeps,
  search: SearchIndex,
  ctx: RequestContext,
  input: SecurityLogQuery,
): Promise<RenderedList> {
  const { rows, total } = await securityLogForExport(deps, search, ctx, input);
  const day = securityLogTime(deps.clock().toISOString()).slice(0, 10);
  const file = await renderWorkbook(`安全日志-${day}`, [exportSheet('安全日志', columns, rows, total)]);
  await recordExport(deps, ctx, file.filename);
  return file;
}
