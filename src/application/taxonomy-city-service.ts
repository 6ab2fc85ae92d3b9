import type { AddCityInput } from '../domain/taxonomy/commands.js';
import { taxonomyCityDecider } from '../domain/taxonomy/decider.js';
import type { AddedCity } from '../domain/taxonomy/state.js';
import { addedCitiesStream } from '../domain/taxonomy/stream.js';
import { handleCommand } from './command-handler.js';
import { type AppDeps, eventMetadata, type RequestContext } from './deps.js';
import { staffScopeOf } from './staff-scope.js';

/** POST /api/v1/taxonomy/cities: province staff add a city outside the province (百城牵手). */
export async function addCity(deps: AppDeps, ctx: RequestContext, input: AddCityInput): Promise<AddedCity> {
  const now = deps.clock();
  const staffScope = await staffScopeOf(deps, ctx.actor);
  const { state } = await handleCommand(
    deps.store,
    addedCitiesStream(),
    taxonomyCityDecider,
    { type: 'AddCity', data: { input, staffScope }, context: { actor: ctx.actor, now } },
    { metadata: eventMetadata(ctx, now) },
  );
  const added = state.cities.at(-1);
  if (!added) throw new Error('AddCity recorded no city');
  return added;
}
