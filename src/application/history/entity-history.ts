import type { Actor } from '../../domain/shared/actor.js';
import { NotFoundError } from '../../domain/shared/errors.js';
import type { RecordedEvent } from '../../eventstore/port.js';
import type { AppDeps } from '../deps.js';
import { type Change, changesOf } from './changes.js';
import { eventLabel } from './event-labels.js';
import { historyError } from './messages.js';
import { actorOf, occurredAt, type PeopleDirectory, type Person, peopleDirectory } from './people.js';
import { type HistoryKind, kindLabels, subjects } from './subjects.js';

/** One thing that happened to an entity: what, who (by name and organization), when, and what changed. */
export interface HistoryEntry {
  revision: number;
  /** The stored event type, for those who read the raw stream too. */
  type: string;
  what: string;
  at: string;
  who: Person;
  changes: Change[];
}

export interface EntityHistory {
  kind: HistoryKind;
  kindLabel: string;
  id: string;
  title: string;
  entries: HistoryEntry[];
  /** The revision the next page starts from; null on the last page. */
  next: number | null;
}

export const HISTORY_PAGE = 200;

const entityNames: Record<HistoryKind, string> = {
  need: 'need',
  solution: 'solution',
  org: 'organization',
  engagement: 'engagement',
  campaign: 'campaign',
  'match-round': 'matchRound',
  case: 'case',
};

export async function historyEntry(event: RecordedEvent, people: PeopleDirectory): Promise<HistoryEntry> {
  return {
    revision: Number(event.revision),
    type: event.type,
    what: eventLabel(event.type),
    at: occurredAt(event),
    who: await people.person(actorOf(event.metadata)),
    changes: changesOf(event.data),
  };
}

/**
 * The history of one entity in Chinese, oldest first, page by page. Staff read every history; an
 * organization reads the history of what is its own (its needs, solutions, its profile, the engagements
 * and cases it is a party to); campaigns and match rounds are the platform's and only staff read them.
 */
export async function entityHistory(
  deps: AppDeps,
  actor: Actor,
  kind: HistoryKind,
  id: string,
  page: { from?: number; limit?: number } = {},
): Promise<EntityHistory> {
  const staff = actor.role === 'staff';
  if (subjects[kind].staffOnly && !staff) throw historyError('history.forbidden');
  const subject = await subjects[kind].subject(deps.store, id);
  if (!subject) throw new NotFoundError(entityNames[kind], id);
  const mayRead = staff || (actor.orgId !== null && subject.owners.includes(actor.orgId));
  if (!mayRead) throw historyError('history.forbidden');
  const from = page.from ?? 0;
  const limit = page.limit ?? HISTORY_PAGE;
  const events = await deps.store.readStream(subjects[kind].stream(id), {
    fromRevision: BigInt(from),
    maxCount: limit + 1,
  });
  const people = peopleDirectory(deps.store);
  const entries = await Promise.all(events.slice(0, limit).map((event) => historyEntry(event, people)));
  return {
    kind,
    kindLabel: kindLabels[kind],
    id,
    title: subject.title,
    entries,
    next: events.length > limit ? from + limit : null,
  };
}
