import type { MatchLists, NeedList } from '../matching/match-lists.js';
import type { SolutionMatch } from '../matching/types.js';
import { type PagedResults, paged } from './match-list-page.js';
import {
  CORPUS_EVENTS,
  demanderOf,
  type ListStore,
  leftToRescoring,
  listingsAhead,
  MATCH_LIST_PREFIXES,
  matchListsFor,
  needsOf,
  noteChange,
  rankEveryList,
  solutionsOf,
  vendorOf,
} from './match-list-projection.js';
import { type Projection, streamId } from './projection.js';

/**
 * An open need's match list as the `need_matches` index holds it: its best solutions (at most 50, the first
 * page apart from the rest: `match-list-page.ts`), each with score and reasons, and when it was ranked. The type the matches API and pages read it by.
 */
export type NeedMatchesDocument = Omit<NeedList, 'results'> &
  PagedResults<SolutionMatch> & {
    id: string;
    revision: number;
    /** The solutions and vendors of the list, to find the lists a change of theirs touches. */
    solutionIds: string[];
    vendorIds: string[];
  };

async function build(lists: MatchLists, id: string): Promise<NeedMatchesDocument | null> {
  const list = await lists.needList(id);
  if (!list) return null;
  return {
    id,
    revision: lists.revision(),
    ...list,
    ...paged(list.results),
    solutionIds: list.results.map((r) => r.solutionId),
    vendorIds: [...new Set(list.results.map((r) => r.vendorId))],
  };
}

const store: ListStore = {
  index: 'need_matches',
  open: async (lists) => (await lists.openListings()).needs,
  build,
};

/**
 * The match list of every open need, kept up to date as needs, solutions and vendors change: a need's own
 * events rank its list again; a solution's, or a vendor's, the lists that hold it and those it would now enter.
 */
export const needMatchesProjection: Projection = {
  index: 'need_matches',
  streamPrefixes: MATCH_LIST_PREFIXES,
  async affected(event, ctx) {
    const lists = matchListsFor(ctx, store);
    if (leftToRescoring(event, lists, ctx, store)) return [];
    const needId = streamId(event.stream, 'need-');
    if (needId) {
      noteChange(event, lists);
      return [needId];
    }
    if (await listingsAhead(ctx)) return [];
    const solutionId = streamId(event.stream, 'solution-');
    if (solutionId)
      return CORPUS_EVENTS.has(event.type) ? lists.needsToRevisit([solutionId], ctx.target) : [];
    const demanderId = await demanderOf(event, ctx);
    if (demanderId) return needsOf(ctx, demanderId);
    const vendorId = await vendorOf(event, ctx);
    return vendorId ? lists.needsToRevisit(await solutionsOf(ctx, vendorId), ctx.target) : [];
  },
  build(id, ctx) {
    const lists = matchListsFor(ctx, store);
    return lists.exclusive(() => build(lists, id));
  },
  completeRebuild: (ctx, onProgress) => rankEveryList(ctx, store, onProgress),
};
