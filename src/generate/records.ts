import type { Contact } from '../domain/shared/fields.js';
import type { WanRange } from '../domain/shared/money.js';

/**
 * What `yunsupei generate` writes, one JSON object a line. Listings name their organization by `org`
 * key; an organization's line always comes before the first listing that names it, so the file can be
 * loaded in one streaming pass.
 */
export interface GeneratedOrganization {
  type: 'organization';
  key: string;
  kind: 'demander' | 'vendor';
  name: string;
  uscc: string;
  city: string;
  contact: Contact;
  qualifications: string[];
  description: string;
}

export interface GeneratedNeed {
  type: 'need';
  key: string;
  org: string;
  title: string;
  description: string;
  industry: string;
  scenarioType: string;
  technologies: string[];
  city: string;
  budgetWan: WanRange;
}

export interface GeneratedSolution {
  type: 'solution';
  key: string;
  org: string;
  title: string;
  description: string;
  industries: string[];
  scenarioTypes: string[];
  technologies: string[];
  regionsServed: string[];
  priceWan: WanRange;
  deployment: 'saas' | 'on-premise' | 'hybrid';
}

export type GeneratedRecord = GeneratedOrganization | GeneratedNeed | GeneratedSolution;
