import type { WanRange } from '../domain/shared/money.js';
import devDataset from './match-dev.json' with { type: 'json' };

/**
 * The labelled development set (30 needs, 24 vendors, 80 solutions, graded relevance) that the demo
 * seed loads. Organization names are fictitious. The seed takes a dataset as a parameter so tests can
 * load a slice of it.
 */
export interface DemoNeed {
  key: string;
  title: string;
  description: string;
  industry: string;
  scenarioType: string;
  technologies: string[];
  city: string;
  budgetWan: WanRange;
  orgName: string;
  orgKind: string;
}

export interface DemoVendor {
  key: string;
  name: string;
  city: string;
  qualifications: string[];
  description: string;
}

export interface DemoSolution {
  key: string;
  vendor: string;
  title: string;
  description: string;
  industries: string[];
  scenarioTypes: string[];
  technologies: string[];
  regionsServed: string[];
  priceWan: WanRange;
  deployment: string;
}

export interface DemoDataset {
  needs: DemoNeed[];
  vendors: DemoVendor[];
  solutions: DemoSolution[];
  qrels: { need: string; solution: string; grade: number }[];
}

export const demoDataset: DemoDataset = devDataset;

/** The first `needs` needs with every solution graded for them and those solutions' vendors. */
export function datasetSlice(dataset: DemoDataset, needs: number): DemoDataset {
  const kept = dataset.needs.slice(0, needs);
  const needKeys = new Set(kept.map((n) => n.key));
  const qrels = dataset.qrels.filter((q) => needKeys.has(q.need));
  const solutionKeys = new Set(qrels.map((q) => q.solution));
  const solutions = dataset.solutions.filter((s) => solutionKeys.has(s.key));
  const vendorKeys = new Set(solutions.map((s) => s.vendor));
  return { needs: kept, vendors: dataset.vendors.filter((v) => vendorKeys.has(v.key)), solutions, qrels };
}
