import { organizationDecider } from '../../domain/organization/decider.js';
import { organizationStream } from '../../domain/organization/stream.js';
import type { Actor } from '../../domain/shared/actor.js';
import { userDecider } from '../../domain/user/decider.js';
import { userStream } from '../../domain/user/stream.js';
import type { EventStore, JsonObject, RecordedEvent } from '../../eventstore/port.js';
import { readEntity } from '../command-handler.js';

/** Who did something, by name and organization, as a reader of the history needs it. */
export interface Person {
  userId: string | null;
  /** The account's username; the platform itself when no user acted (a scheduled expiry, the start-up). */
  name: string;
  orgId: string | null;
  /** The organization's name; 平台 for staff. */
  orgName: string;
  role: Actor['role'];
}

const ROLE_NAMES: Record<Actor['role'], string> = {
  staff: '平台工作人员',
  demander: '需求方',
  vendor: '服务商',
  expert: '评审专家',
  anonymous: '访客',
};

/** When it happened: the command's own clock (metadata `at`), else the time the store wrote it. */
export function occurredAt(event: RecordedEvent): string {
  const at = event.metadata.at;
  return typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? at : event.time.toISOString();
}

export function actorOf(metadata: JsonObject): Actor {
  const actor = metadata.actor as Partial<Actor> | undefined;
  return {
    userId: typeof actor?.userId === 'string' ? actor.userId : null,
    orgId: typeof actor?.orgId === 'string' ? actor.orgId : null,
    role: actor?.role ?? 'anonymous',
  };
}

/** A person from the names found for the actor (null when the account or organization is unknown). */
export function personOf(actor: Actor, name: string | null, orgName: string | null): Person {
  return {
    userId: actor.userId,
    name: name ?? (actor.userId ? ROLE_NAMES[actor.role] : '系统'),
    orgId: actor.orgId,
    orgName: orgName ?? (actor.role === 'staff' ? '平台' : '—'),
    role: actor.role,
  };
}

/**
 * Names the people behind events, reading each user's and organization's stream once: a history of a
 * hundred events by three people reads three users and two organizations.
 */
export function peopleDirectory(store: EventStore) {
  const users = new Map<string, Promise<string | null>>();
  const orgs = new Map<string, Promise<string | null>>();
  const once = (
    cache: Map<string, Promise<string | null>>,
    key: string,
    read: () => Promise<string | null>,
  ) => {
    let found = cache.get(key);
    if (!found) {
      found = read();
      cache.set(key, found);
    }
    return found;
  };
  const userName = (id: string) =>
    once(users, id, async () => {
      const user = await readEntity(store, userStream(id), userDecider);
      return user.revision === null ? null : user.state.username;
    });
  const orgName = (id: string) =>
    once(orgs, id, async () => {
      const org = await readEntity(store, organizationStream(id), organizationDecider);
      return org.revision === null ? null : org.state.name;
    });

  return {
    orgName,
    async person(actor: Actor): Promise<Person> {
      const name = actor.userId ? await userName(actor.userId) : null;
      const org = actor.orgId ? await orgName(actor.orgId) : null;
      return personOf(actor, name, org);
    },
  };
}
export type PeopleDirectory = ReturnType<typeof peopleDirectory>;
