import { organizationStream } from '../domain/organization/stream.js';
import { ValidationError } from '../domain/shared/errors.js';
import { parseInput } from '../domain/shared/validation.js';
import { newExpertSchema } from '../domain/user/expert.js';
import type { UserView } from '../domain/user/state.js';
import type { AppDeps, RequestContext } from './deps.js';
import type { CommandResult } from './entity-result.js';
import { hashPassword } from './password.js';
import { releaseQuietly, reserve, streamExists } from './reservations.js';
import { requireDuty } from './staff-duties.js';
import { runUserCommand, usernameTarget } from './user-service.js';

export const expertMessages = { unknownAffiliation: '未找到所属机构，请填写已注册机构的编号' };

/**
 * POST /api/v1/experts: a 系统管理员 (province or city) makes an evaluation expert's account. Like a staff
 * account: the username reserved first, the password set by someone else and changed at first sign-in.
 */
export async function addExpertAccount(
  deps: AppDeps,
  ctx: RequestContext,
  input: unknown,
): Promise<CommandResult<UserView>> {
  const { username, password, name, technologies, affiliation } = parseInput(newExpertSchema, input);
  await requireDuty(deps, ctx, 'accounts', '创建评审专家账号');
  if (affiliation && !(await streamExists(deps.store, organizationStream(affiliation))))
    throw new ValidationError([{ path: 'affiliation', message: expertMessages.unknownAffiliation }]);
  const target = usernameTarget(username);
  const userId = deps.newId();
  const passwordHash = await hashPassword(password);
  await reserve(deps, ctx, target, userId);
  try {
    const created = await runUserCommand(deps, ctx, userId, (now) => ({
      type: 'RegisterUser',
      data: {
        userId,
        username,
        passwordHash,
        role: 'expert',
        orgId: null,
        name,
        expertise: { technologies, affiliation: affiliation ?? null },
        mustChangePassword: true,
      },
      context: { actor: ctx.actor, now },
    }));
    deps.logger.info({ userId, affiliated: affiliation !== undefined }, 'expert account created');
    return created;
  } catch (error) {
    await releaseQuietly(deps, ctx, target, userId);
    throw error;
  }
}
