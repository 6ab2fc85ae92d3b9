import type { DomainEvent } from '../shared/decider.js';

/** Province staff added a city outside the province; `province` names the province it belongs to. */
export type CityAdded = DomainEvent<'CityAdded', { code: string; zh: string; province: string; at: string }>;

export type TaxonomyCityEvent = CityAdded;
