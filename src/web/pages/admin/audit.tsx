import { Hono } from 'hono';
import type { JsonValue, RecordedEvent } from '../../../eventstore/port.js';
import type { WebDeps } from '../../deps.js';
import type { WebEnv } from '../../env.js';
import { requireUser } from '../../errors.js';
import { formatDateTime } from '../../format.js';
import { roleLabels } from '../../labels.js';
import { page, type WebContext } from '../../render.js';

const SHOWN = 500;
const STREAM = /^[A-Za-z][A-Za-z0-9_-]{0,199}$/;
/**
 * Audit readers see who did what, never a password hash. PENDING (lead): the same rule is in
 * src/http/routes/streams.ts; one audit query in src/application should serve both.
 */
const SECRET_FIELDS = new Set(['passwordHash']);

function redacted(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(redacted);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, SECRET_FIELDS.has(key) ? '[已隐藏]' : redacted(v)]),
  );
}

function actorOf(event: RecordedEvent): string {
  const actor = event.metadata.actor as
    | { role?: string; userId?: string | null; orgId?: string | null }
    | undefined;
  if (!actor) return '—';
  const who = roleLabels[actor.role ?? ''] ?? actor.role ?? '—';
  return actor.userId ? `${who}（用户 ${actor.userId}）` : `${who}（系统）`;
}

/** 审计: every event of one stream (an entity's whole history) with who did it, when, under which request. */
export function auditPages({ http }: WebDeps) {
  const web = new Hono<WebEnv>();

  const render = async (c: WebContext, stream: string) => {
    const valid = STREAM.test(stream);
    const events = valid ? await http.app.store.readStream(stream, { maxCount: SHOWN }) : [];
    return page(
      c,
      '审计查询',
      <>
        <h1>审计查询</h1>
        <section class="card">
          <search>
            <form method="get" action="/admin/audit" class="inline-form">
              <div class="field">
                <label for="stream">事件流</label>
                <input
                  type="text"
                  id="stream"
                  name="stream"
                  value={stream}
                  placeholder="如 need-<编号>、org-<编号>、engagement-<编号>"
                />
              </div>
              <button type="submit">查询</button>
            </form>
          </search>
          {stream && !valid ? <p class="field-error">事件流名称格式不正确</p> : null}
        </section>
        {valid ? (
          <section class="card" aria-labelledby="events-title">
            <h2 id="events-title">
              {stream}（{events.length} 个事件）
            </h2>
            {events.length === 0 ? (
              <p class="muted">该事件流没有事件。</p>
            ) : (
              <div class="table-wrap">
                <table class="wide">
                  <thead>
                    <tr>
                      <th scope="col" class="num">
                        版本
                      </th>
                      <th scope="col">事件</th>
                      <th scope="col">时间</th>
                      <th scope="col">操作人</th>
                      <th scope="col">内容</th>
                    </tr>
                  </thead>
                  <tbody>
                    {events.map((e) => (
                      <tr>
                        <td class="num">{String(e.revision)}</td>
                        <td>
                          <code>{e.type}</code>
                          <div class="small muted">请求 {String(e.metadata.correlationId ?? '—')}</div>
                        </td>
                        <td class="nowrap small">{formatDateTime(e.time.toISOString())}</td>
                        <td class="small">{actorOf(e)}</td>
                        <td>
                          <details>
                            <summary>数据</summary>
                            <pre class="small" style="white-space:pre-wrap;overflow-wrap:anywhere;margin:0">
                              {JSON.stringify(redacted(e.data), null, 2)}
                            </pre>
                          </details>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        ) : null}
      </>,
    );
  };

  web.get('/admin/audit', requireUser('staff'), (c) => render(c, c.req.query('stream')?.trim() ?? ''));
  web.get('/admin/audit/:stream', requireUser('staff'), (c) => render(c, c.req.param('stream')));
  return web;
}
