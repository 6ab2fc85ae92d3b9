import type { AppDeps } from '../../application/deps.js';
import { getOrganization } from '../../application/organization-service.js';
import { getUser } from '../../application/user-service.js';
import type { Actor } from '../../domain/shared/actor.js';
import { NotFoundError } from '../../domain/shared/errors.js';
import type { ActorLookup } from './authenticate.js';

/**
 * A token's user as the streams say now: a disabled or unknown user, or one whose organization is
 * suspended, has no actor (the same rule as signing in).
 */
export function userActorLookup(deps: AppDeps): ActorLookup {
  return async (userId): Promise<Actor | null> => {
    try {
      const { state } = await getUser(deps, userId);
      if (state.status !== 'active') return null;
      if (state.orgId && (await getOrganization(deps, state.orgId)).state.status === 'suspended') return null;
      return { userId: state.id, orgId: state.orgId, role: state.role };
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  };
}
