import { pino } from 'pino';
import type { AppDeps, RequestContext } from '../../../src/application/deps.js';
import { registerOrganization, verifyOrganization } from '../../../src/application/organization-service.js';
import { currentPolicyVersions } from '../../../src/application/policies/policies.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { uuidv7 } from '../../../src/domain/shared/ids.js';
import { usccCheckCharacter } from '../../../src/domain/shared/uscc.js';
import { type EventStore, WrongExpectedVersionError } from '../../../src/eventstore/port.js';
import { openSqliteEventStore } from '../../../src/eventstore/sqlite/sqlite-event-store.js';

/**
 * Application services on a real SQLite event store (in memory), with a clock the test moves and a store
 * that counts the appends it refused for a stale revision, so race tests can show a race took place.
 */
export const START = new Date('2025-03-01T02:00:00.000Z');
export const PASSWORD = 'Secret123';

export interface ServiceWorld {
  deps: AppDeps;
  store: EventStore;
  conflicts: () => number;
  advance: (ms: number) => void;
  close: () => Promise<void>;
}

export function openWorld(): ServiceWorld {
  const raw = openSqliteEventStore({ path: ':memory:', synchronous: 'NORMAL' });
  let conflicts = 0;
  const store: EventStore = {
    ...raw,
    async append(stream, events, options) {
      try {
        return await raw.append(stream, events, options);
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) conflicts++;
        throw error;
      }
    },
  };
  let now = START.getTime();
  const clock = () => new Date(now);
  return {
    deps: { store, clock, newId: () => uuidv7(now), logger: pino({ level: 'silent' }) },
    store,
    conflicts: () => conflicts,
    advance: (ms) => {
      now += ms;
    },
    close: () => raw.close(),
  };
}

export function contextOf(actor: Actor, expectedRevision?: bigint): RequestContext {
  return { actor, correlationId: 'test', ...(expectedRevision === undefined ? {} : { expectedRevision }) };
}

export const anonymous = contextOf({ userId: null, orgId: null, role: 'anonymous' });
export const staffContext = contextOf({
  userId: '0195a0c0-0000-7000-8000-0000000005a0',
  orgId: null,
  role: 'staff',
});

let usccCounter = 0;
/** A USCC with a correct check character, different on every call. */
export function nextUscc(): string {
  usccCounter += 1;
  const first17 = `91370100MA${String(usccCounter).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
}

let nameCounter = 0;
export function nextUsername(prefix = 'user'): string {
  nameCounter += 1;
  return `${prefix}${nameCounter}`;
}

export const contact = { name: '李主任', phone: '0531-88881234', email: 'li@example.cn' };

export function registration(kind: 'demander' | 'vendor', overrides: Record<string, unknown> = {}) {
  return {
    name: kind === 'demander' ? '济南某汽车零部件有限公司' : '青岛某软件科技有限公司',
    uscc: nextUscc(),
    kind,
    city: 'jinan',
    contact,
    admin: { username: nextUsername(kind), password: PASSWORD },
    accepted: currentPolicyVersions(),
    ...overrides,
  };
}

/** Registers an organization and verifies it (unless told not to); returns its admin's request context. */
export async function organizationMember(
  world: ServiceWorld,
  kind: 'demander' | 'vendor',
  options: { verified?: boolean } = {},
): Promise<RequestContext & { orgId: string }> {
  const { org, user } = await registerOrganization(world.deps, anonymous, registration(kind));
  if (options.verified !== false) await verifyOrganization(world.deps, staffContext, org.id);
  return { ...contextOf({ userId: user.id, orgId: org.id, role: kind }), orgId: org.id };
}
