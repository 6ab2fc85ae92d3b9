import type { Need } from '../domain/need/state.js';
import type { RecordSecurityEvent } from '../domain/security-log/commands.js';
import { securityLogDecider } from '../domain/security-log/decider.js';
import type { SecurityEventKind } from '../domain/security-log/kinds.js';
import { SECURITY_LOG_PREFIX, securityLogStream } from '../domain/security-log/stream.js';
import { userDecider } from '../domain/user/decider.js';
import { userStream } from '../domain/user/stream.js';
import { readEntity } from './command-handler.js';
import type { AppDeps, RequestContext } from './deps.js';
import { eventMetadata } from './deps.js';
import { requireDuty } from './staff-duties.js';

/** What a record is about beyond who asks: by default the signed-in actor is the user recorded. */
export interface SecurityEventAbout {
  userId?: string | null;
  /** The username tried, when no account answers to it; otherwise read from the account. */
  username?: string | null;
  detail?: string;
  subjectId?: string;
}

async function usernameOf(deps: AppDeps, userId: string): Promise<string | null> {
  const user = await readEntity(deps.store, userStream(userId), userDecider);
  return user.revision === null ? null : user.state.username;
}

/**
 * Appends one line to the security log (append-only, one stream per Beijing day, at any revision so that
 * concurrent records never conflict). It is awaited before the response: an action whose record cannot
 * be written fails with the store's error instead of going unrecorded (a sign-in then issues no token).
 */
export async function recordSecurityEvent(
  deps: AppDeps,
  ctx: RequestContext,
  kind: SecurityEventKind,
  about: SecurityEventAbout = {},
): Promise<void> {
  const now = deps.clock();
  const userId = about.userId === undefined ? ctx.actor.userId : about.userId;
  const username = about.username ?? (userId ? await usernameOf(deps, userId) : null);
  const command: RecordSecurityEvent = {
    type: 'RecordSecurityEvent',
    data: {
      kind,
      userId,
      username,
      ip: ctx.client?.ip ?? null,
      userAgent: ctx.client?.userAgent ?? null,
      ...(about.detail === undefined ? {} : { detail: about.detail }),
      ...(about.subjectId === undefined ? {} : { subjectId: about.subjectId }),
    },
    context: { actor: ctx.actor, now },
  };
  const events = securityLogDecider.decide(command, securityLogDecider.initialState());
  await deps.store.append(
    securityLogStream(now),
    events.map((event) => ({ type: event.type, data: event.data, metadata: eventMetadata(ctx, now) })),
    { expectedRevision: 'any' },
  );
}

/**
 * A need was shown with its demander's contact: recorded unless the reader is of the demander's own
 * organization. Called where a need is shown to a reader (GET /api/v1/needs/{id}, the need and
 * engagement pages), with the need as that reader may see it.
 */
export async function recordContactViewed(
  deps: AppDeps,
  ctx: RequestContext,
  need: Pick<Need, 'id' | 'orgId' | 'title'> & { contact?: unknown },
): Promise<void> {
  if (need.contact === undefined || ctx.actor.orgId === need.orgId) return;
  await recordSecurityEvent(deps, ctx, 'contact_viewed', { subjectId: need.id, detail: need.title });
}

/** An export was handed out: the file's name says what was in it. */
export function recordExport(deps: AppDeps, ctx: RequestContext, filename: string): Promise<void> {
  return recordSecurityEvent(deps, ctx, 'data_exported', { detail: filename });
}

/**
 * The raw streams of the log are the 审计管理员's like the log itself: staff reading any stream
 * (GET /api/v1/streams/{stream}/events) may not read these without the duty.
 */
export async function assertMayReadStream(deps: AppDeps, ctx: RequestContext, stream: string): Promise<void> {
  if (stream.startsWith(SECURITY_LOG_PREFIX)) await requireDuty(deps, ctx, 'audit');
}
