import { type CityDirectory, cityDirectory } from '../domain/taxonomy/city-directory.js';
import { taxonomyCityDecider } from '../domain/taxonomy/decider.js';
import { addedCitiesStream } from '../domain/taxonomy/stream.js';
import type { EventStore } from '../eventstore/port.js';
import { readEntity } from './command-handler.js';

const cached = new WeakMap<EventStore, { revision: bigint | null; directory: CityDirectory }>();

/**
 * The cities a command may name now: the province's own and those added since. Read once per command;
 * the stream's last revision tells whether the directory built before is still current, so a command
 * costs one read of one event rather than a fold of the stream.
 */
export async function loadCityDirectory(store: EventStore): Promise<CityDirectory> {
  const [last] = await store.readStream(addedCitiesStream(), {
    direction: 'backwards',
    fromRevision: 'end',
    maxCount: 1,
  });
  const revision = last?.revision ?? null;
  const known = cached.get(store);
  if (known && known.revision === revision) return known.directory;
  const { state, revision: read } = await readEntity(store, addedCitiesStream(), taxonomyCityDecider);
  const directory = cityDirectory(state.cities);
  cached.set(store, { revision: read, directory });
  return directory;
}
