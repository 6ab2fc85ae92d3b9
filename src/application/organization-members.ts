import { userDecider } from '../domain/user/decider.js';
import { userStream } from '../domain/user/stream.js';
import { readEntity } from './command-handler.js';
import type { AppDeps } from './deps.js';

const PAGE = 1000;

/**
 * The accounts of an organization still active (not disabled, not cancelled). No read model lists an
 * organization's accounts, so this reads the log for their registrations: a full pass, fine for what asks
 * (注销, a few times a day at most); a members index is the way if anything frequent needs it.
 */
export async function activeMembersOf(deps: AppDeps, orgId: string): Promise<string[]> {
  const members: string[] = [];
  let from: bigint | 'start' = 'start';
  for (;;) {
    const page = await deps.store.readAll({ fromPosition: from, maxCount: PAGE });
    for (const event of page) {
      if (event.type === 'UserRegistered' && event.data.orgId === orgId)
        members.push(String(event.data.userId));
    }
    const last = page.at(-1);
    if (page.length < PAGE || !last) break;
    from = last.position + 1n;
  }
  const active: string[] = [];
  for (const userId of members) {
    const { state } = await readEntity(deps.store, userStream(userId), userDecider);
    if (state.status === 'active') active.push(userId);
  }
  return active;
}
