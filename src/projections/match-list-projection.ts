/**
 * What the two match-list projections share: the match lists of the search index they write (one per
 * process), which events move which listings, and the rescoring pass each runs after corpus statistics were
 * recomputed.
 */
import { setImmediate } from 'node:timers/promises';
import type { RecordedEvent } from '../eventstore/port.js';
import { createLogger } from '../logger.js';
import { type MatchLists, matchListsOf } from '../matching/match-lists.js';
import type { SearchDocument } from '../search/port.js';
import { demanderNeedIds, STANDING_EVENTS, vendorSolutionIds } from './organization-listings.js';
import type { ProjectionContext } from './projection.js';
import { streamId } from './projection.js';

/** Events after which a listing enters, leaves or changes its corpus (and may enter or leave lists). */
export const CORPUS_EVENTS = new Set([
  'NeedPublished',
  'NeedUpdated',
  'NeedMarkedInProgress',
  'NeedFulfilled',
  'NeedWithdrawn',
  'NeedExpired',
  'SolutionPublished',
  'SolutionUpdated',
  'SolutionRetired',
]);

/** Engagement events that change a vendor's track record (deliveries, ratings). */
const TRACK_RECORD_EVENTS = new Set(['EngagementDelivered', 'EngagementRated']);

/** Organization events that change what a vendor's solutions score, or whether they may be offered. */
const VENDOR_EVENTS = new Set([
  'OrganizationVerified',
  'OrganizationSuspended',
  'OrganizationReinstated',
  'OrganizationProfileUpdated',
  'OrganizationCancelled',
]);

export const MATCH_LIST_PREFIXES = ['need-', 'solution-', 'org-', 'engagement-'];

/** One list store: how the rescoring pass finds its lists and builds one. */
export interface ListStore {
  index: string;
  /** Ids of every listing that should have a list now. */
  open(lists: MatchLists): Promise<string[]>;
  build(lists: MatchLists, id: string): Promise<SearchDocument | null>;
}

/** For match lists no one configured (`useMatchLists`): the server's and the projector's. */
const logger = createLogger();
const rescored = new WeakMap<MatchLists, Set<string>>();

/** The match lists of the context's search index, with `store` rescored after every refresh of statistics. */
export function matchListsFor(ctx: ProjectionContext, store: ListStore): MatchLists {
  const lists = matchListsOf(ctx.search, logger);
  const stores = rescored.get(lists) ?? new Set<string>();
  rescored.set(lists, stores);
  if (!stores.has(store.index)) {
    stores.add(store.index);
    lists.onRefreshed(() => rescore(lists, ctx, store, store.index, loggedProgress(lists, store.index)));
  }
  return lists;
}

/**
 * A rebuild's copy of a list index (`ctx.target`) filled with every list, ranked with the current statistics:
 * the events it replayed were left to a rescoring pass, which a rebuild runs itself, before its swap.
 */
export function rankEveryList(
  ctx: ProjectionContext,
  store: ListStore,
  onProgress: (done: number, total: number) => void,
): Promise<void> {
  return rescore(matchListsFor(ctx, store), ctx, store, ctx.target, onProgress);
}

/** How often a rescoring pass in a running process logs how far it is: at 100k listings it takes hours. */
const PROGRESS_LOG_MS = 60_000;

function loggedProgress(lists: MatchLists, index: string): (done: number, total: number) => void {
  const started = performance.now();
  let logged = started;
  return (done, total) => {
    const now = performance.now();
    if (now - logged < PROGRESS_LOG_MS || done === total) return;
    logged = now;
    const secondsLeft = ((now - started) / 1000 / done) * (total - done);
    lists.options.logger.info(
      { index, lists: done, of: total, secondsLeft: Math.round(secondsLeft) },
      'match lists rescoring',
    );
  };
}

/** Lists ranked and written per turn: a turn holds the projection back for as long as it takes. */
const RESCORE_CHUNK = 8;

/**
 * Ranks every list again with the new statistics into `target` (the live index, or a rebuild's copy), a few
 * at a time, each turn alone with the projection (`exclusive`). Lists of listings no longer open are dropped
 * after a recheck.
 */
async function rescore(
  lists: MatchLists,
  ctx: ProjectionContext,
  store: ListStore,
  target: string,
  onProgress: (done: number, total: number) => void,
): Promise<void> {
  const started = performance.now();
  const open = await store.open(lists);
  for (let i = 0; i < open.length; i += RESCORE_CHUNK) {
    const chunk = open.slice(i, i + RESCORE_CHUNK);
    await lists.exclusive(async () => {
      const upserts: SearchDocument[] = [];
      const deletes: string[] = [];
      for (const id of chunk) {
        const document = await store.build(lists, id);
        if (document) upserts.push(document);
        else deletes.push(id);
      }
      await ctx.search.upsert(target, upserts);
      await ctx.search.delete(target, deletes);
    });
    onProgress(Math.min(i + RESCORE_CHUNK, open.length), open.length);
    // Ranking is synchronous SQLite and CPU work: let requests in between chunks, as the projector does.
    await setImmediate();
  }
  const openIds = new Set(open);
  for (const id of await lists.ids(target)) {
    if (openIds.has(id)) continue;
    await lists.exclusive(async () => {
      if (!(await store.build(lists, id))) await ctx.search.delete(target, [id]);
    });
  }
  lists.options.logger.info(
    { index: target, lists: open.length, ms: Math.round(performance.now() - started) },
    'match lists rescored',
  );
}

