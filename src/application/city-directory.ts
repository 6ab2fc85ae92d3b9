import { z } from 'zod';
import {
  type CityDirectory,
  cityCode,
  cityCodes,
  cityDirectory,
  scopeOf,
} from '../domain/taxonomy/city-directory.js';
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

/** Runs `check` (a schema over the directory) on the value, adding its issues to the field's own. */
function againstDirectory<T>(store: EventStore, check: (directory: CityDirectory) => z.ZodType<T>) {
  return async (value: T, ctx: z.RefinementCtx) => {
    const result = check(await loadCityDirectory(store)).safeParse(value);
    for (const issue of result.error?.issues ?? []) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    }
  };
}

/**
 * The city fields as the API's routes check them: against the cities known when the request comes (an
 * asynchronous check, so that a bad city is named beside every other bad field of the same body). The
 * OpenAPI document cannot list the codes, which province staff may add to; it points to the taxonomy.
 */
export function cityFieldsAtDoor(store: EventStore) {
  return {
    city: z
      .string({ error: '请选择城市' })
      .superRefine(againstDirectory(store, cityCode))
      .meta({ description: '城市代码（含省外新增城市），代码与中文名称见 GET /api/v1/taxonomy' }),
    cities: z
      .array(z.string(), { error: '城市须为列表' })
      .superRefine(againstDirectory(store, cityCodes))
      .meta({ description: '城市代码列表，代码见 GET /api/v1/taxonomy；* 表示全省' }),
    scope: z
      .string({ error: '请选择范围：全省或一个地市' })
      .superRefine(againstDirectory(store, scopeOf))
      .meta({
        description: '范围：province 为全省，或一个地市代码（含省外新增城市，见 GET /api/v1/taxonomy）',
      }),
  };
}
