import type { Contact } from '../domain/shared/fields.js';
import type { WanRange } from '../domain/shared/money.js';
import { type TaxonomyKind, zhLabel } from '../domain/shared/taxonomy.js';
import { cityLabel } from './city-names.js';

const chinaTime = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

const chinaDay = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

function parts(format: Intl.DateTimeFormat, iso: string): Record<string, string> {
  return Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
}

/** 2025-03-01 10:00, in 北京时间 whatever the server's zone. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return '—';
  const p = parts(chinaTime, iso);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return '—';
  const p = parts(chinaDay, iso);
  return `${p.year}-${p.month}-${p.day}`;
}

export function formatWan(amount: number | null | undefined): string {
  return amount === null || amount === undefined ? '—' : `${amount.toLocaleString('zh-CN')} 万元`;
}

export function formatWanRange(range: WanRange | null | undefined): string {
  if (!range) return '—';
  if (range.min === range.max) return formatWan(range.min);
  return `${range.min.toLocaleString('zh-CN')}–${range.max.toLocaleString('zh-CN')} 万元`;
}

/** A taxonomy code's Chinese label; a city's from the request's directory, which knows the added cities. */
export function termLabel(kind: TaxonomyKind, code: string): string {
  return kind === 'city' ? cityLabel(code) : zhLabel(kind, code);
}

export function labelsOf(kind: TaxonomyKind, codes: readonly string[] | null | undefined): string {
  return (codes ?? []).map((code) => termLabel(kind, code)).join('、') || '—';
}

/** Cities served; '*' is the whole province. */
export function regionsLabel(codes: readonly string[] | null | undefined): string {
  return codes?.includes('*') ? '全省' : labelsOf('city', codes);
}

/** The first `length` characters of a text, on one line. */
export function excerpt(text: string | null | undefined, length = 90): string {
  const flat = (text ?? '').replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

/**
 * A contact on one line, its empty parts left out: a contact whose organization was cancelled reads
 * 已注销 with no phone or email (src/personal-data/personal-fields.ts), not "已注销 ·  · ".
 */
export function contactLine(contact: Contact): string {
  return [contact.name, contact.phone, contact.email].filter((part) => part !== '').join(' · ');
}
