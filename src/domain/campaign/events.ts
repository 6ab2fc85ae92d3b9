import type { DomainEvent } from '../shared/decider.js';
import type { WanRange } from '../shared/money.js';
import type { Scope } from '../shared/scope.js';

/** What a campaign collects: needs, solutions or both; a list is published per kind. */
export type CampaignKind = 'needs' | 'solutions' | 'both';
export type ItemKind = 'need' | 'solution';
export type ListKind = 'needs' | 'solutions';

/** One line of a published list, frozen at publication; `seq` is the 序号. */
interface ListItemBase {
  seq: number;
  id: string;
  title: string;
  orgId: string;
  orgName: string;
  industry: string;
  city: string;
  technologies: string[];
}

export interface NeedListItem extends ListItemBase {
  scenarioType: string;
  budgetWan: WanRange;
}

/** `industry` is the first of `industries`, `city` the vendor's seat, so both lists share their leading columns. */
export interface SolutionListItem extends ListItemBase {
  industries: string[];
  scenarioTypes: string[];
  regionsServed: string[];
  priceWan: WanRange;
  deployment: string;
}

export type CampaignListItem = NeedListItem | SolutionListItem;

/** `scope` is optional: campaigns opened before scopes existed are the province's. */
export type CampaignOpened = DomainEvent<
  'CampaignOpened',
  {
    campaignId: string;
    title: string;
    kind: CampaignKind;
    opensAt: string;
    closesAt: string;
    scope?: Scope;
    at: string;
  }
>;
export type CampaignItemEntered = DomainEvent<
  'CampaignItemEntered',
  { itemKind: ItemKind; itemId: string; at: string }
>;
export type CampaignClosed = DomainEvent<'CampaignClosed', { at: string }>;
/** Carries the whole list so that a published version never changes, whatever happens to its items later. */
export type CampaignListPublished = DomainEvent<
  'CampaignListPublished',
  { kind: ListKind; version: number; items: CampaignListItem[]; note: string | null; publishedAt: string }
>;

export type CampaignEvent = CampaignOpened | CampaignItemEntered | CampaignClosed | CampaignListPublished;
