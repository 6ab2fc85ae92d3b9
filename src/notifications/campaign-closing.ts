import type { Clock } from '../domain/shared/ids.js';
import type { EventStore } from '../eventstore/port.js';
import { WrongExpectedVersionError } from '../eventstore/port.js';
import { readModel } from '../projections/read-models.js';
import type { SearchIndex } from '../search/port.js';
import { campaignAudience } from './campaign-audience.js';
import { deliver } from './deliver.js';
import type { Inbox } from './inbox-service.js';
import { beijingTime, notificationText } from './messages.js';
import type { Recipients } from './recipients.js';

/** How long before a campaign closes its organizations are reminded. */
export const CLOSING_NOTICE_MS = 3 * 24 * 3600_000;

/** Written once a campaign's reminder has gone out: its existence is what "once per campaign" means. */
export const closingNoticeStream = (campaignId: string) => `notifier-closing-${campaignId}`;

export interface ClosingDeps {
  store: EventStore;
  search: SearchIndex;
  clock: Clock;
  recipients: Recipients;
  inbox: Inbox;
}

/**
 * Reminds the audience of every open campaign that closes within three days, once per campaign. A crash
 * between the deliveries and the mark repeats the deliveries on the next check, which append nothing new.
 */
export async function remindClosingCampaigns(deps: ClosingDeps, reminded: Set<string>): Promise<number> {
  const now = deps.clock();
  const open = await readModel(deps.search, 'campaigns').search({
    filter: { field: 'status', op: 'eq', value: 'open' },
    sort: ['closesAt:asc'],
    pageSize: 1000,
  });
  let appended = 0;
  for (const campaign of open.hits) {
    const left = new Date(campaign.closesAt).getTime() - now.getTime();
    if (left <= 0 || left > CLOSING_NOTICE_MS || reminded.has(campaign.id)) continue;
    const marker = closingNoticeStream(campaign.id);
    if ((await deps.store.readStream(marker, { maxCount: 1 })).length > 0) {
      reminded.add(campaign.id);
      continue;
    }
    const draft = {
      type: 'campaign.closing' as const,
      recipients: { orgIds: await campaignAudience(deps.search, campaign.kind) },
      ...notificationText.campaignClosing(campaign.title, beijingTime(campaign.closesAt)),
      link: `/campaigns/${campaign.id}`,
    };
    appended += await deliver({ id: marker, at: now.toISOString() }, [draft], deps.recipients, deps.inbox);
    await deps.store
      .append(
        marker,
        [{ type: 'CampaignClosingNoticeSent', data: { campaignId: campaign.id, at: now.toISOString() } }],
        {
          expectedRevision: 'no_stream',
        },
      )
      .catch((error: unknown) => {
        if (!(error instanceof WrongExpectedVersionError)) throw error;
      });
    reminded.add(campaign.id);
  }
  return appended;
}
