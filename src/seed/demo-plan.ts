import { cities } from '../domain/shared/taxonomy.js';
import type { DemoDataset, DemoNeed, DemoSolution } from './demo-dataset.js';

/**
 * The history the demo tells, as a timetable: who does what to which engagement when. Needs are dealt
 * round-robin into five fates so that every stage of an engagement shows up: delivered and rated (the
 * first few promoted to cases), signed and in implementation, meeting booked, shortlisted, and freshly
 * taken up (揭榜). The best-graded solution's vendor is the main suitor; a second vendor applies too and
 * is declined once the main one signs; now and then staff recommend a third.
 */
export type EngagementTarget =
  | 'recommended'
  | 'applied'
  | 'shortlisted'
  | 'meeting_scheduled'
  | 'signed'
  | 'rated'
  | 'declined';

export interface PlannedEngagement {
  key: string;
  need: DemoNeed;
  solution: DemoSolution;
  target: EngagementTarget;
  /** Days after the campaign opened when the engagement starts. */
  startDay: number;
  /** The main suitor's quote and contract amount, in 万元. */
  quoteWan: number;
  /** The meeting, as days from the start, or as days from today for a meeting still to come. */
  meeting: { daysFromStart: number } | { daysFromToday: number };
}

export interface PlannedCase {
  engagementKey: string;
  need: DemoNeed;
  solution: DemoSolution;
  day: number;
  replicateTo: string | null;
}

export interface DemoPlan {
  engagements: PlannedEngagement[];
  cases: PlannedCase[];
}

const FATES = ['rated', 'signed', 'meeting_scheduled', 'shortlisted', 'applied'] as const;
const CASES = 3;
/** The campaign takes submissions for 30 days; engagements begin after its list is published. */
export const CAMPAIGN_DAYS = 30;
export const LIST_PUBLISHED_DAY = 32;
const FIRST_ENGAGEMENT_DAY = 34;
/** Starts are spread over the needs so that the history reads as weeks of activity, not one afternoon. */
const DAYS_BETWEEN_NEEDS = 0.65;
export const DELIVERY_DAYS = 40;

function quoteFor(need: DemoNeed, solution: DemoSolution): number {
  const wanted = Math.round((need.budgetWan.min + need.budgetWan.max) / 2);
  return Math.min(Math.max(wanted, solution.priceWan.min), solution.priceWan.max);
}

export function demoPlan(dataset: DemoDataset): DemoPlan {
  const solutions = new Map(dataset.solutions.map((s) => [s.key, s]));
  const engagements: PlannedEngagement[] = [];
  const cases: PlannedCase[] = [];
  dataset.needs.forEach((need, index) => {
    const graded = dataset.qrels
      .filter((q) => q.need === need.key && solutions.has(q.solution))
      .sort((a, b) => b.grade - a.grade)
      .map((q) => solutions.get(q.solution)!);
    const suitors: DemoSolution[] = [];
    for (const solution of graded) {
      if (!suitors.some((s) => s.vendor === solution.vendor)) suitors.push(solution);
    }
    const [main, second, third] = suitors;
    if (!main) return;
    const fate = FATES[index % FATES.length]!;
    const startDay = FIRST_ENGAGEMENT_DAY + index * DAYS_BETWEEN_NEEDS;
    const plan = (solution: DemoSolution, target: EngagementTarget, offset: number): PlannedEngagement => ({
      key: `${need.key}:${solution.key}`,
      need,
      solution,
      target,
      startDay: startDay + offset,
      quoteWan: quoteFor(need, solution),
      meeting: fate === 'meeting_scheduled' ? { daysFromToday: 2 + (index % 6) } : { daysFromStart: 9 },
    });
    engagements.push(plan(main, fate, 0));
    if (second)
      engagements.push(plan(second, fate === 'rated' || fate === 'signed' ? 'declined' : 'applied', 0.25));
    if (third && index % 3 === 2) engagements.push(plan(third, 'recommended', -1));
    if (fate === 'rated' && cases.length < CASES) {
      const other = cities.find((c) => c.code !== need.city && !cases.some((k) => k.replicateTo === c.code));
      cases.push({
        engagementKey: `${need.key}:${main.key}`,
        need,
        solution: main,
        day: startDay + DELIVERY_DAYS + 8,
        replicateTo: cases.length === 0 && other ? other.code : null,
      });
    }
  });
  return { engagements, cases };
}