/** The indexes a list is ranked from. */
const LISTING_INDEXES = ['needs', 'solutions', 'vendors'];
const ahead = new WeakMap<ProjectionContext, Promise<boolean>>();

/**
 * Whether the indexes lists are ranked from were past this batch before it came: then every list ranked now
 * already sees the batch's events, and none needs revisiting for them. So it is while the match lists catch up
 * on their own (a new deployment of them, a rebuild), which would otherwise search for each replayed event;
 * in step with the other indexes, as the projector runs, they never are. (Lists stored before a crash that
 * left the other indexes a batch ahead may then miss an event until the next rescoring pass.)
 */
export function listingsAhead(ctx: ProjectionContext): Promise<boolean> {
  let known = ahead.get(ctx);
  if (!known) {
    known = Promise.all(LISTING_INDEXES.map((index) => ctx.search.getCheckpoint(index))).then((checkpoints) =>
      checkpoints.every((c) => c !== null && c > ctx.position),
    );
    ahead.set(ctx, known);
  }
  return known;
}

/** An event projected this long after it was stored is being caught up on, not followed live. */
const CATCHING_UP_MS = 30_000;

/**
 * Whether an event is left to the rescoring pass: while the projector catches up from far behind (a new
 * deployment, a restart after a long stop), ranking lists for each old event, and searching which lists it
 * touches, would take it hours at 100k listings, and every list would be ranked many times over. Instead
 * every list is ranked once, with statistics of the whole corpus, a few seconds after it has caught up. A
 * rebuild (writing a copy, not `store.index`) ranks them itself once it has replayed the store
 * (`rankEveryList`).
 */
export function leftToRescoring(
  event: RecordedEvent,
  lists: MatchLists,
  ctx: ProjectionContext,
  store: ListStore,
): boolean {
  if (Date.now() - event.time.getTime() < CATCHING_UP_MS) return false;
  if (ctx.target === store.index) lists.rescoreSoon(() => caughtUp(ctx));
  return true;
}

/**
 * Whether the projector has caught up on the store for this index: it has applied every event, or the last
 * one it applied is recent (it follows a store being written to).
 */
async function caughtUp(ctx: ProjectionContext): Promise<boolean> {
  const checkpoint = await ctx.search.getCheckpoint(ctx.target);
  if (checkpoint === null) return false;
  if (checkpoint >= (await ctx.store.headPosition())) return true;
  const [last] = await ctx.store.readAll({ fromPosition: checkpoint, maxCount: 1 });
  return last !== undefined && Date.now() - last.time.getTime() < CATCHING_UP_MS;
}

/** A listing entered, changed or left its corpus: counted toward a refresh of the statistics. */
export function noteChange(event: RecordedEvent, lists: MatchLists): void {
  if (CORPUS_EVENTS.has(event.type)) lists.noteChange(event.position);
}

/** The vendor whose track record or standing an event changes, if any. */
export async function vendorOf(event: RecordedEvent, ctx: ProjectionContext): Promise<string | null> {
  const orgId = streamId(event.stream, 'org-');
  if (orgId) {
    if (!VENDOR_EVENTS.has(event.type)) return null;
    const org = await ctx.entities.organization(orgId);
    return org?.state.kind === 'vendor' ? orgId : null;
  }
  const engagementId = streamId(event.stream, 'engagement-');
  if (engagementId && TRACK_RECORD_EVENTS.has(event.type)) {
    const engagement = await ctx.entities.engagement(engagementId);
    return engagement ? engagement.state.vendorId : null;
  }
  return null;
}

/** The demander whose standing an event changes (suspended, reinstated, verified), if any. */
export async function demanderOf(event: RecordedEvent, ctx: ProjectionContext): Promise<string | null> {
  const orgId = streamId(event.stream, 'org-');
  if (!orgId || !STANDING_EVENTS.has(event.type)) return null;
  const org = await ctx.entities.organization(orgId);
  return org?.state.kind === 'demander' ? orgId : null;
}

/** Every need of a demander in the needs index, whatever its status. */
export function needsOf(ctx: ProjectionContext, orgId: string): Promise<string[]> {
  return demanderNeedIds(ctx.search, 'needs', orgId);
}

/** Every solution of a vendor in the solutions index, whatever its status. */
export function solutionsOf(ctx: ProjectionContext, vendorId: string): Promise<string[]> {
  return vendorSolutionIds(ctx.search, 'solutions', vendorId);
}
