import { readEntity } from '../application/command-handler.js';
import { matchRoundDecider } from '../domain/match-round/decider.js';
import { entities } from './entities.js';
import { notificationText } from './messages.js';
import type { NotificationDraft, Notifier } from './notifier.js';

/**
 * A completed match round, told to each vendor and each demander it recommends something to: one
 * notification per organization (an id is per event and recipient), counting its recommendations.
 */
export const matchRoundNotifier: Notifier = async (event, ctx): Promise<NotificationDraft[]> => {
  if (event.type !== 'MatchRoundCompleted') return [];
  const { state: round } = await readEntity(ctx.store, event.stream, matchRoundDecider);
  const perVendor = new Map<string, number>();
  const perDemander = new Map<string, string[]>();
  for (const { needId, recommendations } of round.results) {
    if (recommendations.length === 0) continue;
    for (const { vendorId } of recommendations) perVendor.set(vendorId, (perVendor.get(vendorId) ?? 0) + 1);
    const { orgId } = await entities.need(ctx.store, needId);
    perDemander.set(orgId, [...(perDemander.get(orgId) ?? []), needId]);
  }
  const drafts: NotificationDraft[] = [];
  for (const [vendorId, count] of perVendor) {
    drafts.push({
      type: 'match_round.recommended',
      recipients: { orgIds: [vendorId] },
      ...notificationText.matchRoundForVendor(count),
      link: '/my',
    });
  }
  for (const [orgId, needIds] of perDemander) {
    const count = round.results
      .filter((r) => needIds.includes(r.needId))
      .reduce((sum, r) => sum + r.recommendations.length, 0);
    drafts.push({
      type: 'match_round.recommended',
      recipients: { orgIds: [orgId] },
      ...notificationText.matchRoundForDemander(count),
      link: needIds.length === 1 ? `/needs/${needIds[0]}` : '/my',
    });
  }
  return drafts;
};
