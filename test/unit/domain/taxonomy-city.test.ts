import { describe, it } from 'vitest';
import type { Actor } from '../../../src/domain/shared/actor.js';
import type { Scope } from '../../../src/domain/shared/scope.js';
import type { AddCityInput, TaxonomyCityCommand } from '../../../src/domain/taxonomy/commands.js';
import { taxonomyCityDecider } from '../../../src/domain/taxonomy/decider.js';
import type { TaxonomyCityEvent } from '../../../src/domain/taxonomy/events.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(taxonomyCityDecider);

const staff: Actor = { userId: '01900000-0000-7000-8000-0000000000a1', orgId: null, role: 'staff' };
const now = new Date('2026-03-01T08:00:00.000Z');
const at = now.toISOString();

const addCity = (input: AddCityInput, staffScope: Scope | null = 'province'): TaxonomyCityCommand => ({
  type: 'AddCity',
  data: { input, staffScope },
  context: { actor: staff, now },
});
const wenzhou: AddCityInput = { code: 'wenzhou', zh: '温州', province: '浙江省' };
const wenzhouAdded: TaxonomyCityEvent = { type: 'CityAdded', data: { ...wenzhou, at } };

describe('cities added outside the province', () => {
  it('province staff add a city outside the province', () => {
    spec([])
      .when(addCity({ code: ' wenzhou ', zh: ' 温州 ', province: '浙江省' }))
      .then([wenzhouAdded]);
  });

  it('refuses city staff and anyone not staff', () => {
    spec([]).when(addCity(wenzhou, 'qingdao')).thenThrows('taxonomy.province_only', 403);
    spec([]).when(addCity(wenzhou, null)).thenThrows('taxonomy.province_only', 403);
  });

  it('refuses a code already taken, by an added city or by one of the province', () => {
    spec([wenzhouAdded])
      .when(addCity({ code: 'wenzhou', zh: '瓯海', province: '浙江省' }))
      .thenThrows('taxonomy.city_code_taken', 409);
    spec([])
      .when(addCity({ code: 'jinan', zh: '金南', province: '浙江省' }))
      .thenThrows('taxonomy.city_code_taken', 409);
  });

  it('refuses a name already in the platform', () => {
    spec([wenzhouAdded])
      .when(addCity({ code: 'wz', zh: '温州', province: '浙江省' }))
      .thenThrows('taxonomy.city_name_taken', 409);
    spec([])
      .when(addCity({ code: 'jinan2', zh: '济南', province: '浙江省' }))
      .thenThrows('taxonomy.city_name_taken', 409);
  });

  it.each([['Wenzhou'], ['温州'], ['wen-zhou'], ['9wenzhou'], ['w'], ['province']])(
    'refuses the code %s',
    (code) => {
      spec([])
        .when(addCity({ ...wenzhou, code }))
        .thenThrows('validation', 422);
    },
  );

  it.each([['温'], ['温州市'], ['Wenzhou'], ['温州1'], ['一二三四五六七八九十一']])(
    'refuses the name %s',
    (zh) => {
      spec([])
        .when(addCity({ ...wenzhou, zh }))
        .thenThrows('validation', 422);
    },
  );

  it('refuses a city of the province itself, and a province not written in Chinese', () => {
    spec([])
      .when(addCity({ ...wenzhou, province: '山东省' }))
      .thenThrows('validation', 422);
    spec([])
      .when(addCity({ ...wenzhou, province: 'Zhejiang' }))
      .thenThrows('validation', 422);
  });
});
