import type { SecurityRecord } from '../domain/security-log/events.js';
import type { SecurityEventKind } from '../domain/security-log/kinds.js';
import { securityEventLabels } from '../domain/security-log/kinds.js';
import { SECURITY_LOG_PREFIX } from '../domain/security-log/stream.js';
import type { Projection } from './projection.js';

/** One line of the security log as the auditor's list and export show it; `position` orders it newest first. */
export type SecurityLogDocument = {
  id: string;
  /** The line's revision in its day stream: a line's document never changes once written. */
  revision: number;
  position: number;
  kind: SecurityEventKind;
  /** The kind in Chinese (登录失败 …), searchable and shown as it is. */
  label: string;
  userId: string | null;
  username: string | null;
  ip: string | null;
  userAgent: string | null;
  at: string;
  detail: string | null;
  subjectId: string | null;
};

/** Document ids name the line by stream and revision (Meilisearch takes `-` and `_` in ids). */
const lineId = (stream: string, revision: bigint) => `${stream}_${revision}`;

function parseLineId(id: string): { stream: string; revision: bigint } | null {
  const at = id.lastIndexOf('_');
  const revision = id.slice(at + 1);
  const stream = id.slice(0, Math.max(at, 0));
  return at > 0 && stream.startsWith(SECURITY_LOG_PREFIX) && /^\d+$/.test(revision)
    ? { stream, revision: BigInt(revision) }
    : null;
}

/**
 * The security log (审计): one document per recorded line of the day streams, written once and never
 * changed, so the auditor filters by kind, user and time through the index instead of reading every day.
 */
export const securityLogProjection: Projection = {
  index: 'security_log',
  streamPrefixes: [SECURITY_LOG_PREFIX],
  async affected(event) {
    if (event.type !== 'SecurityEventRecorded' || !event.stream.startsWith(SECURITY_LOG_PREFIX)) return [];
    return [lineId(event.stream, event.revision)];
  },
  async build(id, ctx): Promise<SecurityLogDocument | null> {
    const ref = parseLineId(id);
    if (!ref) return null;
    const [event] = await ctx.store.readStream(ref.stream, { fromRevision: ref.revision, maxCount: 1 });
    if (!event || event.revision !== ref.revision || event.type !== 'SecurityEventRecorded') return null;
    // Written only by recordSecurityEvent (src/application/security-log.ts), in this shape.
    const data = event.data as SecurityRecord;
    return {
      id,
      revision: Number(event.revision),
      position: Number(event.position),
      kind: data.kind,
      label: securityEventLabels[data.kind] ?? '其他安全事件',
      userId: data.userId,
      username: data.username,
      ip: data.ip,
      userAgent: data.userAgent,
      at: data.at,
      detail: data.detail ?? null,
      subjectId: data.subjectId ?? null,
    };
  },
};
