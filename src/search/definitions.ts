import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The `search/` folder at the repository root: one JSON definition per index, and the domain dictionary. */
export const SEARCH_DIR = fileURLToPath(new URL('../../search/', import.meta.url));

/** A fresh copy of an index is filled under this suffix, then swapped in (see SearchIndex.swap). */
export const REBUILD_SUFFIX = '_rebuild';

const ATTRIBUTE = /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$/;
const INDEX_UID = /^[a-z][a-z0-9_]*$/;
const RANKING_RULES = ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'] as const;

const attribute = z.string().regex(ATTRIBUTE, 'attribute names are dotted identifiers');

const definitionSchema = z
  .object({
    primaryKey: z.literal('id'),
    /** In order of importance: Meilisearch's `attribute` rule and the SQLite bm25 column weights follow it. */
    searchableAttributes: z.array(attribute).min(1),
    filterableAttributes: z.array(attribute),
    /**
     * The filterable attributes that hold arrays (technologies[], regionsServed[]). Meilisearch needs no such
     * list; the SQLite adapter keeps their elements in a side table so that a filter matches any element.
     */
    arrayAttributes: z.array(attribute).default([]),
    sortableAttributes: z.array(attribute),
    rankingRules: z.array(z.enum(RANKING_RULES)).min(1),
    synonyms: z.record(z.string().min(1), z.array(z.string().min(1))).default({}),
    /**
     * Words that make a query word find more (养老 → 老人, 看护), counted below the word itself; generated
     * from search/related-terms.json and the taxonomy.
     */
    relatedTerms: z.record(z.string().min(1), z.array(z.string().min(1))).default({}),
    /**
     * For a searchable attribute holding taxonomy codes (technologies, city), the words each code is indexed
     * as (its label and aliases), so that a listing is found by what it is about, not only by its text.
     * Labels of an attribute that is not searchable are unused.
     */
    labels: z.record(attribute, z.record(z.string().min(1), z.array(z.string().min(1)))).default({}),
    stopWords: z.array(z.string().min(1)).default([]),
    localizedAttributes: z
      .array(z.object({ attributePatterns: z.array(z.string().min(1)), locales: z.array(z.string().min(2)) }))
      .default([]),
    displayedAttributes: z.array(z.string().min(1)).optional(),
    pagination: z.object({ maxTotalHits: z.number().int().positive() }).optional(),
    faceting: z.object({ maxValuesPerFacet: z.number().int().positive() }).optional(),
  })
  .strict()
  .superRefine((definition, ctx) => {
    for (const name of definition.arrayAttributes) {
      if (!definition.filterableAttributes.includes(name)) {
        ctx.addIssue({ code: 'custom', path: ['arrayAttributes'], message: `${name} is not filterable` });
      }
      if (definition.sortableAttributes.includes(name)) {
        ctx.addIssue({ code: 'custom', path: ['sortableAttributes'], message: `${name} is an array` });
      }
    }
  });

export type IndexSettings = z.output<typeof definitionSchema>;

/** One index as `search/<uid>.json` describes it, read by both search adapters. */
export interface IndexDefinition extends IndexSettings {
  uid: string;
}

export function parseDefinition(uid: string, json: unknown): IndexDefinition {
  if (!INDEX_UID.test(uid) || uid.endsWith(REBUILD_SUFFIX)) {
    throw new Error(`search index uid ${JSON.stringify(uid)} must be lower-case letters, digits and _`);
  }
  const parsed = definitionSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`search/${uid}.json: ${problems}`);
  }
  return { uid, ...parsed.data };
}

/** Every `*.json` of the folder, keyed by uid (the file name). */
export function loadDefinitions(dir: string = SEARCH_DIR): Map<string, IndexDefinition> {
  const definitions = new Map<string, IndexDefinition>();
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const uid = basename(file, '.json');
    definitions.set(uid, parseDefinition(uid, JSON.parse(readFileSync(join(dir, file), 'utf8'))));
  }
  return definitions;
}

/** `needs` for `needs` and for its rebuild copy `needs_rebuild`. */
export function baseUidOf(index: string): string {
  return index.endsWith(REBUILD_SUFFIX) ? index.slice(0, -REBUILD_SUFFIX.length) : index;
}

export function rebuildUidOf(uid: string): string {
  return `${uid}${REBUILD_SUFFIX}`;
}
