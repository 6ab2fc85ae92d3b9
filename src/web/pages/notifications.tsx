import { Hono, type MiddlewareHandler } from 'hono';
import type { Notification } from '../../notifications/inbox.js';
import { inboxQuerySchema } from '../../notifications/inbox-query.js';
import type { Inbox } from '../../notifications/inbox-service.js';
import { runAction } from '../actions.js';
import { CsrfField } from '../components/form.js';
import { Pagination } from '../components/pagination.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { requireUser } from '../errors.js';
import { formatDateTime } from '../format.js';
import { webMessages } from '../messages.js';
import { page } from '../render.js';

/** Puts the signed-in user's unread count on the request, for the bell in every page's header. */
export function unreadCount(inbox: Inbox): MiddlewareHandler<WebEnv> {
  return async (c, next) => {
    const user = c.get('user');
    if (user) c.set('unread', await inbox.unreadCount(user.id));
    await next();
  };
}

function Item({ item, csrfToken, back }: { item: Notification; csrfToken: string; back: string }) {
  const unread = item.readAt === null;
  return (
    <li class={unread ? 'notification unread' : 'notification'} data-testid="notification">
      <div class="notification-head">
        <a href={item.link}>
          <strong>{item.title}</strong>
        </a>
        {unread ? <span class="badge tone-info">未读</span> : null}
        <span class="muted nowrap">{formatDateTime(item.createdAt)}</span>
      </div>
      <p>{item.body}</p>
      {unread ? (
        <form method="post" action={`/notifications/${item.id}/read`}>
          <CsrfField token={csrfToken} />
          <input type="hidden" name="back" value={back} />
          <button type="submit" class="secondary">
            标为已读
          </button>
        </form>
      ) : null}
    </li>
  );
}

/** Where a form may send the reader back to: this inbox page only. */
const backTo = (value: unknown) =>
  typeof value === 'string' && /^\/notifications(\?[\w=&]*)?$/.test(value) ? value : '/notifications';

/** `/notifications`: the signed-in user's inbox, newest first, and marking read. */
export function notificationPages(deps: WebDeps) {
  const { inbox } = deps.http;
  const web = new Hono<WebEnv>();

  web.get('/notifications', requireUser(), async (c) => {
    const parsed = inboxQuerySchema.safeParse(c.req.query());
    const query = parsed.success ? parsed.data : { page: 1, pageSize: 20 };
    const user = c.get('user')!;
    const inboxPage = await inbox.page(user.id, query);
    const filter = query.unread ? 'unread=true&' : '';
    const back = `/notifications?${filter}page=${query.page}`;
    return page(
      c,
      '我的通知',
      <section>
        <h1>我的通知</h1>
        <p>
          <a href="/me/notification-settings">通知设置（邮件）</a> · <a href="/me/subscriptions">我的订阅</a>
        </p>
        <p>
          共 {inboxPage.total} 条，未读 <strong data-testid="unread">{inboxPage.unread}</strong> 条。
          {query.unread ? (
            <a href="/notifications">查看全部</a>
          ) : (
            <a href="/notifications?unread=true">只看未读</a>
          )}
        </p>
        {inboxPage.unread > 0 ? (
          <form method="post" action="/notifications/read-all">
            <CsrfField token={c.get('csrfToken')} />
            <button type="submit">全部标为已读</button>
          </form>
        ) : null}
        {inboxPage.items.length === 0 ? (
          <p class="muted">没有通知。</p>
        ) : (
          <ul class="notifications">
            {inboxPage.items.map((item) => (
              <Item item={item} csrfToken={c.get('csrfToken')} back={back} />
            ))}
          </ul>
        )}
        <Pagination
          page={query.page}
          pageSize={query.pageSize}
          total={inboxPage.total}
          href={(p) => `/notifications?${filter}page=${p}`}
        />
      </section>,
    );
  });

  web.post('/notifications/read-all', requireUser(), (c) =>
    runAction(c, () => inbox.markAllRead(c.get('actor')), {
      to: '/notifications',
      success: webMessages.allNotificationsRead,
    }),
  );

  web.post('/notifications/:id/read', requireUser(), async (c) => {
    const form = await c.req.parseBody();
    return runAction(c, () => inbox.markRead(c.get('actor'), c.req.param('id')), {
      to: backTo(form.back),
      success: webMessages.notificationRead,
    });
  });

  return web;
}
