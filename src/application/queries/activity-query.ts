import { z } from 'zod';
import type { Actor } from '../../domain/shared/actor.js';
import { parseInput } from '../../domain/shared/validation.js';
import type { ActivityDocument } from '../../projections/activity-projection.js';
import { readModel } from '../../projections/read-models.js';
import { allOf, type Filter } from '../../search/filter.js';

import { activityMessages, historyError } from '../history/messages.js';
import { HISTORY_KINDS, kindLabels } from '../history/subjects.js';
import { type ListPage, listPage, pagedQuery, queryText, upToCap } from './params.js';

export const ACTIVITY_KINDS = [...HISTORY_KINDS, 'user'] as const;

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, activityMessages.date)
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00+08:00`)), activityMessages.date)
  .optional();

export const activityQuerySchema = pagedQuery({
  q: queryText.meta({ description: '操作人或机构名称、操作名称中的关键词' }),
  kind: z
    .enum(ACTIVITY_KINDS, { error: activityMessages.kind(ACTIVITY_KINDS.map((k) => kindLabels[k])) })
    .optional()
    .meta({ description: '类别：need、solution、org、engagement、campaign、match-round、case、user' }),
  userId: z.string().trim().max(64).optional().meta({ description: '只看这个用户的操作' }),
  since: day.meta({ description: '自这一天起（北京时间，含当天），如 2025-03-01' }),
  until: day.meta({ description: '到这一天止（北京时间，含当天）' }),
}).refine((q) => !q.since || !q.until || q.since <= q.until, {
  path: ['until'],
  message: activityMessages.range,
});
export type ActivityQuery = z.input<typeof activityQuerySchema>;

/** The bounds of Beijing days as the stored ISO instants compare. */
const dayStart = (date: string) => new Date(`${date}T00:00:00.000+08:00`).toISOString();
const dayEnd = (date: string) => new Date(`${date}T23:59:59.999+08:00`).toISOString();

function activityFilter(query: z.output<typeof activityQuerySchema>): Filter | undefined {
  return allOf(
    query.kind ? { field: 'kind', op: 'eq', value: query.kind } : undefined,
    query.userId ? { field: 'userId', op: 'eq', value: query.userId } : undefined,
    query.since ? { field: 'at', op: 'gte', value: dayStart(query.since) } : undefined,
    query.until ? { field: 'at', op: 'lte', value: dayEnd(query.until) } : undefined,
  );
}

function assertStaff(viewer: Actor): void {
  if (viewer.role !== 'staff') throw historyError('activity.staff_only');
}

/**
 * GET /api/v1/activity (staff): what happened across the platform, newest first, page by page from the
 * `activity` read model, so a page costs one index query however long `$all` grows.
 */
export async function recentActivity(
  search: Parameters<typeof readModel>[0],
  viewer: Actor,
  input: ActivityQuery,
): Promise<ListPage<ActivityDocument>> {
  assertStaff(viewer);
  const query = parseInput(activityQuerySchema, input);
  const result = await readModel(search, 'activity').search({
    q: query.q,
    filter: activityFilter(query),
    sort: ['position:desc'],
    page: query.page,
    pageSize: query.pageSize,
  });
  return listPage(result);
}

/** At most this many rows go into an exported sheet: a year of a busy platform is for the CLI. */
export const ACTIVITY_EXPORT_CAP = 5000;

/** The filtered activity for a spreadsheet, newest first, up to the cap; `total` tells what was left out. */
export async function activityForExport(
  search: Parameters<typeof readModel>[0],
  viewer: Actor,
  input: ActivityQuery,
): Promise<{ rows: ActivityDocument[]; total: number }> {
  assertStaff(viewer);
  const query = parseInput(activityQuerySchema, { ...input, page: 1 });
  return upToCap(ACTIVITY_EXPORT_CAP, (page, pageSize) =>
    readModel(search, 'activity').search({
      q: query.q,
      filter: activityFilter(query),
      sort: ['position:desc'],
      page,
      pageSize,
    }),
  );
}
