import { describe, expect, it } from 'vitest';
import { type Account, cachedActorLookup } from '../../../src/http/auth/authenticate.js';

const USER = 'u-1';
const actor = { userId: USER, orgId: 'o-1', role: 'vendor' as const };
const token = { userId: USER, sessionId: 's-1', issuedAt: new Date('2025-03-01T02:00:00.000Z') };

/** The account as the store holds it; a change here stands for a write by another process. */
function store() {
  let account: Account = { actor, revocations: { tokensValidAfter: null, signedOutSessions: {} } };
  let reads = 0;
  return {
    lookup: async () => {
      reads += 1;
      return account;
    },
    signOutElsewhere() {
      account = {
        ...account,
        revocations: { ...account.revocations, signedOutSessions: { 's-1': '2025-03-01T10:00:00.000Z' } },
      };
    },
    reads: () => reads,
  };
}

describe('cached actor lookup', () => {
  it('reads a user once within the cache time, and sees another process’s revocation once it lapses', async () => {
    let now = 0;
    const accounts = store();
    const actors = cachedActorLookup(accounts.lookup, { ttlMs: 5000, now: () => now });
    expect(await actors.actorOf(token)).toEqual(actor);
    accounts.signOutElsewhere();
    now = 4999;
    expect(await actors.actorOf(token)).toEqual(actor);
    expect(accounts.reads()).toBe(1);
    now = 5000;
    expect(await actors.actorOf(token)).toBeNull();
  });

  it('sees a revocation made in this process at once, once told to forget the user', async () => {
    const accounts = store();
    const actors = cachedActorLookup(accounts.lookup, { ttlMs: 5000, now: () => 0 });
    expect(await actors.actorOf(token)).toEqual(actor);
    accounts.signOutElsewhere();
    actors.forget(USER);
    expect(await actors.actorOf(token)).toBeNull();
  });

  it('checks each token against the cached account: a revoked one is refused, another is not', async () => {
    const accounts = store();
    accounts.signOutElsewhere();
    const actors = cachedActorLookup(accounts.lookup);
    expect(await actors.actorOf(token)).toBeNull();
    expect(await actors.actorOf({ ...token, sessionId: 's-2' })).toEqual(actor);
    expect(accounts.reads()).toBe(1);
  });
});
