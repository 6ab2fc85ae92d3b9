export const SUBSCRIPTION_KINDS = ['needs', 'solutions'] as const;
export type SubscriptionKind = (typeof SUBSCRIPTION_KINDS)[number];

/** Where a hit is told: the inbox, mail, or the organization's webhooks. */
export const CHANNELS = ['inbox', 'email', 'webhook'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A saved search: what a search page would ask, kept so that later listings it finds are told. */
export interface SavedSearch {
  kind: SubscriptionKind;
  /** Keywords; empty for a search by filters alone. */
  q: string;
  /** Codes; an empty list does not narrow, several codes of one list mean any of them. */
  industries: string[];
  technologies: string[];
  cities: string[];
}

export interface Subscription extends SavedSearch {
  id: string;
  channels: Channel[];
  createdAt: string;
}

/** One user's saved searches, oldest first; a cancelled one is gone. */
export interface UserSubscriptions {
  userId: string;
  subscriptions: Subscription[];
}

/** Two saved searches that ask the same, whatever the order of their codes. */
export function sameSearch(a: SavedSearch, b: SavedSearch): boolean {
  const codes = (list: string[]) => [...list].sort().join(',');
  return (
    a.kind === b.kind &&
    a.q === b.q &&
    codes(a.industries) === codes(b.industries) &&
    codes(a.technologies) === codes(b.technologies) &&
    codes(a.cities) === codes(b.cities)
  );
}
