import { savedSearchFinds } from '../application/subscription-match.js';
import { needStream } from '../domain/need/stream.js';
import { solutionStream } from '../domain/solution/stream.js';
import { kindLabels, searchSummary } from '../domain/subscription/messages.js';
import type { SavedSearch, SubscriptionKind } from '../domain/subscription/state.js';
import type { RecordedEvent } from '../eventstore/port.js';
import { readModel } from '../projections/read-models.js';
import type { SubscriptionEntry } from '../projections/subscriptions-projection.js';
import { entities } from './entities.js';
import type { NotificationDraft, Notifier, NotifierContext } from './notifier.js';
import type { NotificationChannel } from './types.js';

const PAGE = 1000;

const subscriptionHitText = (kind: SubscriptionKind, title: string, summary: string) => ({
  title: `您订阅的搜索有新的${kindLabels[kind]}`,
  body: `新发布的${kindLabels[kind]}「${title}」符合您订阅的搜索：${summary}。`,
});

/** The moment a listing becomes public: a need's NeedPublished, a solution's SolutionPublished. */
function publication(event: RecordedEvent) {
  if (event.type === 'NeedPublished') {
    const id = String(event.data.needId);
    return { kind: 'needs' as const, id, stream: needStream(id), link: `/needs/${id}` };
  }
  if (event.type === 'SolutionPublished') {
    const id = String(event.data.solutionId);
    return { kind: 'solutions' as const, id, stream: solutionStream(id), link: `/solutions/${id}` };
  }
  return null;
}

/**
 * Only a listing's first publication is news: should it ever be published again (a campaign's later list,
 * or any future way back to public), its subscribers already heard of it.
 */
async function firstPublication(ctx: NotifierContext, stream: string, event: RecordedEvent) {
  const recorded = await ctx.store.readStream(stream);
  return recorded.find((candidate) => candidate.type === event.type)?.id === event.id;
}

/** Every saved search of the kind, with its owner, from the `subscriptions` read model. */
async function savedSearchesOf(ctx: NotifierContext, kind: SubscriptionKind) {
  const index = readModel(ctx.search, 'subscriptions');
  const saved: { userId: string; subscription: SubscriptionEntry }[] = [];
  for (let page = 1; ; page++) {
    const result = await index.search({
      filter: { field: 'kinds', op: 'eq', value: kind },
      sort: ['userId:asc'],
      page,
      pageSize: PAGE,
    });
    for (const document of result.hits) {
      for (const subscription of document.subscriptions) {
        if (subscription.kind === kind) saved.push({ userId: document.userId, subscription });
      }
    }
    if (page * PAGE >= result.total) return saved;
  }
}

const searchKey = (saved: SavedSearch) =>
  JSON.stringify([saved.q, ...[saved.industries, saved.technologies, saved.cities].map((c) => c.toSorted())]);

/**
 * subscription.hit: a newly public listing, told to the owner of every saved search of its kind that the
 * public search would return it for (src/application/subscription-match.ts), once per listing and user
 * whatever number of their searches find it, through the channels those searches chose. Searches saved
 * after the listing went public are not asked (a replay of old events finds them in the read model).
 */
export const subscriptionNotifier: Notifier = async (event, ctx): Promise<NotificationDraft[]> => {
  const listing = publication(event);
  if (!listing || !(await firstPublication(ctx, listing.stream, event))) return [];
  const saved = (await savedSearchesOf(ctx, listing.kind)).filter(
    ({ subscription }) => BigInt(subscription.position) < event.position,
  );
  if (saved.length === 0) return [];
  const verdicts = new Map<string, Promise<boolean>>();
  const finds = (search: SavedSearch) => {
    const key = searchKey(search);
    let verdict = verdicts.get(key);
    if (!verdict) {
      verdict = savedSearchFinds(ctx.search, search, listing.id);
      verdicts.set(key, verdict);
    }
    return verdict;
  };
  const hits = new Map<string, { summary: string; channels: Set<NotificationChannel> }>();
  for (const { userId, subscription } of saved) {
    if (!(await finds(subscription))) continue;
    const hit = hits.get(userId) ?? { summary: searchSummary(subscription), channels: new Set() };
    for (const channel of subscription.channels) hit.channels.add(channel);
    hits.set(userId, hit);
  }
  if (hits.size === 0) return [];
  const title =
    listing.kind === 'needs'
      ? (await entities.need(ctx.store, listing.id)).title
      : (await entities.solution(ctx.store, listing.id)).title;
  return [...hits].map(([userId, hit]) => ({
    type: 'subscription.hit',
    recipients: { userIds: [userId] },
    ...subscriptionHitText(listing.kind, title, hit.summary),
    link: listing.link,
    channels: [...hit.channels],
  }));
};
