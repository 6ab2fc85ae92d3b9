import type { Scope } from '../shared/scope.js';
import type { CampaignKind, CampaignListItem, Gathering, ItemKind, ListKind } from './events.js';

export type CampaignStatus = 'initial' | 'open' | 'closed' | 'published';

export interface ListVersion {
  version: number;
  kind: ListKind;
  publishedAt: string;
  /** What a correction changed; null for the first version. */
  note: string | null;
  items: CampaignListItem[];
}

export interface CampaignState {
  status: CampaignStatus;
  id: string;
  title: string;
  kind: CampaignKind;
  /** The province's campaign or one city's. */
  scope: Scope;
  /** A provincial list's sources and period; null for a campaign that collects submissions. */
  gathers: Gathering | null;
  opensAt: string;
  closesAt: string;
  /** Ids entered by submission, in entry order: the order of the 序号. */
  items: { needs: string[]; solutions: string[] };
  lists: { needs: ListVersion[]; solutions: ListVersion[] };
  createdAt: string | null;
  closedAt: string | null;
  updatedAt: string | null;
}

export const listKindOf: Record<ItemKind, ListKind> = { need: 'needs', solution: 'solutions' };

export function acceptedListKinds(kind: CampaignKind): ListKind[] {
  return kind === 'both' ? ['needs', 'solutions'] : [kind];
}
