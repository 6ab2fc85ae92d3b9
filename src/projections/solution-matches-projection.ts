import type { MatchLists, SolutionList } from '../matching/match-lists.js';
import type { NeedMatch } from '../matching/types.js';
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
 * A published solution's match list as the `solution_matches` index holds it: the open needs it fits best (at
 * most 50, the first page apart from the rest), each with score and reasons, and when it was ranked. The type the matches API and pages read it by.
 */
export type SolutionMatchesDocument = Omit<SolutionList, 'results'> &
  PagedResults<NeedMatch> & {
    id: string;
    revision: number;
    /** The needs of the list, to find the lists a change of theirs touches. */
    needIds: string[];
  };

async function build(lists: MatchLists, id: string): Promise<SolutionMatchesDocument | null> {
  const list = await lists.solutionList(id);
  if (!list) return null;
  return {
    id,
    revision: lists.revision(),
    ...list,
    ...paged(list.results),
    needIds: list.results.map((r) => r.needId),
  };
}

const store: ListStore = {
  index: 'solution_matches',
  open: async (lists) => (await lists.openListings()).solutions,
  build,
};

/**
 * The match list of every offerable solution, kept up to date: a solution's own events, and its vendor's
 * (track record, suspension), rank its list again; a need's, the lists that hold it and those it would now
 * enter.
 */
export const solutionMatchesProjection: Projection = {
  index: 'solution_matches',
  streamPrefixes: MATCH_LIST_PREFIXES,
  async affected(event, ctx) {
    const lists = matchListsFor(ctx, store);
    if (leftToRescoring(event, lists, ctx, store)) return [];
    const solutionId = streamId(event.stream, 'solution-');
    if (solutionId) {
      noteChange(event, lists);
      return [solutionId];
    }
    const needId = streamId(event.stream, 'need-');
    if (needId) {
      if (!CORPUS_EVENTS.has(event.type) || (await listingsAhead(ctx))) return [];
      return lists.solutionsToRevisit([needId], ctx.target);
    }
    const demanderId = await demanderOf(event, ctx);
    if (demanderId) {
      if (await listingsAhead(ctx)) return [];
      return lists.solutionsToRevisit(await needsOf(ctx, demanderId), ctx.target);
    }
    const vendorId = await vendorOf(event, ctx);
    if (!vendorId || (await listingsAhead(ctx))) return [];
    return solutionsOf(ctx, vendorId);
  },
  build(id, ctx) {
    const lists = matchListsFor(ctx, store);
    return lists.exclusive(() => build(lists, id));
  },
  completeRebuild: (ctx, onProgress) => rankEveryList(ctx, store, onProgress),
};
