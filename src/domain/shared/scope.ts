import { z } from 'zod';
import { cities } from './taxonomy.js';

/**
 * What a staff account or a campaign covers: the whole province, or one city (a taxonomy city code).
 * Events written before scopes existed carry none, and read as the province.
 */
export type Scope = 'province' | (string & {});

export const PROVINCE: Scope = 'province';

const isCity = (code: string) => cities.some((city) => city.code === code);

export const scopeSchema = z
  .string({ error: '请选择范围：全省或一个地市' })
  .trim()
  .refine((scope) => scope === PROVINCE || isCity(scope), '范围须为全省（province）或一个地市代码')
  .meta({ description: '范围：province 为全省，或一个地市代码（如 jinan）' });

/**
 * 全省, or the city's name with 市: how a scope reads in a sentence. `known` is the cities to name it from:
 * the province's 16 unless the caller read the directory with the cities added since.
 */
export function scopeLabel(
  scope: Scope,
  known: ReadonlyArray<{ code: string; zh: string }> = cities,
): string {
  if (scope === PROVINCE) return '全省';
  const city = known.find((c) => c.code === scope);
  return city ? `${city.zh}市` : scope;
}
