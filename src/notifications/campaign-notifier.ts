import type { CampaignKind } from '../domain/campaign/events.js';
import { campaignAudience } from './campaign-audience.js';
import { beijingTime, notificationText } from './messages.js';
import type { NotificationDraft, Notifier } from './notifier.js';

/** A campaign opened, told to every verified organization it collects from. */
export const campaignOpenedNotifier: Notifier = async (event, ctx): Promise<NotificationDraft[]> => {
  if (event.type !== 'CampaignOpened') return [];
  const { campaignId, title, kind, closesAt } = event.data as {
    campaignId: string;
    title: string;
    kind: CampaignKind;
    closesAt: string;
  };
  return [
    {
      type: 'campaign.opened',
      recipients: { orgIds: await campaignAudience(ctx.search, kind) },
      ...notificationText.campaignOpened(title, beijingTime(closesAt)),
      link: `/campaigns/${campaignId}`,
    },
  ];
};
