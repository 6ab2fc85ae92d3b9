import type { Child } from 'hono/jsx';
import type { SiteIdentity } from '../../server/site-identity.js';
import { ELDER } from '../display-mode.js';
import type { Flash, SessionUser } from '../env.js';
import { roleLabels } from '../labels.js';
import { webMessages } from '../messages.js';
import { PUBLIC_COLUMNS } from '../site-map.js';
import { CsrfField } from './form.js';
import { SiteFooter } from './site-footer.js';

export interface LayoutProps {
  title: string;
  user: SessionUser | null;
  csrfToken: string;
  flash: Flash | null;
  /** The request path, to mark the current navigation entry. */
  path: string;
  /** The path and query string, where the 长辈版 switch comes back to. */
  returnTo: string;
  /** 长辈版: larger text, higher contrast, wider spacing. */
  elder: boolean;
  site: SiteIdentity;
  /** The signed-in user's unread notifications, shown on the bell. */
  unread?: number;
  /** Reloads the page this often: how a running job's page follows its progress without script. */
  refreshSeconds?: number;
  children?: Child;
}

interface NavItem {
  href: string;
  label: string;
}

function navItems(user: SessionUser | null): NavItem[] {
  const items: NavItem[] = [...PUBLIC_COLUMNS];
  if (user?.role === 'demander') items.push({ href: '/my', label: '我的需求' });
  if (user?.role === 'vendor') items.push({ href: '/my', label: '服务商工作台' });
  if (user?.role === 'staff') items.push({ href: '/admin', label: '运营后台' });
  if (user?.role === 'expert') items.push({ href: '/me/reviews', label: '我的评审' });
  return items;
}

function isCurrent(item: NavItem, path: string): boolean {
  return item.href === '/' ? path === '/' : path === item.href || path.startsWith(`${item.href}/`);
}

function Bell({ unread }: { unread: number }) {
  return (
    <a class="bell" href="/notifications" data-testid="bell" aria-label={webMessages.bellLabel(unread)}>
      <svg class="bell-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      通知
      {unread > 0 ? (
        <span class="bell-count" data-testid="bell-count">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </a>
  );
}

function Account({
  user,
  csrfToken,
  unread,
}: {
  user: SessionUser | null;
  csrfToken: string;
  unread: number;
}) {
  if (!user) {
    return (
      <div class="account">
        <a href="/login">登录</a>
        <a href="/register">机构注册</a>
      </div>
    );
  }
  return (
    <div class="account">
      <Bell unread={unread} />
      <span class="who" title={`${user.orgName ?? roleLabels[user.role]} · ${user.username}`}>
        {user.orgName ?? roleLabels[user.role]} · {user.username}
      </span>
      <a href="/account/password">修改密码</a>
      <a href="/me/data">我的数据</a>
      <form method="post" action="/logout">
        <CsrfField token={csrfToken} />
        <button type="submit">退出</button>
      </form>
    </div>
  );
}

/** The 长辈版 switch: a form, so that it works without script; the cookie it sets remembers the choice. */
function DisplayModeSwitch({
  elder,
  returnTo,
  csrfToken,
}: {
  elder: boolean;
  returnTo: string;
  csrfToken: string;
}) {
  return (
    <form class="display-mode" method="post" action="/display-mode" data-testid="display-mode">
      <CsrfField token={csrfToken} />
      <input type="hidden" name="next" value={returnTo} />
      {elder ? (
        <>
          <span class="display-mode-on">长辈版</span>
          <button type="submit" name="mode" value="standard">
            切换到标准版
          </button>
        </>
      ) : (
        <button type="submit" name="mode" value={ELDER}>
          长辈版
        </button>
      )}
    </form>
  );
}

export function FlashMessage({ flash }: { flash: Flash | null }) {
  if (!flash) return null;
  return (
    <div class={`flash flash-${flash.tone}`} role={flash.tone === 'error' ? 'alert' : 'status'}>
      {flash.text}
    </div>
  );
}

export function Layout({
  title,
  user,
  csrfToken,
  flash,
  path,
  returnTo,
  elder,
  site,
  unread,
  refreshSeconds,
  children,
}: LayoutProps) {
  return (
    <html lang="zh-CN" class={elder ? 'elder' : undefined}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} - ${webMessages.siteName}`}</title>
        <link rel="stylesheet" href="/static/app.css" />
        {refreshSeconds ? <meta http-equiv="refresh" content={String(refreshSeconds)} /> : null}
      </head>
      <body>
        <a class="skip" href="#main">
          跳到正文
        </a>
        <header class="site-header">
          <div class="header-inner">
            <a class="brand" href="/">
              <strong>{webMessages.siteName}</strong>
              <span>{webMessages.siteTagline}</span>
            </a>
            <nav class="site-nav" aria-label="主导航">
              {navItems(user).map((item) => (
                <a href={item.href} aria-current={isCurrent(item, path) ? 'page' : undefined}>
                  {item.label}
                </a>
              ))}
            </nav>
            <Account user={user} csrfToken={csrfToken} unread={unread ?? 0} />
            <DisplayModeSwitch elder={elder} returnTo={returnTo} csrfToken={csrfToken} />
          </div>
        </header>
        <main id="main" tabindex={-1}>
          <FlashMessage flash={flash} />
          {children}
        </main>
        <SiteFooter site={site} />
      </body>
    </html>
  );
}
