import { Hono } from 'hono';
import { type SecurityLogQuery, securityLog } from '../../application/queries/security-log-query.js';
import { exportSecurityLog, securityLogTime } from '../../application/security-log-export.js';
import { SECURITY_EVENT_KINDS, securityEventLabels } from '../../domain/security-log/kinds.js';
import { contentDisposition } from '../../export/list-export.js';
import type { SecurityLogDocument } from '../../projections/security-log-projection.js';
import { attempt } from '../attempt.js';
import { DayRangeFields } from '../components/day-range-fields.js';
import { LogPage } from '../components/log-page.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { errorPage, requireUser } from '../errors.js';
import { logQueryOf } from '../log-query.js';
import { page, requestContext } from '../render.js';

const PAGE_SIZE = 50;
const FILTERS = ['type', 'user', 'from', 'to'] as const;

function SecurityLogTable({ hits }: { hits: SecurityLogDocument[] }) {
  return (
    <div class="table-wrap">
      <table class="security-log">
        <thead>
          <tr>
            <th scope="col">时间</th>
            <th scope="col">事件</th>
            <th scope="col">用户</th>
            <th scope="col">IP 地址</th>
            <th scope="col">浏览器</th>
            <th scope="col">说明</th>
          </tr>
        </thead>
        <tbody>
          {hits.map((hit) => (
            <tr>
              <td class="nowrap small">{securityLogTime(hit.at)}</td>
              <td>
                <strong>{hit.label}</strong>
              </td>
              <td>{hit.username ?? '—'}</td>
              <td class="nowrap small">{hit.ip ?? '命令行'}</td>
              <td class="small muted">{hit.userAgent || '—'}</td>
              <td class="small">{hit.detail ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * 安全日志 for the 审计管理员: sign-ins, sign-outs, locks, password and account changes, exports and looks
 * at demanders' contacts, filtered by type, user and day, with an Excel export of the same filter.
 */
export function securityLogPages({ app, http }: WebDeps) {
  const web = new Hono<WebEnv>();

  web.get('/security-log', requireUser('staff'), async (c) => {
    const { filters, page: pageNumber } = logQueryOf(c, FILTERS);
    const found = await attempt(() =>
      securityLog(app, http.search, requestContext(c), {
        ...(filters as SecurityLogQuery),
        page: pageNumber,
        pageSize: PAGE_SIZE,
      }),
    );
    if (!found.ok && found.status === 403) return errorPage(c, 403, found.errors[0]?.message ?? '');
    return page(
      c,
      '安全日志',
      <LogPage
        title="安全日志"
        path="/security-log"
        filters={filters}
        fields={
          <>
            <div class="field">
              <label for="type">事件类型</label>
              <select id="type" name="type">
                <option value="">全部</option>
                {SECURITY_EVENT_KINDS.map((kind) => (
                  <option value={kind} selected={filters.type === kind}>
                    {securityEventLabels[kind]}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="user">用户</label>
              <input type="search" id="user" name="user" value={filters.user ?? ''} placeholder="用户名" />
            </div>
            <DayRangeFields
              names={{ from: 'from', to: 'to' }}
              values={{ from: filters.from, to: filters.to }}
            />
          </>
        }
        errors={found.ok ? [] : found.errors}
        heading="安全事件"
        headingId="security-log-title"
        empty="没有符合条件的安全事件。"
        result={found.ok ? found.value : { total: 0, page: 1, pageSize: PAGE_SIZE }}
      >
        {found.ok ? <SecurityLogTable hits={found.value.hits} /> : null}
      </LogPage>,
    );
  });

  web.get('/security-log/export.xlsx', requireUser('staff'), async (c) => {
    const file = await exportSecurityLog(
      app,
      http.search,
      requestContext(c),
      logQueryOf(c, FILTERS).filters as SecurityLogQuery,
    );
    return c.body(new Uint8Array(file.body), 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': contentDisposition(file.filename),
      'Cache-Control': 'no-store',
    });
  });

  return web;
}
