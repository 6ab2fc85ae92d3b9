import { pino } from 'pino';
import type { AppDeps, RequestContext } from '../../../src/application/deps.js';
import { registerOrganization, verifyOrganization } from '../../../src/application/organization-service.js';
import { currentPolicyVersions } from '../../../src/application/policies/policies.js';
import { uuidv7 } from '../../../src/domain/shared/ids.js';
import { usccCheckCharacter } from '../../../src/domain/shared/uscc.js';
import type { EventStore } from '../../../src/eventstore/port.js';
import { openSqliteEventStore } from '../../../src/eventstore/sqlite/sqlite-event-store.js';

/** Application services on an in-memory SQLite store, with a clock the test moves. */
export const START = new Date('2025-03-01T02:00:00.000Z');

export const staff: RequestContext = {
  actor: { userId: '01950000-0000-7000-8000-000000000001', orgId: null, role: 'staff' },
  correlationId: 'test',
};

export type World = Awaited<ReturnType<typeof createWorld>>;

let orgCounter = 0;

/**
 * A world whose store starts as a copy of `template`'s (up to `through`): registering organizations costs a
 * password hash each, copying their events does not.
 */
export async function cloneWorld(template: World, options: { through?: bigint } = {}): Promise<World> {
  const world = createWorld();
  const events = await template.store.readAll();
  for (const event of events) {
    if (options.through !== undefined && event.position > options.through) break;
    const { type, data, metadata } = event;
    await world.store.append(event.stream, [{ type, data, metadata }], {
      expectedRevision: event.revision === 0n ? 'no_stream' : event.revision - 1n,
    });
  }
  return world;
}

export function createWorld() {
  const store = openSqliteEventStore({ path: ':memory:', synchronous: 'NORMAL' });
  let now = START.getTime();
  const deps: AppDeps = {
    store,
    clock: () => new Date(now),
    newId: () => uuidv7(now),
    logger: pino({ level: 'silent' }),
  };
  return {
    store,
    deps,
    advance(ms: number) {
      now += ms;
    },
    /** A verified organization, as registration and review leave it. */
    async verifiedOrg(name: string, kind: 'demander' | 'vendor', city = 'jinan') {
      orgCounter += 1;
      const first17 = `91370100MA${String(orgCounter + process.pid * 100)
        .padStart(7, '0')
        .slice(-7)}`;
      const { org } = await registerOrganization(
        deps,
        { actor: { userId: null, orgId: null, role: 'anonymous' }, correlationId: 't' },
        {
          name,
          uscc: first17 + usccCheckCharacter(first17),
          kind,
          city,
          contact: { name: '王伟', phone: '13800000000', email: 'wangwei@example.com' },
          admin: { username: `user${orgCounter}x${process.pid}`, password: 'Secret123pass' },
          accepted: currentPolicyVersions(),
        },
      );
      await verifyOrganization(deps, staff, org.id);
      return org.id;
    },
    close: () => store.close(),
  };
}

/** The store, failing every append after the first `appends`, as a crashed disk or process would. */
export function failingAfter(store: EventStore, appends: number): EventStore {
  let left = appends;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'append') {
        return (...args: Parameters<EventStore['append']>) => {
          if (left-- <= 0) return Promise.reject(new Error('disk gone'));
          return target.append(...args);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
