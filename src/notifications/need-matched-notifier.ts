import { readModel } from '../projections/read-models.js';
import { entities } from './entities.js';
import type { NotificationDraft, Notifier } from './notifier.js';

/** A need's rank that a vendor hears of: its solution among the need's best ten. */
const TOP = 10;

const quoted = (title: string) => `「${title}」`;

/** The Chinese of this notification; kept with it (the other notifiers' is in messages.ts). */
const needMatchedText = (need: string, solutions: string[]) => ({
  title: '新发布的需求与您的方案高度匹配',
  body: `新发布的需求${quoted(need)}将您的方案${solutions.map(quoted).join('、')}列入最匹配的前 ${TOP} 名，欢迎揭榜。`,
});

/**
 * A newly published need, told to each vendor with a solution in its top ten. Read from the need's stored
 * match list, which the projections built before the reactor sees the event; a vendor that does not fit the
 * need holds nothing.
 */
export const needMatchedNotifier: Notifier = async (event, ctx): Promise<NotificationDraft[]> => {
  if (event.type !== 'NeedPublished') return [];
  const needId = String(event.data.needId);
  const list = await readModel(ctx.search, 'need_matches').get(needId);
  if (!list) return [];
  const byVendor = new Map<string, string[]>();
  for (const match of list.results.slice(0, TOP)) {
    byVendor.set(match.vendorId, [...(byVendor.get(match.vendorId) ?? []), match.solutionId]);
  }
  if (byVendor.size === 0) return [];
  const need = await entities.need(ctx.store, needId);
  const solutions = readModel(ctx.search, 'solutions');
  const drafts: NotificationDraft[] = [];
  for (const [vendorId, solutionIds] of byVendor) {
    const titles = await Promise.all(solutionIds.map(async (id) => (await solutions.get(id))?.title ?? ''));
    drafts.push({
      type: 'need.matched',
      recipients: { orgIds: [vendorId] },
      ...needMatchedText(need.title, titles.filter(Boolean)),
      link: `/needs/${needId}`,
    });
  }
  return drafts;
};
