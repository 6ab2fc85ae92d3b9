import { z } from 'zod';
import { PROVINCE } from '../shared/scope.js';
import { cities } from '../shared/taxonomy.js';
import type { AddedCity } from './state.js';

/** A city a code may name: the province's own (`province` null) or one added from outside it. */
export interface DirectoryCity {
  code: string;
  zh: string;
  province: string | null;
}

/**
 * Every city the platform knows at one moment: the province's 16 from taxonomy.json, always first and
 * always present, then the cities province staff added, in the order they were added. Schemas that take a
 * city get it from the application, which reads the added cities from their stream.
 */
export interface CityDirectory {
  cities: ReadonlyArray<DirectoryCity>;
  has(code: string): boolean;
  /** The Chinese name; the code itself when unknown, so a stale code still renders. */
  label(code: string): string;
}

export function cityDirectory(added: ReadonlyArray<AddedCity>): CityDirectory {
  const all: DirectoryCity[] = [
    ...cities.map((city) => ({ ...city, province: null })),
    ...added.map(({ code, zh, province }) => ({ code, zh, province })),
  ];
  const byCode = new Map(all.map((city) => [city.code, city]));
  return {
    cities: all,
    has: (code) => byCode.has(code),
    label: (code) => byCode.get(code)?.zh ?? code,
  };
}

/** The province's 16 alone: what the taxonomy holds before any city is added. */
export const provinceCityDirectory = cityDirectory([]);

function unknownCity(directory: CityDirectory, input: unknown): string {
  const typed = typeof input === 'string' ? input.trim().replace(/市$/, '') : '';
  const named = directory.cities.find((city) => city.zh === typed);
  if (named) return `请填写城市代码 ${named.code}，而不是名称“${String(input)}”`;
  return '未知的城市代码，全部代码见 /api/v1/taxonomy';
}

/** A city field (an organization's, a need's) over the cities of `directory`. */
export function cityCode(directory: CityDirectory) {
  return z
    .string({ error: '请选择城市' })
    .refine((code) => directory.has(code), { error: (issue) => unknownCity(directory, issue.input) })
    .meta({ description: '城市代码，代码与中文名称见 GET /api/v1/taxonomy' });
}

/** regionsServed over `directory`: at least one of its cities, distinct, or '*' alone for the whole province. */
export function cityCodes(directory: CityDirectory) {
  const item = z
    .string()
    .refine((code) => code === '*' || directory.has(code), {
      error: (issue) => unknownCity(directory, issue.input),
    })
    .meta({ description: '城市代码，代码与中文名称见 GET /api/v1/taxonomy；* 表示全省' });
  return z
    .array(item, { error: '城市须为列表' })
    .min(1, '请至少选择1项城市')
    .max(directory.cities.length, `城市最多选择${directory.cities.length}项`)
    .refine((codes) => new Set(codes).size === codes.length, '城市不能重复')
    .refine((codes) => !codes.includes('*') || codes.length === 1, '选择全省后不能再选具体城市');
}

/** A staff or campaign scope over `directory`: the province, or one of its cities. */
export function scopeOf(directory: CityDirectory) {
  return z
    .string({ error: '请选择范围：全省或一个地市' })
    .trim()
    .refine((scope) => scope === PROVINCE || directory.has(scope), '范围须为全省（province）或一个地市代码')
    .meta({ description: '范围：province 为全省，或一个地市代码（如 jinan）' });
}
