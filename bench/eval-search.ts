/**
 * `npm run eval:search -- [queries.json]`: search quality on the judged query set
 * (test/fixtures/search-judged-queries.json) through the real path — src/seed/match-dev.json's listings loaded
 * with the application services onto a temporary SQLite event store, projected into a temporary SQLite
 * search index, and every query asked through searchNeeds / searchSolutions as GET /api/v1/needs and
 * /api/v1/solutions ask it, as the public — next to plain FTS5 bm25 over title and description
 * (bench/search-baseline.ts). Prints nDCG@10 (binary gains), recall@10 and the zero-result rate, overall and per
 * kind of query, and whether the issue's targets hold: zero results under 2%, nDCG@10 at least 0.1 above
 * the baseline.
 */
import { resolve } from 'node:path';
import { ListingTitles } from '../src/application/queries/listing-titles.js';
import { searchNeeds } from '../src/application/queries/needs-query.js';
import { titleCorrector } from '../src/application/queries/query-correction.js';
import { searchSolutions } from '../src/application/queries/solutions-query.js';
import { anonymous } from '../src/domain/shared/actor.js';
import { loadThroughCommands, readMatchDataset } from './match-real-path.js';
import { type BaselineListing, plainFts5Baseline } from './search-baseline.js';
import {
  type JudgedQuery,
  type QueryScore,
  readJudgedQueries,
  relevantIds,
  type SearchSystem,
  type Summary,
  scoreQuery,
  summarize,
  titleKeys,
} from './search-judgments.js';

const ZERO_RESULT_TARGET = 0.02;
const NDCG_MARGIN = 0.1;

const queries = readJudgedQueries(process.argv[2] ? resolve(process.argv[2]) : undefined);
const dataset = readMatchDataset(resolve('src/seed/match-dev.json'));
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
console.log(
  `${queries.length} judged queries over ${dataset.needs.length} needs and ${dataset.solutions.length} solutions`,
);

const market = await loadThroughCommands(dataset, (step) => console.log(`[${elapsed()}] ${step}`));
const baseline = plainFts5Baseline([
  ...dataset.needs.map(
    (n): BaselineListing => ({
      id: market.ids.get(n.key)!,
      index: 'needs',
      title: n.title,
      description: n.description,
      cities: [n.city],
    }),
  ),
  ...dataset.solutions.map(
    (s): BaselineListing => ({
      id: market.ids.get(s.key)!,
      index: 'solutions',
      title: s.title,
      description: s.description,
      cities: s.regionsServed,
    }),
  ),
]);

/**
 * The product: the same query functions the API's list routes call, as an anonymous visitor, with the
 * spelling correction they get from the public titles.
 */
const corrector = titleCorrector(new ListingTitles(market.search));
const product: SearchSystem = async (query: JudgedQuery) => {
  const input = { q: query.q, pageSize: 10, ...(query.city ? { city: query.city } : {}) };
  const page =
    query.index === 'needs'
      ? await searchNeeds(market.search, anonymous, input, undefined, corrector)
      : await searchSolutions(market.search, anonymous, input, undefined, corrector);
  return { ranking: page.hits.map((h) => h.id), total: page.total };
};

try {
  const keys = titleKeys(dataset);
  const judged = queries.map((query) => ({
    query,
    relevant: relevantIds(query, keys, (k) => market.ids.get(k)),
  }));
  const run = async (system: SearchSystem) => {
    const scores: QueryScore[] = [];
    for (const { query, relevant } of judged) scores.push(scoreQuery(query, await system(query), relevant));
    return scores;
  };
  const systems = [
    { name: '云速配 search (searchNeeds / searchSolutions)', scores: await run(product) },
    { name: 'baseline: plain FTS5 bm25, title + description', scores: await run(baseline.search) },
  ];
  console.log(`[${elapsed()}] every query asked of each system\n`);

  const width = Math.max(...systems.map((s) => s.name.length), 'system'.length);
  const line = (cells: string[]) =>
    `| ${cells[0]!.padEnd(width)} | ${cells
      .slice(1)
      .map((c) => c.padStart(9))
      .join(' | ')} |`;
  const row = (name: string, s: Summary) =>
    line([
      name,
      s.ndcg10.toFixed(4),
      s.recall10.toFixed(4),
      `${(s.zeroResultRate * 100).toFixed(1)}%`,
      String(s.queries),
    ]);
  console.log(line(['system', 'nDCG@10', 'recall@10', 'zero-res', 'queries']));
  console.log(`|${'-'.repeat(width + 2)}|${'-----------|'.repeat(4)}`);
  for (const system of systems) console.log(row(system.name, summarize(system.scores)));

  const kinds = [...new Set(queries.map((q) => `${q.index}/${q.kind}`))].sort();
  console.log('\nper kind of query (nDCG@10 product vs baseline, zero-result queries of the product)');
  for (const kind of kinds) {
    const of = (scores: QueryScore[]) => scores.filter((s) => `${s.query.index}/${s.query.kind}` === kind);
    const [p, b] = systems.map((s) => summarize(of(s.scores)));
    console.log(
      `  ${kind.padEnd(22)} ${p!.ndcg10.toFixed(3)} vs ${b!.ndcg10.toFixed(3)}  (${p!.queries} queries, ${Math.round(p!.zeroResultRate * p!.queries)} with no result)`,
    );
  }
  const zero = systems[0]!.scores.filter((s) => s.zero);
  if (zero.length)
    console.log(
      `\nno result from the product: ${zero.map((s) => `${s.query.id} "${s.query.q}"`).join(', ')}`,
    );

  const [p, b] = systems.map((s) => summarize(s.scores));
  const zeroMet = p!.zeroResultRate < ZERO_RESULT_TARGET;
  const ndcgMet = p!.ndcg10 >= b!.ndcg10 + NDCG_MARGIN;
  console.log(
    `\ntargets: zero-result rate < ${ZERO_RESULT_TARGET * 100}%: ${zeroMet ? 'met' : 'NOT met'}; ` +
      `nDCG@10 ≥ baseline + ${NDCG_MARGIN} (${(b!.ndcg10 + NDCG_MARGIN).toFixed(4)}): ${ndcgMet ? 'met' : 'NOT met'}` +
      `  (${elapsed()}; ${new Date().toISOString()})`,
  );
  if (!zeroMet || !ndcgMet) process.exitCode = 1;
} finally {
  baseline.close();
  await market.close();
}
