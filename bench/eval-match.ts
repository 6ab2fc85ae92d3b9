/**
 * `npm run eval:match -- [dataset.json]`: ranking quality of 云速配 beside its baselines on a labeled dataset
 * (default src/seed/match-dev.json), through the real path: the dataset is loaded with the application
 * services onto a temporary SQLite event store, projected into a temporary SQLite search index, and every
 * need is matched by retrieval from that index and scoring. nDCG@10 uses gains 2^grade − 1; P@5 and MRR
 * count grade ≥ 1 as relevant.
 */
import { resolve } from 'node:path';
import { loadThroughCommands, readMatchDataset } from './match-real-path.js';
import { evaluateRealPath } from './match-real-systems.js';

const path = resolve(process.argv[2] ?? 'src/seed/match-dev.json');
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const dataset = readMatchDataset(path);
console.log(
  `dataset ${path}: ${dataset.needs.length} needs, ${dataset.solutions.length} solutions, ${dataset.vendors.length} vendors, ${dataset.qrels.length} judgments`,
);

const market = await loadThroughCommands(dataset, (step) => console.log(`[${elapsed()}] ${step}`));
try {
  const rows = await evaluateRealPath(market);
  console.log(`[${elapsed()}] every need ranked by each system\n`);
  const width = Math.max(...rows.map((r) => r.system.length), 'system'.length);
  const line = (cells: string[]) =>
    `| ${cells[0]!.padEnd(width)} | ${cells
      .slice(1)
      .map((c) => c.padStart(7))
      .join(' | ')} |`;
  console.log(line(['system', 'nDCG@10', 'P@5', 'MRR', 'ms/need']));
  console.log(`|${'-'.repeat(width + 2)}|${'---------|'.repeat(4)}`);
  for (const r of rows) {
    console.log(line([r.system, r.ndcg10.toFixed(4), r.p5.toFixed(4), r.mrr.toFixed(4), r.ms.toFixed(1)]));
  }
  const matcher = rows[0]!;
  const bigram = rows.find((r) => r.system.startsWith('bigram'))!;
  const met = matcher.ndcg10 >= 0.95 && matcher.ndcg10 >= bigram.ndcg10;
  console.log(
    `\ntargets: nDCG@10 ≥ 0.95 and ≥ bigram BM25 (${bigram.ndcg10.toFixed(4)}): ${met ? 'met' : 'NOT met'}` +
      `  (${elapsed()}; gains 2^grade − 1; P@5 and MRR count grade ≥ 1 as relevant)`,
  );
  if (!met) process.exitCode = 1;
} finally {
  await market.close();
}
