import { z } from 'zod';
import type { Command } from '../shared/decider.js';
import type { Scope } from '../shared/scope.js';
import { taxonomyCityText } from './messages.js';

const HAN = /^[\u4e00-\u9fff]{2,10}$/;

/** POST /api/v1/taxonomy/cities: a city outside the province, as 百城牵手 brings it in. */
export const addCityInput = z.strictObject({
  code: z
    .string({ error: taxonomyCityText.code })
    .trim()
    .regex(/^[a-z][a-z0-9]{1,29}$/, taxonomyCityText.code)
    .refine((code) => code !== 'province', taxonomyCityText.codeReserved)
    .meta({ description: '城市代码：小写拼音字母或数字，如 wenzhou；与已有城市不能重复' }),
  zh: z
    .string({ error: taxonomyCityText.zh })
    .trim()
    .refine((zh) => !zh.endsWith('市'), taxonomyCityText.zhWithSuffix)
    .regex(HAN, taxonomyCityText.zh)
    .meta({ description: '城市中文名称，不带“市”字，如 温州' }),
  province: z
    .string({ error: taxonomyCityText.province })
    .trim()
    .regex(HAN, taxonomyCityText.province)
    .refine((province) => !/^山东省?$/.test(province), taxonomyCityText.provinceIsOwn)
    .meta({ description: '所属省份，如 浙江省' }),
});
export type AddCityInput = z.input<typeof addCityInput>;

/**
 * `staffScope` is the actor's staff scope as the application read it from their account (null for anyone
 * not staff): the decider holds the rule that only province staff add cities.
 */
export type AddCity = Command<'AddCity', { input: AddCityInput; staffScope: Scope | null }>;

export type TaxonomyCityCommand = AddCity;
