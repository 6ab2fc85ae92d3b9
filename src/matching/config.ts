import { z } from 'zod';
import file from './weights.json' with { type: 'json' };

const share = z.number().min(0).max(1);

/** Everything tunable about matching; the values live in weights.json and nowhere in code. */
const matchingConfigSchema = z.object({
  weights: z.object({
    text: z.number().min(0),
    technology: z.number().min(0),
    industry: z.number().min(0),
    scenario: z.number().min(0),
    region: z.number().min(0),
    budget: z.number().min(0),
    trackRecord: z.number().min(0),
    qualification: z.number().min(0),
    freshness: z.number().min(0),
  }),
  text: z.object({
    k1: z.number().positive(),
    b: share,
    titleBoost: z.number().min(1),
    /** Part of the text score from segmented words; the rest from character bigrams. */
    wordShare: share,
    sharedTermsShown: z.number().int().min(1),
    /** Below this share of the best text score, shared words alone (智能, 平台) do not make a pair related. */
    minRelated: share,
  }),
  technology: z.object({
    /** Credit for a technology the other side names only in its text, not in its tags. */
    mentionCredit: share,
  }),
  region: z.object({ vendorInCity: share, listed: share, provinceWide: share, elsewhere: share }),
  budget: z.object({
    /** Lowest score for a price entirely under the budget (the offer may be too small for the need). */
    underBudgetFloor: share,
  }),
  trackRecord: z.object({
    /** How many ratings at the platform mean a vendor's own ratings are blended with. */
    priorRatings: z.number().positive(),
    defaultMeanRating: z.number().min(1).max(5),
    /** Delivered engagements at which the delivery part of the score reaches one half. */
    deliveredHalfScore: z.number().positive(),
    ratingShare: share,
  }),
  qualification: z.object({ saturation: z.number().int().min(1) }),
  freshness: z.object({ halfLifeDays: z.number().positive() }),
  retrieval: z.object({
    /** Keywords extracted from a listing to search with; Meilisearch reads no more than 10 query words. */
    keywords: z.number().int().min(1).max(10),
    /**
     * Keywords per search. A search only finds listings holding its first word and ranks them by how many of
     * the following words they hold in order (Meilisearch's `last` strategy), and costs the embedded index
     * more with every word: a few short searches, each led by the next keyword, find more good listings than
     * one long one, for less.
     */
    termsPerSearch: z.number().int().min(1).max(10),
    /**
     * Candidates taken from each keyword search, the first led by the best keyword, the next by the second
     * best, and so on: each later search adds fewer listings the earlier ones did not find, so takes fewer.
     */
    keywordSearches: z.array(z.number().int().min(1).max(1000)).min(1).max(10),
    /**
     * Candidates from each filter-only search (technologies, industry, scenario type), made when the keyword
     * searches found fewer than this many listings.
     */
    filterHits: z.number().int().min(1).max(1000),
  }),
  /** A match round scores every need of a campaign, and keeps only a few vendors per need: it retrieves less. */
  round: z.object({
    /** As `retrieval.keywordSearches`, for each need of a round. */
    keywordSearches: z.array(z.number().int().min(1).max(1000)).min(1).max(10),
    /** Vendors kept per need (each through its best solution) before assigning under capacity. */
    vendorsPerNeed: z.number().int().min(1).max(1000),
  }),
});

export type MatchingConfig = z.infer<typeof matchingConfigSchema>;

export function parseMatchingConfig(value: unknown): MatchingConfig {
  return matchingConfigSchema.parse(value);
}

export const defaultMatchingConfig: MatchingConfig = parseMatchingConfig(file);
