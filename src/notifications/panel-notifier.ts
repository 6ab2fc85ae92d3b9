import type { NeedPanelSet } from '../domain/panel/events.js';
import { entities } from './entities.js';
import { notificationText } from './messages.js';
import type { NotificationDraft, Notifier } from './notifier.js';

/** 专家评审: an expert added to a need's panel is told where to review (review.panel_joined). */
export const panelNotifier: Notifier = async (event, ctx): Promise<NotificationDraft[]> => {
  if (event.type !== 'NeedPanelSet') return [];
  const { needId, added } = event.data as NeedPanelSet['data'];
  if (added.length === 0) return [];
  const need = await entities.need(ctx.store, needId);
  return [
    {
      type: 'review.panel_joined',
      recipients: { userIds: added },
      ...notificationText.panelJoined(need.title),
      link: '/me/reviews',
    },
  ];
};
