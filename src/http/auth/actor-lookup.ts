import type { AppDeps } from '../../application/deps.js';
import { getOrganization } from '../../application/organization-service.js';
import { getAccount } from '../../application/user-service.js';
import { NotFoundError } from '../../domain/shared/errors.js';
import type { Account, AccountLookup } from './authenticate.js';

/**
 * A token's user as the streams say now: a disabled or unknown user, or one whose organization is
 * suspended, has no account (the same rule as signing in); the account names the tokens the user revoked.
 */
export function userActorLookup(deps: AppDeps): AccountLookup {
  return async (userId): Promise<Account | null> => {
    try {
      const { user, revocations } = await getAccount(deps, userId);
      if (user.status !== 'active') return null;
      if (user.orgId && (await getOrganization(deps, user.orgId)).state.status === 'suspended') return null;
      return { actor: { userId: user.id, orgId: user.orgId, role: user.role }, revocations };
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  };
}
