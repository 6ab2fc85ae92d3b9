import { readEntity } from '../application/command-handler.js';
import { engagementDecider } from '../domain/engagement/decider.js';
import type { Side } from '../domain/engagement/events.js';
import type { EngagementState } from '../domain/engagement/state.js';
import type { RecordedEvent } from '../eventstore/port.js';
import { entities } from './entities.js';
import { beijingTime, notificationText } from './messages.js';
import type { NotificationDraft, Notifier } from './notifier.js';
import type { NotificationType } from './types.js';

type Text = { title: string; body: string };

/** Each engagement event that tells the other party something: its type and its words. */
const told: Record<string, (data: Record<string, unknown>, need: string) => [NotificationType, Text]> = {
  EngagementApplied: (_data, need) => ['engagement.applied', notificationText.engagementApplied(need)],
  // A vendor taking up a recommendation is, for the demander, a vendor applying.
  EngagementRecommendationAccepted: (_data, need) => [
    'engagement.applied',
    notificationText.engagementApplied(need),
  ],
  EngagementShortlisted: (_data, need) => [
    'engagement.shortlisted',
    notificationText.engagementShortlisted(need),
  ],
  EngagementDeclined: (data, need) => [
    'engagement.declined',
    notificationText.engagementDeclined(need, String(data.reason)),
  ],
  EngagementMeetingScheduled: (data, need) => [
    'engagement.meeting_scheduled',
    notificationText.engagementMeetingScheduled(
      need,
      beijingTime(String(data.meetingAt)),
      String(data.location),
    ),
  ],
  EngagementSigned: (data, need) => [
    'engagement.signed',
    notificationText.engagementSigned(need, Number(data.amountWan)),
  ],
  EngagementDelivered: (_data, need) => ['engagement.delivered', notificationText.engagementDelivered(need)],
  EngagementRated: (data, need) => [
    'engagement.rated',
    notificationText.engagementRated(need, Number(data.score)),
  ],
  // The demander selected: each pilot's vendor hears how its pilot ended.
  EngagementPilotConcluded: (data, need) =>
    data.outcome === 'selected'
      ? ['race.selected', notificationText.raceSelected(need)]
      : ['race.not_selected', notificationText.raceNotSelected(need)],
};

const sideOrg = (engagement: EngagementState, side: Side) =>
  side === 'demander' ? engagement.needOrgId : engagement.vendorId;
const otherSide = (side: Side): Side => (side === 'demander' ? 'vendor' : 'demander');

/**
 * Whom an engagement event is for: an application goes to the demander; the rest to the party that did not
 * act — named by the event when it says which side acted, else by the actor's organization. When staff
 * acted, both parties hear of it.
 */
function otherParty(event: RecordedEvent, engagement: EngagementState): string[] {
  if (event.type === 'EngagementApplied' || event.type === 'EngagementRecommendationAccepted') {
    return [engagement.needOrgId];
  }
  const side = event.data.side ?? event.data.scheduledBy;
  if (side === 'demander' || side === 'vendor') return [sideOrg(engagement, otherSide(side))];
  const actor = event.metadata.actor as { orgId?: string | null } | undefined;
  if (actor?.orgId === engagement.needOrgId) return [engagement.vendorId];
  if (actor?.orgId === engagement.vendorId) return [engagement.needOrgId];
  return [engagement.needOrgId, engagement.vendorId];
}

export const engagementNotifier: Notifier = async (event, ctx): Promise<NotificationDraft[]> => {
  const tell = told[event.type];
  if (!tell || !event.stream.startsWith('engagement-')) return [];
  const { state: engagement } = await readEntity(ctx.store, event.stream, engagementDecider);
  const need = await entities.need(ctx.store, engagement.needId);
  const [type, text] = tell(event.data, need.title);
  return [
    {
      type,
      recipients: { orgIds: otherParty(event, engagement) },
      ...text,
      link: `/engagements/${engagement.id}`,
    },
  ];
};
