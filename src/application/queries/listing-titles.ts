import { readModel } from '../../projections/read-models.js';
import type { SearchIndex } from '../../search/port.js';
import { publicListings } from './documents.js';

export interface ListingTitle {
  kind: 'need' | 'solution';
  id: string;
  title: string;
  /** The title as typed text is compared with it. */
  key: string;
}

/** Case and full-width forms do not matter when matching typed text. */
export const matchKey = (text: string) => text.normalize('NFKC').toLowerCase();

/** The newest this many public needs, and as many solutions, are offered: enough for a typed prefix. */
export const MAX_TITLES_PER_KIND = 5000;
const PAGE_SIZE = 1000;
/** How stale the titles may be once the projections have moved: a new listing shows within this. */
export const TITLES_REFRESH_MS = 30_000;

export interface ListingTitlesOptions {
  now?: () => number;
  refreshMs?: number;
}

/**
 * The titles of the public needs and solutions, held in memory for autocomplete: a keystroke matches a
 * prefix, which the word index cannot (视觉检 is not a word), and must not cost a search. Reloaded when the
 * indexes' checkpoints moved and the copy is older than `refreshMs`; while a reload runs the old copy answers.
 */
export class ListingTitles {
  private titles: ListingTitle[] = [];
  private loadedAt = Number.NEGATIVE_INFINITY;
  private checkpoints = '';
  private loading: Promise<void> | null = null;
  private readonly now: () => number;
  private readonly refreshMs: number;

  constructor(
    private readonly search: SearchIndex,
    options: ListingTitlesOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.refreshMs = options.refreshMs ?? TITLES_REFRESH_MS;
  }

  async current(): Promise<readonly ListingTitle[]> {
    if (this.loadedAt === Number.NEGATIVE_INFINITY) {
      this.loading ??= this.reload().finally(() => {
        this.loading = null;
      });
      await this.loading;
    } else if (!this.loading && this.now() - this.loadedAt >= this.refreshMs) {
      // In the background: a failed reload keeps the copy, and the next request tries again.
      this.loading = this.reload()
        .catch(() => undefined)
        .finally(() => {
          this.loading = null;
        });
    }
    return this.titles;
  }

  private async reload(): Promise<void> {
    const checkpoints = (
      await Promise.all([this.search.getCheckpoint('needs'), this.search.getCheckpoint('solutions')])
    ).join('/');
    if (checkpoints !== this.checkpoints) {
      const [needs, solutions] = await Promise.all([this.load('needs'), this.load('solutions')]);
      this.titles = [...needs, ...solutions];
      this.checkpoints = checkpoints;
    }
    this.loadedAt = this.now();
  }

  private async load(index: 'needs' | 'solutions'): Promise<ListingTitle[]> {
    const kind = index === 'needs' ? 'need' : 'solution';
    const titles: ListingTitle[] = [];
    for (let page = 1; titles.length < MAX_TITLES_PER_KIND; page++) {
      const result = await readModel(this.search, index).search({
        filter: publicListings(index),
        sort: ['publishedAt:desc'],
        page,
        pageSize: PAGE_SIZE,
      });
      for (const hit of result.hits)
        titles.push({ kind, id: hit.id, title: hit.title, key: matchKey(hit.title) });
      if (page * PAGE_SIZE >= result.total) break;
    }
    return titles.slice(0, MAX_TITLES_PER_KIND);
  }
}
