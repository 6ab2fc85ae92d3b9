import { Hono } from 'hono';
import { entityHistory, type HistoryEntry } from '../../application/history/entity-history.js';
import { HISTORY_KINDS, type HistoryKind } from '../../application/history/subjects.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { errorPage, requireUser } from '../errors.js';
import { formatDateTime } from '../format.js';
import { webMessages } from '../messages.js';
import { page } from '../render.js';

/** Where an entity's own page is, so its history links back to it (an organization's is its workspace). */
const ENTITY_PAGES: Record<HistoryKind, (id: string, staff: boolean) => string> = {
  need: (id) => `/needs/${id}`,
  solution: (id) => `/solutions/${id}`,
  org: (_id, staff) => (staff ? '/admin/orgs' : '/my'),
  engagement: (id) => `/engagements/${id}`,
  campaign: (id) => `/campaigns/${id}`,
  'match-round': (id) => `/admin/match-rounds/${id}`,
  case: (id) => `/cases/${id}`,
};

/** The entries oldest first: when, what happened, who (name and organization), what changed. */
export function HistoryTable({ entries }: { entries: HistoryEntry[] }) {
  return (
    <div class="table-wrap">
      <table class="wide">
        <thead>
          <tr>
            <th scope="col">时间</th>
            <th scope="col">操作</th>
            <th scope="col">操作人</th>
            <th scope="col">内容</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr>
              <td class="nowrap small">{formatDateTime(entry.at)}</td>
              <td>
                <strong>{entry.what}</strong>
              </td>
              <td class="small">
                {entry.who.name}
                <div class="muted">{entry.who.orgName}</div>
              </td>
              <td class="small">
                {entry.changes.length === 0 ? (
                  <span class="muted">—</span>
                ) : (
                  <dl class="facts">
                    {entry.changes.map((change) => (
                      <>
                        <dt>{change.field}</dt>
                        <dd style="overflow-wrap:anywhere">{change.value}</dd>
                      </>
                    ))}
                  </dl>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const isKind = (kind: string): kind is HistoryKind => (HISTORY_KINDS as readonly string[]).includes(kind);

/** 历史记录: what happened to one entity, who did it, when and what changed, in Chinese. */
export function historyPages({ app }: WebDeps) {
  const web = new Hono<WebEnv>();
  web.get('/history/:kind/:id', requireUser(), async (c) => {
    const kind = c.req.param('kind');
    if (!isKind(kind)) return errorPage(c, 404, webMessages.pageNotFound);
    const from = Math.max(0, Number.parseInt(c.req.query('from') ?? '0', 10) || 0);
    const id = c.req.param('id');
    const history = await entityHistory(app, c.get('actor'), kind, id, { from });
    return page(
      c,
      `${history.title} 的历史记录`,
      <>
        <p class="small">
          <a href={ENTITY_PAGES[kind](id, c.get('actor').role === 'staff')}>
            {history.kindLabel}：{history.title}
          </a>{' '}
          ›
        </p>
        <h1>历史记录</h1>
        <section class="card" aria-labelledby="history-title">
          <h2 id="history-title">
            {history.kindLabel}“{history.title}”（{history.entries.length} 条）
          </h2>
          {history.entries.length === 0 ? (
            <p class="muted">没有更多记录。</p>
          ) : (
            <HistoryTable entries={history.entries} />
          )}
          {history.next !== null ? (
            <p>
              <a href={`/history/${kind}/${id}?from=${history.next}`} rel="next">
                更多记录
              </a>
            </p>
          ) : null}
        </section>
      </>,
    );
  });
  return web;
}
