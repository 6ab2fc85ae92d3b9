import { Hono } from 'hono';
import { type SecurityLogQuery, securityLog } from '../../application/queries/security-log-query.js';
import { exportSecurityLog, securityLogTime } from '../../application/security-log-export.js';
import { SECURITY_EVENT_KINDS, securityEventLabels } from '../../domain/security-log/kinds.js';
import { contentDisposition } from '../../export/list-export.js';
import type { SecurityLogDocument } from '../../projections/security-log-projection.js';
import { attempt } from '../attempt.js';
import { DayRangeFields } from '../components/day-range-fields.js';
import { Pagination } from '../components/pagination.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { errorPage, requireUser } from '../errors.js';
import { hrefWith } from '../query-href.js';
import { page, requestContext, type WebContext } from '../render.js';

const PAGE_SIZE = 50;
const FILTERS = ['type', 'user', 'from', 'to'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

const filtersOf = (c: WebContext): Filters =>
  Object.fromEntries(FILTERS.map((key) => [key, c.req.query(key)?.trim() || undefined]).filter(([, v]) => v));

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
    const filters = filtersOf(c);
    const pageNumber = Math.max(1, Number.parseInt(c.req.query('page') ?? '1', 10) || 1);
    const found = await attempt(() =>
      securityLog(app, http.search, requestContext(c), {
        ...(filters as SecurityLogQuery),
        page: pageNumber,
        pageSize: PAGE_SIZE,
      }),
    );
    if (!found.ok && found.status === 403) return errorPage(c, 403, found.errors[0]?.message ?? '');
    const result = found.ok ? found.value : { hits: [], total: 0, page: 1, pageSize: PAGE_SIZE };
    const errors = found.ok ? [] : found.errors;
    return page(
      c,
      '安全日志',
      <>
        <div class="spread">
          <h1>安全日志</h1>
          <a href={hrefWith('/security-log/export.xlsx', filters)} download>
            导出 Excel
          </a>
        </div>
        <section class="card">
          <search>
            <form method="get" action="/security-log" class="inline-form">
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
              <button type="submit">筛选</button>
            </form>
          </search>
          {errors.map((error) => (
            <p class="field-error" role="alert">
              {error.message}
            </p>
          ))}
        </section>
        <section class="card" aria-labelledby="security-log-title">
          <h2 id="security-log-title">安全事件（共 {result.total} 条）</h2>
          {result.total === 0 ? (
            <p class="muted">没有符合条件的安全事件。</p>
          ) : (
            <SecurityLogTable hits={result.hits} />
          )}
          <Pagination
            page={result.page}
            pageSize={result.pageSize}
            total={result.total}
            href={(p) => hrefWith('/security-log', filters, { page: String(p) })}
          />
        </section>
      </>,
    );
  });

  web.get('/security-log/export.xlsx', requireUser('staff'), async (c) => {
    const file = await exportSecurityLog(
      app,
      http.search,
      requestContext(c),
      filtersOf(c) as SecurityLogQuery,
    );
    return c.body(new Uint8Array(file.body), 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': contentDisposition(file.filename),
      'Cache-Control': 'no-store',
    });
  });

  return web;
}
