import { readEntity } from '../application/command-handler.js';
import { eventLabel } from '../application/history/event-labels.js';
import { actorOf, occurredAt, personOf } from '../application/history/people.js';
import type { HistoryKind } from '../application/history/subjects.js';
import type { Role } from '../domain/shared/actor.js';
import { userDecider } from '../domain/user/decider.js';
import { userStream } from '../domain/user/stream.js';
import type { EventStore } from '../eventstore/port.js';
import { type Projection, type ProjectionContext, streamId } from './projection.js';

export type ActivityKind = HistoryKind | 'user';

/**
 * One event of an entity as the staff's recent-activity list shows it: what happened to which entity, who
 * did it (named when it was projected) and when. `position` orders the list newest first.
 */
export type ActivityDocument = {
  id: string;
  /** The event's revision in its stream: an event's document never changes once written. */
  revision: number;
  position: number;
  kind: ActivityKind;
  entityId: string;
  title: string;
  type: string;
  what: string;
  at: string;
  userId: string | null;
  who: string;
  orgId: string | null;
  orgName: string;
  role: Role | 'anonymous';
};

const PREFIXES: ReadonlyArray<readonly [prefix: string, kind: ActivityKind]> = [
  ['need-', 'need'],
  ['solution-', 'solution'],
  ['org-', 'org'],
  ['engagement-', 'engagement'],
  ['campaign-', 'campaign'],
  ['match-round-', 'match-round'],
  ['case-', 'case'],
  ['user-', 'user'],
];

/** A round reports progress every few needs: that is a progress bar, not activity. */
const NOT_ACTIVITY = new Set(['MatchRoundProgressed']);

function entityOf(stream: string): { kind: ActivityKind; id: string } | null {
  for (const [prefix, kind] of PREFIXES) {
    const id = streamId(stream, prefix);
    if (id) return { kind, id };
  }
  return null;
}

/** Document ids name the event by stream and revision (Meilisearch takes `-` and `_` in ids). */
const activityId = (stream: string, revision: bigint) => `${stream}_${revision}`;

function parseActivityId(id: string): { stream: string; revision: bigint } | null {
  const at = id.lastIndexOf('_');
  const revision = id.slice(at + 1);
  return at > 0 && /^\d+$/.test(revision) ? { stream: id.slice(0, at), revision: BigInt(revision) } : null;
}

/** Usernames never change, so a name once read is kept (bounded, as a projector runs for months). */
const USERNAMES_KEPT = 10_000;
const usernames = new Map<string, string | null>();

async function username(store: EventStore, userId: string): Promise<string | null> {
  if (usernames.has(userId)) return usernames.get(userId) ?? null;
  const user = await readEntity(store, userStream(userId), userDecider);
  const name = user.revision === null ? null : user.state.username;
  if (usernames.size >= USERNAMES_KEPT) usernames.clear();
  if (name !== null) usernames.set(userId, name);
  return name;
}

async function titleOf(kind: ActivityKind, id: string, ctx: ProjectionContext): Promise<string> {
  switch (kind) {
    case 'need':
      return (await ctx.entities.need(id))?.state.title ?? '';
    case 'solution':
      return (await ctx.entities.solution(id))?.state.title ?? '';
    case 'org':
      return (await ctx.entities.organization(id))?.state.name ?? '';
    case 'campaign':
      return (await ctx.entities.campaign(id))?.state.title ?? '';
    case 'case':
      return (await ctx.entities.case(id))?.state.title ?? '';
    case 'engagement': {
      const engagement = await ctx.entities.engagement(id);
      const need = engagement && (await ctx.entities.need(engagement.state.needId));
      return need ? need.state.title : '';
    }
    case 'match-round': {
      const round = await ctx.entities.matchRound(id);
      const campaign = round && (await ctx.entities.campaign(round.state.campaignId));
      return campaign ? campaign.state.title : '';
    }
    case 'user':
      return (await username(ctx.store, id)) ?? '';
  }
}

/**
 * The staff's recent activity across the platform: one document per event of an entity's stream, so the
 * list pages, filters (who, what kind, when) and counts through the index instead of scanning `$all`.
 */
export const activityProjection: Projection = {
  index: 'activity',
  streamPrefixes: PREFIXES.map(([prefix]) => prefix),
  async affected(event) {
    if (NOT_ACTIVITY.has(event.type) || !entityOf(event.stream)) return [];
    return [activityId(event.stream, event.revision)];
  },
  async build(id, ctx): Promise<ActivityDocument | null> {
    const ref = parseActivityId(id);
    const entity = ref && entityOf(ref.stream);
    if (!ref || !entity) return null;
    const [event] = await ctx.store.readStream(ref.stream, { fromRevision: ref.revision, maxCount: 1 });
    if (!event || event.revision !== ref.revision) return null;
    const actor = actorOf(event.metadata);
    const org = actor.orgId ? await ctx.entities.organization(actor.orgId) : null;
    const who = personOf(
      actor,
      actor.userId ? await username(ctx.store, actor.userId) : null,
      org?.state.name ?? null,
    );
    return {
      id,
      revision: Number(event.revision),
      position: Number(event.position),
      kind: entity.kind,
      entityId: entity.id,
      title: await titleOf(entity.kind, entity.id, ctx),
      type: event.type,
      what: eventLabel(event.type),
      at: occurredAt(event),
      userId: who.userId,
      who: who.name,
      orgId: who.orgId,
      orgName: who.orgName,
      role: who.role,
    };
  },
};
