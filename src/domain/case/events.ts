import type { DomainEvent } from '../shared/decider.js';

/** The case keeps a copy of what made the engagement worth repeating, so that it reads without joins. */
export type CasePromoted = DomainEvent<
  'CasePromoted',
  {
    caseId: string;
    engagementId: string;
    needId: string;
    needOrgId: string;
    solutionId: string;
    vendorId: string;
    title: string;
    summary: string;
    city: string;
    industry: string;
    scenarioType: string;
    technologies: string[];
    amountWan: number | null;
    at: string;
  }
>;
/** 一地创新、多地复用: the case was repeated in another city. */
export type CaseReplicated = DomainEvent<'CaseReplicated', { city: string; note: string | null; at: string }>;

export type CaseEvent = CasePromoted | CaseReplicated;
