/**
 * Ranking quality against graded judgments (0–3; unjudged = 0).
 * - nDCG@k uses exponential gains 2^grade − 1 and the log2(rank + 1) discount; the ideal ranking is built from
 *   every judged document of the query, not only the retrieved ones.
 * - P@k and MRR count a document as relevant when its grade is at least 1 ("相关可接洽"), for every system alike.
 */
export type Grades = ReadonlyMap<string, number>;

export const RELEVANT_GRADE = 1;

function gain(grade: number): number {
  return 2 ** grade - 1;
}

function dcg(grades: readonly number[]): number {
  return grades.reduce((sum, grade, i) => sum + gain(grade) / Math.log2(i + 2), 0);
}

export function ndcgAt(k: number, ranking: readonly string[], grades: Grades): number {
  const ideal = dcg(
    [...grades.values()]
      .filter((g) => g > 0)
      .sort((a, b) => b - a)
      .slice(0, k),
  );
  if (ideal === 0) return 0;
  return dcg(ranking.slice(0, k).map((id) => grades.get(id) ?? 0)) / ideal;
}

export function precisionAt(k: number, ranking: readonly string[], grades: Grades): number {
  return ranking.slice(0, k).filter((id) => (grades.get(id) ?? 0) >= RELEVANT_GRADE).length / k;
}

export function reciprocalRank(ranking: readonly string[], grades: Grades): number {
  const index = ranking.findIndex((id) => (grades.get(id) ?? 0) >= RELEVANT_GRADE);
  return index < 0 ? 0 : 1 / (index + 1);
}

export interface RankingQuality {
  ndcg10: number;
  p5: number;
  mrr: number;
}

/** Means over the judged queries; a query the system returned nothing for scores 0. */
export function meanQuality(
  rankings: ReadonlyMap<string, readonly string[]>,
  judgments: ReadonlyMap<string, Grades>,
): RankingQuality {
  const total = { ndcg10: 0, p5: 0, mrr: 0 };
  for (const [query, grades] of judgments) {
    const ranking = rankings.get(query) ?? [];
    total.ndcg10 += ndcgAt(10, ranking, grades);
    total.p5 += precisionAt(5, ranking, grades);
    total.mrr += reciprocalRank(ranking, grades);
  }
  const n = Math.max(judgments.size, 1);
  return { ndcg10: total.ndcg10 / n, p5: total.p5 / n, mrr: total.mrr / n };
}
