import type { NotificationCreatedData } from './inbox.js';
import type { MailMessage } from './mail-transport.js';
import type { UnsubscribeLinks } from './mail-unsubscribe.js';
import { beijingTime } from './messages.js';
import { notificationTypeLabels } from './settings-messages.js';
import type { NotificationType } from './types.js';

/** The page where a user chooses how they hear of what. */
export const SETTINGS_PAGE = '/me/notification-settings';
/** The page an unsubscribe link opens, and the API route mail clients post to for one-click unsubscribe. */
export const UNSUBSCRIBE_PAGE = '/unsubscribe';
export const UNSUBSCRIBE_API = '/api/v1/unsubscribe';

export interface MailSite {
  /** YUNSUPEI_PUBLIC_URL, without a trailing slash. */
  publicUrl: string;
  links: UnsubscribeLinks;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const absolute = (site: MailSite, path: string) => `${site.publicUrl.replace(/\/+$/, '')}${path}`;

const messageId = (site: MailSite, local: string) => `<${local}@${new URL(site.publicUrl).hostname}>`;

/** The unsubscribe link in the body, and RFC 8058 one-click unsubscribe for mail clients. */
function unsubscribing(site: MailSite, userId: string, types: NotificationType[]) {
  const token = encodeURIComponent(site.links.token(userId, types));
  return {
    page: absolute(site, `${UNSUBSCRIBE_PAGE}?token=${token}`),
    headers: {
      'List-Unsubscribe': `<${absolute(site, `${UNSUBSCRIBE_API}/${token}`)}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

function footer(site: MailSite, stopPage: string, what: string) {
  const settings = absolute(site, SETTINGS_PAGE);
  return {
    text: ['——', `通知设置：${settings}`, `不再接收${what}邮件：${stopPage}`].join('\n'),
    html: `<hr><p style="color:#666;font-size:12px"><a href="${escapeHtml(settings)}">通知设置</a> · <a href="${escapeHtml(stopPage)}">不再接收${escapeHtml(what)}邮件</a></p>`,
  };
}

/** One notification by mail, as soon as it is created. */
export function immediateMail(
  site: MailSite,
  to: string,
  userId: string,
  notification: NotificationCreatedData,
): MailMessage {
  const link = absolute(site, notification.link);
  const stop = unsubscribing(site, userId, [notification.type]);
  const end = footer(site, stop.page, `「${notificationTypeLabels[notification.type]}」`);
  return {
    to,
    subject: `【云速配】${notification.title}`,
    text: [notification.title, '', notification.body, '', `查看详情：${link}`, '', end.text].join('\n'),
    html: `<h2>${escapeHtml(notification.title)}</h2><p>${escapeHtml(notification.body)}</p><p><a href="${escapeHtml(link)}">查看详情</a></p>${end.html}`,
    messageId: messageId(site, notification.id),
    headers: stop.headers,
  };
}

export interface DigestItem {
  notificationId: string;
  type: NotificationType;
  title: string;
  body: string;
  link: string;
  createdAt: string;
}

/** One user's notifications of one day (Beijing time) in one mail, grouped by kind. */
export function digestMail(
  site: MailSite,
  to: string,
  userId: string,
  day: string,
  items: DigestItem[],
): MailMessage {
  const groups = new Map<NotificationType, DigestItem[]>();
  for (const item of items) groups.set(item.type, [...(groups.get(item.type) ?? []), item]);
  const types = [...groups.keys()];
  const stop = unsubscribing(site, userId, types);
  const end = footer(site, stop.page, '以下各类');
  const text: string[] = [`${day} 您在云速配共有 ${items.length} 条通知：`, ''];
  let html = `<h2>${escapeHtml(day)} 的通知汇总</h2>`;
  for (const [type, group] of groups) {
    const label = notificationTypeLabels[type];
    text.push(`【${label}】${group.length} 条`);
    html += `<h3>${escapeHtml(label)}（${group.length} 条）</h3><ul>`;
    for (const item of group) {
      const link = absolute(site, item.link);
      text.push(`· ${beijingTime(item.createdAt)} ${item.title}：${item.body}`, `  ${link}`);
      html += `<li>${escapeHtml(beijingTime(item.createdAt))} <a href="${escapeHtml(link)}">${escapeHtml(item.title)}</a>：${escapeHtml(item.body)}</li>`;
    }
    text.push('');
    html += '</ul>';
  }
  const kinds = types.map((type) => `「${notificationTypeLabels[type]}」`).join('、');
  text.push(`通知类型：${kinds}`, '', end.text);
  return {
    to,
    subject: `【云速配】${day} 通知汇总（共 ${items.length} 条）`,
    text: text.join('\n'),
    html: `${html}<p>通知类型：${escapeHtml(kinds)}</p>${end.html}`,
    messageId: messageId(site, `digest-${day}-${userId}`),
    headers: stop.headers,
  };
}
