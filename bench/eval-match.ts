/**
 * `npm run eval:match -- [dataset.json]`: ranking quality of the 云速配 matcher beside its baselines on a labeled
 * dataset (default test/fixtures/match-dev.json). nDCG@10 uses gains 2^grade − 1; P@5 and MRR count grade ≥ 1.
 */
import { resolve } from 'node:path';
import { loadMatchDataset } from './match-dataset.js';
import { evaluateSystems } from './match-systems.js';

const path = resolve(process.argv[2] ?? 'test/fixtures/match-dev.json');
const started = performance.now();
const dataset = loadMatchDataset(path);
console.log(
  `dataset ${path}: ${dataset.needs.length} needs, ${dataset.solutions.length} solutions, ${dataset.vendors.length} vendors`,
);

const rows = evaluateSystems(dataset);
const width = Math.max(...rows.map((r) => r.system.length), 'system'.length);
const line = (cells: string[]) =>
  `| ${cells[0]!.padEnd(width)} | ${cells
    .slice(1)
    .map((c) => c.padStart(7))
    .join(' | ')} |`;
console.log(line(['system', 'nDCG@10', 'P@5', 'MRR']));
console.log(`|${'-'.repeat(width + 2)}|${'---------|'.repeat(3)}`);
for (const r of rows) console.log(line([r.system, r.ndcg10.toFixed(4), r.p5.toFixed(4), r.mrr.toFixed(4)]));
console.log(
  `(${Math.round(performance.now() - started)} ms; nDCG gains 2^grade − 1; P@5 and MRR count grade ≥ 1 as relevant)`,
);
