import { Hono } from 'hono';
import { listSubscriptions, subscribe, unsubscribe } from '../../application/subscription-service.js';
import { channelLabels, kindLabels } from '../../domain/subscription/messages.js';
import type { Subscription } from '../../domain/subscription/state.js';
import { runAction } from '../actions.js';
import { attempt } from '../attempt.js';
import { CsrfField } from '../components/form.js';
import type { WebDeps } from '../deps.js';
import type { WebEnv } from '../env.js';
import { requireUser } from '../errors.js';
import { formatDateTime, labelsOf } from '../format.js';
import { page, redirectWith, requestContext } from '../render.js';

const text = {
  title: '我的订阅',
  intro: '订阅的搜索有新发布的场景需求或解决方案时，会按您选择的方式通知您，每条只通知一次。',
  empty: '还没有订阅。在场景需求或解决方案的搜索结果页点“订阅此搜索”即可订阅。',
  subscribed: '已订阅此搜索，有新发布的结果时会通知您',
  cancelled: '已取消订阅',
  anyWords: '不限关键词',
};

/** Where the search page's button may send the reader back to: a search page of this site. */
const backTo = (value: unknown) =>
  typeof value === 'string' && /^\/(needs|solutions)(\?[^\s#]*)?$/.test(value) ? value : '/me/subscriptions';

/** The search page showing what a saved search finds, when the page can ask it (one code per filter). */
function searchHref(saved: Subscription): string | null {
  const lists = { industry: saved.industries, technology: saved.technologies, city: saved.cities };
  if (Object.values(lists).some((codes) => codes.length > 1)) return null;
  const params = new URLSearchParams();
  if (saved.q) params.set('q', saved.q);
  for (const [name, codes] of Object.entries(lists)) if (codes[0]) params.set(name, codes[0]);
  const query = params.toString();
  return `/${saved.kind}${query ? `?${query}` : ''}`;
}

function Item({ saved, csrfToken }: { saved: Subscription; csrfToken: string }) {
  const filters = (
    [
      ['行业', 'industry', saved.industries],
      ['技术', 'technology', saved.technologies],
      ['城市', 'city', saved.cities],
    ] as const
  )
    .filter(([, , codes]) => codes.length > 0)
    .map(([title, kind, codes]) => [title, labelsOf(kind, codes)] as const);
  const href = searchHref(saved);
  return (
    <li class="notification" data-testid="subscription">
      <div class="notification-head">
        <span class="badge tone-info">{kindLabels[saved.kind]}</span>
        <strong>{saved.q ? `关键词“${saved.q}”` : text.anyWords}</strong>
        <span class="muted nowrap">订阅于 {formatDateTime(saved.createdAt)}</span>
      </div>
      {filters.length > 0 ? (
        <p class="chips">
          {filters.map(([title, labels]) => (
            <span>
              {title}：{labels}
            </span>
          ))}
        </p>
      ) : null}
      <p class="muted small">
        通知方式：{saved.channels.map((channel) => channelLabels[channel]).join('、')}
      </p>
      <div class="row">
        {href ? <a href={href}>查看搜索结果</a> : null}
        <form method="post" action={`/me/subscriptions/${saved.id}/delete`}>
          <CsrfField token={csrfToken} />
          <button type="submit" class="secondary" aria-label={`取消订阅：${saved.q || text.anyWords}`}>
            取消订阅
          </button>
        </form>
      </div>
    </li>
  );
}

/** `/me/subscriptions` (我的订阅): the saved searches of the signed-in user; saving one from a search page. */
export function subscriptionPages(deps: WebDeps) {
  const { app } = deps;
  const web = new Hono<WebEnv>();

  web.get('/me/subscriptions', requireUser(), async (c) => {
    const items = await listSubscriptions(app, c.get('actor'));
    const csrfToken = c.get('csrfToken');
    return page(
      c,
      text.title,
      <section class="card">
        <h1>{text.title}</h1>
        <p class="muted">{text.intro}</p>
        {items.length === 0 ? (
          <p class="muted">{text.empty}</p>
        ) : (
          <ul class="notifications">
            {items.map((saved) => (
              <Item saved={saved} csrfToken={csrfToken} />
            ))}
          </ul>
        )}
      </section>,
    );
  });

  web.post('/me/subscriptions', requireUser(), async (c) => {
    const body = await c.req.parseBody();
    const field = (name: string) => (typeof body[name] === 'string' ? String(body[name]).trim() : '');
    const codes = (name: string) => (field(name) ? [field(name)] : []);
    const saved = await attempt(() =>
      subscribe(app, requestContext(c), {
        kind: field('kind') === 'solutions' ? 'solutions' : 'needs',
        q: field('q'),
        industries: codes('industry'),
        technologies: codes('technology'),
        cities: codes('city'),
      }),
    );
    if (!saved.ok) {
      const refusal = saved.errors.map((error) => error.message).join('；');
      return redirectWith(c, backTo(body.back), { tone: 'error', text: refusal });
    }
    return redirectWith(c, '/me/subscriptions', { tone: 'success', text: text.subscribed });
  });

  web.post('/me/subscriptions/:id/delete', requireUser(), (c) =>
    runAction(c, () => unsubscribe(app, requestContext(c), c.req.param('id')), {
      to: '/me/subscriptions',
      success: text.cancelled,
    }),
  );

  return web;
}
