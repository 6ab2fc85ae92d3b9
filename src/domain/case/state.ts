export interface CaseState {
  status: 'initial' | 'promoted';
  /** Equal to the engagement id: one case per engagement. */
  id: string;
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
  replicatedTo: { city: string; note: string | null; at: string }[];
  promotedAt: string | null;
  updatedAt: string | null;
}
