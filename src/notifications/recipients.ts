import { readEntity } from '../application/command-handler.js';
import { userDecider } from '../domain/user/decider.js';
import { userStream } from '../domain/user/stream.js';
import type { EventStore, RecordedEvent } from '../eventstore/port.js';
import { inParallel } from './in-parallel.js';
import type { NotificationDraft } from './notifier.js';

/**
 * Who belongs to which organization. No read model lists an organization's users, so the reactor keeps
 * its own: each UserRegistered with an organization adds the user to `notifier-members-<orgId>`. Users
 * are always registered before anything happens to their organization, and the reactor reads `$all` in
 * order, so the members are known by the time an event about the organization arrives.
 */
export const membersStream = (orgId: string) => `notifier-members-${orgId}`;

/** Users' streams read at once when a fan-out asks who of them is active. */
const USERS_AT_ONCE = 100;

export class Recipients {
  private readonly members = new Map<string, Set<string>>();

  constructor(private readonly store: EventStore) {}

  /** Records a new user's membership; a replayed registration adds nothing. */
  async learn(event: RecordedEvent): Promise<void> {
    if (event.type !== 'UserRegistered') return;
    const { userId, orgId } = event.data as { userId: string; orgId: string | null };
    if (!orgId) return;
    const members = await this.membersOf(orgId);
    if (members.has(userId)) return;
    await this.store.append(membersStream(orgId), [
      {
        type: 'MemberAdded',
        data: { userId },
        metadata: { causationId: event.id, at: event.time.toISOString() },
      },
    ]);
    members.add(userId);
  }

  /** The users a draft names and every member of the organizations it names, active ones only. */
  async resolve(recipients: NotificationDraft['recipients']): Promise<string[]> {
    return (await this.resolveEach([recipients]))[0]!;
  }

  /** `resolve` for several drafts at once: each user named by any of them is looked at once. */
  async resolveEach(drafts: NotificationDraft['recipients'][]): Promise<string[][]> {
    const named: Set<string>[] = [];
    for (const recipients of drafts) {
      const users = new Set(recipients.userIds ?? []);
      for (const orgId of new Set(recipients.orgIds ?? [])) {
        for (const userId of await this.membersOf(orgId)) users.add(userId);
      }
      named.push(users);
    }
    const active = new Set<string>();
    await inParallel([...new Set(named.flatMap((users) => [...users]))], USERS_AT_ONCE, async (userId) => {
      const { state } = await readEntity(this.store, userStream(userId), userDecider);
      if (state.status === 'active') active.add(userId);
    });
    return named.map((users) => [...users].filter((userId) => active.has(userId)));
  }

  private async membersOf(orgId: string): Promise<Set<string>> {
    let members = this.members.get(orgId);
    if (!members) {
      const recorded = await this.store.readStream(membersStream(orgId));
      members = new Set(recorded.map((e) => String(e.data.userId)));
      this.members.set(orgId, members);
    }
    return members;
  }
}
