import { Hono } from 'hono';
import { kindLabels } from '../../../application/history/subjects.js';
import {
  ACTIVITY_KINDS,
  type ActivityQuery,
  recentActivity,
} from '../../../application/queries/activity-query.js';
import type { ActivityDocument } from '../../../projections/activity-projection.js';
import { attempt } from '../../attempt.js';
import { DayRangeFields } from '../../components/day-range-fields.js';
import { LogPage } from '../../components/log-page.js';
import type { WebDeps } from '../../deps.js';
import type { WebEnv } from '../../env.js';
import { errorPage, requireUser } from '../../errors.js';
import { formatDateTime } from '../../format.js';
import { logQueryOf } from '../../log-query.js';
import { webMessages } from '../../messages.js';
import { page } from '../../render.js';

const PAGE_SIZE = 50;
const FILTERS = ['q', 'kind', 'since', 'until'] as const;
/** Streams an entity's history page reads; other streams (reservations, idempotency keys) have none. */
const ENTITY_STREAM = /^(need|solution|org|engagement|campaign|match-round|case)-([0-9a-f-]{36})$/;

function ActivityTable({ hits }: { hits: ActivityDocument[] }) {
  return (
    <div class="table-wrap">
      <table class="activity">
        <thead>
          <tr>
            <th scope="col">时间</th>
            <th scope="col">操作</th>
            <th scope="col">对象</th>
            <th scope="col">操作人</th>
          </tr>
        </thead>
        <tbody>
          {hits.map((hit) => (
            <tr>
              <td class="nowrap small activity-when">{formatDateTime(hit.at)}</td>
              <td class="activity-what">
                <strong>{hit.what}</strong>
              </td>
              <td>
                <span class="muted small">{kindLabels[hit.kind]}</span>{' '}
                {hit.kind === 'user' ? (
                  hit.title
                ) : (
                  <a href={`/history/${hit.kind}/${hit.entityId}`}>{hit.title || '（无名称）'}</a>
                )}
              </td>
              <td class="small activity-who">
                {hit.who}
                <div class="muted">{hit.orgName}</div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * 平台动态: what happened across the platform, newest first, filtered by who, what kind and when, with an
 * Excel export of the same filter. Each line links to its entity's history in Chinese.
 */
export function auditPages({ http }: WebDeps) {
  const web = new Hono<WebEnv>();

  web.get('/admin/audit', requireUser('staff'), async (c) => {
    const { filters, page: pageNumber } = logQueryOf(c, FILTERS);
    const found = await attempt(() =>
      recentActivity(http.search, c.get('actor'), {
        ...(filters as ActivityQuery),
        page: pageNumber,
        pageSize: PAGE_SIZE,
      }),
    );
    return page(
      c,
      '平台动态',
      <LogPage
        title="平台动态"
        path="/admin/audit"
        filters={filters}
        fields={
          <>
            <div class="field">
              <label for="q">操作人或机构</label>
              <input type="search" id="q" name="q" value={filters.q ?? ''} placeholder="用户名、机构名称" />
            </div>
            <div class="field">
              <label for="kind">类别</label>
              <select id="kind" name="kind">
                <option value="">全部</option>
                {ACTIVITY_KINDS.map((kind) => (
                  <option value={kind} selected={filters.kind === kind}>
                    {kindLabels[kind]}
                  </option>
                ))}
              </select>
            </div>
            <DayRangeFields
              names={{ from: 'since', to: 'until' }}
              values={{ from: filters.since, to: filters.until }}
            />
          </>
        }
        errors={found.ok ? [] : found.errors}
        heading="最近的操作"
        headingId="activity-title"
        empty="没有符合条件的操作。"
        result={found.ok ? found.value : { total: 0, page: 1, pageSize: PAGE_SIZE }}
      >
        {found.ok ? <ActivityTable hits={found.value.hits} /> : null}
      </LogPage>,
    );
  });

  // Links to the former raw-stream view still land on the entity's history.
  web.get('/admin/audit/:stream{[a-z-]+-[0-9a-f-]{36}}', requireUser('staff'), (c) => {
    const match = ENTITY_STREAM.exec(c.req.param('stream'));
    if (!match) return errorPage(c, 404, webMessages.pageNotFound);
    return c.redirect(`/history/${match[1]}/${match[2]}`, 301);
  });
  return web;
}
