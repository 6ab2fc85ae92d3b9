import type { DomainEvent } from '../shared/decider.js';
import type { WanRange } from '../shared/money.js';
import type { Scope } from '../shared/scope.js';

/** What a campaign collects: needs, solutions or both; a list is published per kind. */
export type CampaignKind = 'needs' | 'solutions' | 'both';
export type ItemKind = 'need' | 'solution';
export type ListKind = 'needs' | 'solutions';

/**
 * Where a line of a provincial list came from: the city campaign, its city, the version of its list and
 * the line's 序号 there.
 */
export interface ListItemSource {
  campaignId: string;
  campaignTitle: string;
  city: string;
  version: number;
  seq: number;
}

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
  /** Only on the lines of a provincial list (全省汇总清单). */
  source?: ListItemSource;
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

/**
 * A provincial list (全省汇总清单) collects nothing itself: it gathers the published lists of the named city
 * campaigns, all of whose 征集期 ended within `period` (a year `2026` or a quarter `2026Q1`, Beijing time).
 */
export interface Gathering {
  period: string;
  campaignIds: string[];
}

/**
 * `scope` is optional: campaigns opened before scopes existed are the province's. `gathers` only on a
 * provincial list.
 */
export type CampaignOpened = DomainEvent<
  'CampaignOpened',
  {
    campaignId: string;
    title: string;
    kind: CampaignKind;
    opensAt: string;
    closesAt: string;
    scope?: Scope;
    gathers?: Gathering;
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
