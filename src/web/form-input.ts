import type { Context } from 'hono';
import type { FormValues } from './components/form.js';
import { CSRF_FIELD } from './session/csrf.js';

/**
 * How one posted field becomes part of a service's input. The services validate with the domain's zod
 * schemas, so this only shapes: it never judges a value. A number that does not parse stays a string,
 * which the schema then rejects in its own Chinese words.
 */
export type FieldKind =
  | 'text'
  | 'number'
  | 'list'
  /** A textarea holding one item per line (验收指标), sent as the list of its non-empty lines. */
  | 'lines'
  /** A `datetime-local` value, read as China time (UTC+8), sent as ISO 8601 with offset. */
  | 'chinaDateTime';

export interface FieldSpec {
  kind: FieldKind;
  /** What an empty value becomes: left out (create, optional field) or null (edit, clear the field). */
  empty?: 'omit' | 'null';
}

export type FormSpec = Record<string, FieldKind | FieldSpec>;

/** The posted form as flat raw values; files are ignored, repeated names become lists. */
export async function readForm(c: Context): Promise<FormValues> {
  const body = await c.req.parseBody({ all: true });
  const values: FormValues = {};
  for (const [name, value] of Object.entries(body)) {
    if (name === CSRF_FIELD) continue;
    const strings = (Array.isArray(value) ? value : [value]).filter(
      (v): v is string => typeof v === 'string',
    );
    values[name] = strings.length === 1 && !Array.isArray(value) ? strings[0] : strings;
  }
  return values;
}

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? '';
}

function converted(kind: FieldKind, raw: string | string[] | undefined): unknown {
  if (kind === 'list') return (Array.isArray(raw) ? raw : raw ? [raw] : []).filter((v) => v !== '');
  if (kind === 'lines')
    return first(raw)
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
  const text = first(raw);
  if (text === '') return undefined;
  if (kind === 'number') {
    const number = Number(text);
    return Number.isFinite(number) ? number : text;
  }
  if (kind === 'chinaDateTime') {
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(text) ? `${text}:00+08:00` : text;
  }
  return text;
}

function assign(target: Record<string, unknown>, path: string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  if (typeof target[head] !== 'object' || target[head] === null) target[head] = {};
  assign(target[head] as Record<string, unknown>, rest, value);
}

/**
 * The service input for a form: dotted names nest (`budgetWan.min`), so that the field errors the schema
 * reports come back under the very names the form used. A group whose fields are all empty and omitted
 * (an optional `contact`) is left out entirely, unless it is one of `requiredGroups`: then it is sent
 * empty, so that the schema names each of its missing fields rather than the group as a whole.
 */
export function toInput(
  values: FormValues,
  spec: FormSpec,
  requiredGroups: string[] = [],
): Record<string, unknown> {
  const input: Record<string, unknown> = Object.fromEntries(requiredGroups.map((group) => [group, {}]));
  for (const [name, field] of Object.entries(spec)) {
    const { kind, empty = 'omit' } = typeof field === 'string' ? { kind: field } : field;
    let value = converted(kind, values[name]);
    if (value === undefined) {
      if (empty === 'omit') continue;
      value = null;
    }
    assign(input, name.split('.'), value);
  }
  return input;
}

/** An entity as a form's raw values, for an edit form's first rendering. */
export function toValues(entity: Record<string, unknown>, prefix = ''): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(entity)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) values[name] = value.map(String);
    else if (typeof value === 'object')
      Object.assign(values, toValues(value as Record<string, unknown>, name));
    else values[name] = String(value);
  }
  return values;
}
