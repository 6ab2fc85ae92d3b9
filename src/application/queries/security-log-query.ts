import { z } from 'zod';
import { SECURITY_EVENT_KINDS, securityEventLabels } from '../../domain/security-log/kinds.js';
import { securityLogMessages } from '../../domain/security-log/messages.js';
import { parseInput } from '../../domain/shared/validation.js';
import { readModel } from '../../projections/read-models.js';
import type { SecurityLogDocument } from '../../projections/security-log-projection.js';
import { allOf, type Filter } from '../../search/filter.js';
import type { SearchIndex } from '../../search/port.js';

import type { AppDeps, RequestContext } from '../deps.js';
import { requireDuty } from '../staff-duties.js';
import { type ListPage, listPage, pagedQuery, upToCap } from './params.js';

/** One check, so that a bad date gets one message. */
const isDay = (value: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00+08:00`));
const day = z.string().trim().refine(isDay, securityLogMessages.date).optional();

export const securityLogQuerySchema = pagedQuery({
  type: z
    .enum(SECURITY_EVENT_KINDS, {
      error: securityLogMessages.type(SECURITY_EVENT_KINDS.map((kind) => securityEventLabels[kind])),
    })
    .optional()
    .meta({ description: `事件类型：${SECURITY_EVENT_KINDS.join('、')}` }),
  from: day.meta({ description: '自这一天起（北京时间，含当天），如 2025-03-01' }),
  to: day.meta({ description: '到这一天止（北京时间，含当天）' }),
  user: z
    .string()
    .trim()
    .min(1, securityLogMessages.user)
    .max(64, securityLogMessages.user)
    .optional()
    .meta({ description: '只看这个用户（用户名或用户编号）' }),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: securityLogMessages.range });
export type SecurityLogQuery = z.input<typeof securityLogQuerySchema>;

/** The bounds of Beijing days as the stored ISO instants compare. */
const dayStart = (date: string) => new Date(`${date}T00:00:00.000+08:00`).toISOString();
const dayEnd = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

function securityLogFilter(query: z.output<typeof securityLogQuerySchema>): Filter | undefined {
  const user: Filter | undefined = query.user
    ? {
        or: [
          { field: 'userId', op: 'eq', value: query.user },
          { field: 'username', op: 'eq', value: query.user },
        ],
      }
    : undefined;
  return allOf(
    query.type ? { field: 'kind', op: 'eq', value: query.type } : undefined,
    user,
    query.from ? { field: 'at', op: 'gte', value: dayStart(query.from) } : undefined,
    query.to ? { field: 'at', op: 'lte', value: dayEnd(query.to) } : undefined,
  );
}

/**
 * GET /api/v1/security-log and the /security-log page: the security log, newest first, for staff holding
 * the 审计管理员 duty only (三员分立: the other duties are what it audits).
 */
export async function securityLog(
  deps: AppDeps,
  search: SearchIndex,
  ctx: RequestContext,
  input: SecurityLogQuery,
): Promise<ListPage<SecurityLogDocument>> {
  await requireDuty(deps, ctx, 'audit');
  const query = parseInput(securityLogQuerySchema, input);
  const result = await readModel(search, 'security_log').search({
    filter: securityLogFilter(query),
    sort: ['position:desc'],
    page: query.page,
    pageSize: query.pageSize,
  });
  return listPage(result);
}

/** At most this many lines go into an exported sheet (the sheet's own cap). */
export const SECURITY_LOG_EXPORT_CAP = 5000;

/** The filtered log for a spreadsheet, newest first, up to the cap; `total` tells what was left out. */
export async function securityLogForExport(
  deps: AppDeps,
  search: SearchIndex,
  ctx: RequestContext,
  input: SecurityLogQuery,
): Promise<{ rows: SecurityLogDocument[]; total: number }> {
  await requireDuty(deps, ctx, 'audit');
  const query = parseInput(securityLogQuerySchema, { ...input, page: 1 });
  return upToCap(SECURITY_LOG_EXPORT_CAP, (page, pageSize) =>
    readModel(search, 'security_log').search({
      filter: securityLogFilter(query),
      sort: ['position:desc'],
      page,
      pageSize,
    }),
  );
}
