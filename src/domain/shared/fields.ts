import { z } from 'zod';
import { codeForLabel, codesOf, isCode, type TaxonomyKind, zhLabel } from './taxonomy.js';

/** Field schemas shared by several entities, each with the Chinese message a user sees when breaking it. */

const kindLabels: Record<TaxonomyKind, string> = {
  industry: '行业',
  scenarioType: '场景类型',
  technology: '技术',
  city: '城市',
  qualification: '资质',
};

/**
 * An unknown code is answered with a few valid ones (and, for a label typed instead of its code, that
 * code), since an API caller may not know where the list is.
 */
function unknownCode(kind: TaxonomyKind, input: unknown): string {
  const label = kindLabels[kind];
  const code = typeof input === 'string' ? codeForLabel(kind, input) : undefined;
  if (code) return `请填写${label}代码 ${code}，而不是名称“${String(input)}”`;
  const examples = codesOf(kind)
    .slice(0, 3)
    .map((c) => `${c}（${zhLabel(kind, c)}）`)
    .join('、');
  return `未知的${label}代码，可用的代码如 ${examples}，全部代码见 /api/v1/taxonomy`;
}

/** The codes a field accepts, listed in the API's documentation. */
function documented(kind: TaxonomyKind, wildcard = false) {
  const description = `${kindLabels[kind]}代码，代码与中文名称见 GET /api/v1/taxonomy${wildcard ? '；* 表示全省' : ''}`;
  return { description, enum: [...(wildcard ? ['*'] : []), ...codesOf(kind)] };
}

export function taxonomyCode(kind: TaxonomyKind) {
  return z
    .string({ error: `请选择${kindLabels[kind]}` })
    .refine((code) => isCode(kind, code), { error: (issue) => unknownCode(kind, issue.input) })
    .meta(documented(kind));
}

/** A list of distinct codes; `allowWildcard` admits '*' alone (e.g. regionsServed: the whole province). */
export function taxonomyCodes(
  kind: TaxonomyKind,
  bounds: { min: number; max: number },
  allowWildcard = false,
) {
  const label = kindLabels[kind];
  const item = allowWildcard
    ? z
        .string()
        .refine((code) => code === '*' || isCode(kind, code), {
          error: (issue) => unknownCode(kind, issue.input),
        })
        .meta(documented(kind, true))
    : taxonomyCode(kind);
  return z
    .array(item, { error: `${label}须为列表` })
    .min(bounds.min, `请至少选择${bounds.min}项${label}`)
    .max(bounds.max, `${label}最多选择${bounds.max}项`)
    .refine((codes) => new Set(codes).size === codes.length, `${label}不能重复`)
    .refine((codes) => !codes.includes('*') || codes.length === 1, '选择全省后不能再选具体城市');
}

/**
 * Characters no user types: C0 and C1 controls (NUL, ESC and the rest, which end up raw in exports and
 * terminals), DEL, the noncharacters U+FFFE/U+FFFF and a surrogate without its pair (not text at all; XML,
 * and so .xlsx, cannot hold most of them). Tab and line breaks count as text only where a field has lines.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/;
const TAB_OR_LINE_BREAK = /[\t\n\r]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isPlainText(value: string, lines: 'single' | 'multi'): boolean {
  if (CONTROL.test(value) || LONE_SURROGATE.test(value)) return false;
  return lines === 'multi' || !TAB_OR_LINE_BREAK.test(value);
}

/** The refinement every free-text field takes, with the message naming the field. */
export function plainText(label: string, lines: 'single' | 'multi') {
  const message =
    lines === 'single'
      ? `${label}须为一行文字，不能含有换行、制表符等控制字符或无效字符`
      : `${label}不能含有控制字符（如 NUL、ESC）或无效字符`;
  return [(value: string) => isPlainText(value, lines), message] as const;
}

/** A single-line text (a title, a name): no tabs or line breaks. */
export function text(label: string, bounds: { min: number; max: number }) {
  return boundedText(label, bounds).refine(...plainText(label, 'single'));
}

/** A text that may run over several lines (a description, a reason): tabs and line breaks are kept. */
export function multilineText(label: string, bounds: { min: number; max: number }) {
  return boundedText(label, bounds).refine(...plainText(label, 'multi'));
}

function boundedText(label: string, bounds: { min: number; max: number }) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .min(bounds.min, `${label}须为${bounds.min}到${bounds.max}个字`)
    .max(bounds.max, `${label}须为${bounds.min}到${bounds.max}个字`);
}

/** Mainland mobile (optionally +86) or landline with area code (0531-88888888, optional extension). */
const PHONE_PATTERN = /^(?:(?:\+?86[- ]?)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?)$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const contactSchema = z.strictObject({
  name: text('联系人姓名', { min: 1, max: 30 }),
  phone: z
    .string({ error: '请填写联系电话' })
    .trim()
    .regex(PHONE_PATTERN, '联系电话须为手机号或带区号的固定电话'),
  email: z
    .string({ error: '请填写电子邮箱' })
    .trim()
    .max(100, '电子邮箱过长')
    .regex(EMAIL_PATTERN, '电子邮箱格式不正确')
    .refine(...plainText('电子邮箱', 'single')),
});

export type Contact = z.output<typeof contactSchema>;

export const reasonSchema = z.strictObject({ reason: multilineText('原因', { min: 2, max: 500 }) });

/** A calendar day, YYYY-MM-DD, that exists. */
export const dateSchema = z
  .string({ error: '请填写日期' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式须为YYYY-MM-DD')
  .refine((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
  }, '日期不存在');

export const idSchema = z.uuid({ error: '编号格式不正确' });

/** An id the person picks from a list (the solution to 揭榜 with): missing, it asks for the choice. */
export function chosenId(label: string) {
  return z.uuid({
    error: (issue) =>
      issue.input === undefined || issue.input === '' ? `请选择${label}` : `${label}编号格式不正确`,
  });
}

/** Deadlines are whole days in China time: a need due on 2025-06-30 is open until that day ends in 北京时间. */
export function endOfDayInChina(day: string): Date {
  return new Date(`${day}T23:59:59.999+08:00`);
}
