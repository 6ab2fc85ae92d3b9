import { AsyncLocalStorage } from 'node:async_hooks';
import type { MiddlewareHandler } from 'hono';
import { loadCityDirectory } from '../application/city-directory.js';
import { type Scope, scopeLabel } from '../domain/shared/scope.js';
import { type CityDirectory, provinceCityDirectory } from '../domain/taxonomy/city-directory.js';
import type { EventStore } from '../eventstore/port.js';
import type { WebEnv } from './env.js';

/**
 * The cities a page request may name: read once per request (one read of the stream's last event while
 * the directory is cached) and held for the request, so the many components and helpers that print a city
 * or offer a city select reach it without it being passed through every page.
 */
const requestCities = new AsyncLocalStorage<CityDirectory>();

export function cityDirectoryPerRequest(store: EventStore): MiddlewareHandler<WebEnv> {
  return async (_c, next) => requestCities.run(await loadCityDirectory(store), next);
}

/** The current request's directory; outside a request (a component rendered alone) the province's 16. */
export function currentCities(): CityDirectory {
  return requestCities.getStore() ?? provinceCityDirectory;
}

/** The city's Chinese name (温州), or the code when no city has it. */
export function cityLabel(code: string): string {
  return currentCities().label(code);
}

/** 全省, or the city's name with 市. */
export function scopeName(scope: Scope): string {
  return scopeLabel(scope, currentCities().cities);
}
