import type { Decider } from '../shared/decider.js';
import { PROVINCE } from '../shared/scope.js';
import { cities } from '../shared/taxonomy.js';
import { parseInput } from '../shared/validation.js';
import { type AddCity, addCityInput, type TaxonomyCityCommand } from './commands.js';
import type { TaxonomyCityEvent } from './events.js';
import { taxonomyCityError } from './messages.js';
import type { AddedCities } from './state.js';

/**
 * A code names one city for good (it is stored on organizations, listings and scopes), so it is unique
 * against the province's own cities and every city added before; so is the Chinese name, which is how
 * people tell cities apart on the forms.
 */
function addCity({ data, context }: AddCity, state: AddedCities): TaxonomyCityEvent[] {
  if (data.staffScope !== PROVINCE) throw taxonomyCityError('taxonomy.province_only');
  const { code, zh, province } = parseInput(addCityInput, data.input);
  const known = [...cities, ...state.cities];
  if (known.some((city) => city.code === code)) throw taxonomyCityError('taxonomy.city_code_taken', { code });
  if (known.some((city) => city.zh === zh)) throw taxonomyCityError('taxonomy.city_name_taken', { zh });
  return [{ type: 'CityAdded', data: { code, zh, province, at: context.now.toISOString() } }];
}

function decide(command: TaxonomyCityCommand, state: AddedCities): TaxonomyCityEvent[] {
  return addCity(command, state);
}

function evolve(state: AddedCities, event: TaxonomyCityEvent): AddedCities {
  const { at, ...city } = event.data;
  return { cities: [...state.cities, { ...city, addedAt: at }] };
}

function initialState(): AddedCities {
  return { cities: [] };
}

export const taxonomyCityDecider: Decider<AddedCities, TaxonomyCityCommand, TaxonomyCityEvent> = {
  decide,
  evolve,
  initialState,
};
