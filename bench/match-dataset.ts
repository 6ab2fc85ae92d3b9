/**
 * Reads a labeled matching dataset (the format of src/seed/match-dev.json) straight into the read-model
 * documents the matcher scores. Every listing is published, every vendor verified and without history, and all
 * share one publication date, so that only fit can tell candidates apart.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Grades } from '../src/matching/metrics.js';
import type { NeedDoc, SolutionDoc, VendorDoc } from '../src/matching/types.js';

const range = z.object({ min: z.number(), max: z.number() });

const datasetSchema = z.object({
  needs: z.array(
    z.object({
      key: z.string(),
      title: z.string(),
      description: z.string(),
      industry: z.string(),
      scenarioType: z.string(),
      technologies: z.array(z.string()),
      city: z.string(),
      budgetWan: range,
      orgName: z.string(),
    }),
  ),
  vendors: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      city: z.string(),
      qualifications: z.array(z.string()),
    }),
  ),
  solutions: z.array(
    z.object({
      key: z.string(),
      vendor: z.string(),
      title: z.string(),
      description: z.string(),
      industries: z.array(z.string()),
      scenarioTypes: z.array(z.string()),
      technologies: z.array(z.string()),
      regionsServed: z.array(z.string()),
      priceWan: range,
    }),
  ),
  qrels: z.array(z.object({ need: z.string(), solution: z.string(), grade: z.number().int().min(0).max(3) })),
});

export interface MatchDataset {
  needs: NeedDoc[];
  solutions: SolutionDoc[];
  vendors: VendorDoc[];
  /** Need id → solution id → grade. */
  judgments: Map<string, Grades>;
  /** The moment every listing was published; pass it as `now`. */
  publishedAt: Date;
}

const PUBLISHED_AT = new Date('2025-01-01T00:00:00.000Z');

export function loadMatchDataset(path: string): MatchDataset {
  const raw = datasetSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  const at = PUBLISHED_AT.toISOString();
  const needs = raw.needs.map(
    ({ key, orgName, ...need }): NeedDoc => ({
      ...need,
      id: key,
      status: 'published',
      orgId: `org:${orgName}`,
      updatedAt: at,
      publishedAt: at,
    }),
  );
  const vendors = raw.vendors.map(
    ({ key, ...vendor }): VendorDoc => ({
      ...vendor,
      id: key,
      status: 'verified',
      deliveredCount: 0,
      ratingAvg: null,
      ratingCount: 0,
    }),
  );
  const solutions = raw.solutions.map(
    ({ key, vendor, ...solution }): SolutionDoc => ({
      ...solution,
      id: key,
      vendorId: vendor,
      status: 'published',
      updatedAt: at,
      publishedAt: at,
    }),
  );
  const judgments = new Map<string, Map<string, number>>(needs.map((n) => [n.id, new Map()]));
  for (const { need, solution, grade } of raw.qrels) judgments.get(need)?.set(solution, grade);
  return { needs, solutions, vendors, judgments, publishedAt: PUBLISHED_AT };
}
