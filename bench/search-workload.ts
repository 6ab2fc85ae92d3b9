/**
 * What the search benchmark asks of the needs index, and the same questions put to the index's tables as
 * raw SQL. A request is GET /api/v1/needs as the public sends it: keywords (or none), a city, the public
 * statuses, the four facets over the whole result set, a page of 20 with highlights. The raw baseline runs
 * on the very tables the adapter wrote, with the FTS5 expression the adapter matches (so it finds the same
 * documents): totals and scalar facets in one GROUP BY, technologies in one join, the page by bm25 (or by
 * publication date) with its documents parsed. What it leaves out is the adapter: segmenting the words,
 * ranking by matched terms, highlights, its count cache and facet index.
 */
import type Database from 'better-sqlite3';
import { PUBLIC_NEED_STATUSES } from '../src/application/queries/documents.js';
import { NEED_FACETS, searchNeeds } from '../src/application/queries/needs-query.js';
import { anonymous } from '../src/domain/shared/actor.js';
import { cities } from '../src/domain/shared/taxonomy.js';
import { createRandom } from '../src/generate/random.js';
import { themes } from '../src/generate/themes.js';
import { loadDefinitions } from '../src/search/definitions.js';
import type { SearchIndex } from '../src/search/port.js';
import { layoutOf } from '../src/search/sqlite/layout.js';
import { synonymLookup, termExpression } from '../src/search/sqlite/query.js';
import { queryTerms } from '../src/search/tokenizer.js';

export interface NeedRequest {
  /** Empty: a list page browsed by city, newest first. */
  q: string;
  city: string;
}

const SYSTEM_SUFFIX = /(系统|平台|服务|设备|引擎|SaaS)$/;

/**
 * Keywords people type into a marketplace search box: the names of the systems the themes describe, cut to
 * their core (智能排产, 视觉检测, 冷链物流监管), the places they serve (注塑车间, 冷库), and a place with a
 * system (纺纱车间 设备联网). Distinct requests, shuffled with a fixed seed, so that no request repeats and
 * every one counts its facets afresh.
 */
export function keywordRequests(count: number, seed: number): NeedRequest[] {
  const random = createRandom(`search-bench-${seed}`);
  const cores = [...new Set(themes.flatMap((t) => t.systems.map((s) => s.replace(SYSTEM_SUFFIX, ''))))];
  const places = [...new Set(themes.flatMap((t) => t.subjects))];
  const pairs = themes.flatMap((t) =>
    t.subjects.map((subject) => `${subject} ${t.systems[0]!.replace(SYSTEM_SUFFIX, '')}`),
  );
  const words = [...cores, ...places, ...pairs].filter((w) => w.length >= 2);
  const all = words.flatMap((q) => cities.map((c) => ({ q, city: c.code })));
  const requests = random.sample(all, Math.min(count, all.length));
  if (requests.length < count)
    throw new Error(`only ${all.length} distinct keyword requests, ${count} asked`);
  return requests;
}

/** Every city, in a fixed shuffled order, for the list pages. */
export function browseRequests(count: number, seed: number): NeedRequest[] {
  const random = createRandom(`search-browse-${seed}`);
  return Array.from({ length: count }, () => ({ q: '', city: random.pick(cities).code }));
}

/** The adapter, as the API's GET /api/v1/needs calls it. */
export function adapterSearch(search: SearchIndex) {
  return (request: NeedRequest) =>
    searchNeeds(search, anonymous, { q: request.q || undefined, city: request.city });
}

/** The same requests as raw SQL on the adapter's tables. */
export function rawSearch(db: Database.Database) {
  const definition = loadDefinitions().get('needs')!;
  const layout = layoutOf('needs', definition);
  const stopWords = new Set(definition.stopWords);
  const synonyms = synonymLookup(definition.synonyms, stopWords);
  const column = (attribute: string) => `d.${layout.columns.get(attribute)!}`;
  const [industry, city, status] = ['industry', 'city', 'status'].map(column);
  const filter = `${status} IN (${PUBLIC_NEED_STATUSES.map(() => '?').join(', ')}) AND ${city} = ?`;
  // CROSS JOIN keeps the full-text match as the outer loop, as anyone tuning this query by hand would.
  const matched = `${layout.fts} f CROSS JOIN ${layout.docs} d ON d.rid = f.rowid`;

  const keyword = {
    scalars: db
      .prepare(
        `SELECT ${industry}, ${city}, ${status}, count(*) FROM ${matched}
         WHERE f.${layout.fts} MATCH ? AND ${filter} GROUP BY 1, 2, 3`,
      )
      .raw(),
    technologies: db
      .prepare(
        `SELECT v.value, count(*) FROM ${matched} JOIN ${layout.values} v ON v.rid = d.rid AND v.field = 'technologies'
         WHERE f.${layout.fts} MATCH ? AND ${filter} GROUP BY 1`,
      )
      .raw(),
    page: db
      .prepare(
        `SELECT j.doc FROM ${matched} JOIN ${layout.json} j ON j.rid = d.rid
         WHERE f.${layout.fts} MATCH ? AND ${filter} ORDER BY f.rank LIMIT 20`,
      )
      .pluck(),
  };
  const newest = `${column('publishedAt')} DESC NULLS LAST, ${column('updatedAt')} DESC NULLS LAST, d.rid`;
  const browse = {
    scalars: db
      .prepare(
        `SELECT ${industry}, ${city}, ${status}, count(*) FROM ${layout.docs} d WHERE ${filter} GROUP BY 1, 2, 3`,
      )
      .raw(),
    technologies: db
      .prepare(
        `SELECT v.value, count(*) FROM ${layout.docs} d JOIN ${layout.values} v ON v.rid = d.rid AND v.field = 'technologies'
         WHERE ${filter} GROUP BY 1`,
      )
      .raw(),
    page: db
      .prepare(
        `SELECT j.doc FROM ${layout.docs} d JOIN ${layout.json} j ON j.rid = d.rid WHERE ${filter} ORDER BY ${newest} LIMIT 20`,
      )
      .pluck(),
  };

  /** The adapter matches the first term's expression (with its parts and synonyms) and ranks the rest. */
  const matchOf = (q: string) => {
    const [first] = queryTerms(q, stopWords);
    return first ? termExpression(first, synonyms) : null;
  };

  return {
    /** Done outside the timed part: the raw query starts from a ready FTS5 expression. */
    prepare(request: NeedRequest) {
      const match = request.q ? matchOf(request.q) : null;
      const args = [...PUBLIC_NEED_STATUSES, request.city];
      return () => {
        const statements = match === null ? browse : keyword;
        const head = match === null ? args : [match, ...args];
        const groups = statements.scalars.all(...head) as [string, string, string, number][];
        const facets: Record<string, Record<string, number>> = {};
        for (const facet of NEED_FACETS) facets[facet] = {};
        let total = 0;
        for (const [industryCode, cityCode, statusCode, n] of groups) {
          total += n;
          for (const [facet, value] of [
            ['industry', industryCode],
            ['city', cityCode],
            ['status', statusCode],
          ] as const) {
            facets[facet]![value] = (facets[facet]![value] ?? 0) + n;
          }
        }
        for (const [value, n] of statements.technologies.all(...head) as [string, number][]) {
          facets.technologies![value] = n;
        }
        const hits = (statements.page.all(...head) as string[]).map((json) => JSON.parse(json) as unknown);
        return { total, facets, hits };
      };
    },
  };
}
