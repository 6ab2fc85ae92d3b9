/** Every kind of in-app notification; the shared contract between the reactor and the notifiers. */
export type NotificationType =
  | 'need.matched'
  | 'subscription.hit'
  | 'invitation.received'
  | 'engagement.applied'
  | 'engagement.shortlisted'
  | 'engagement.declined'
  | 'engagement.meeting_scheduled'
  | 'engagement.signed'
  | 'engagement.delivered'
  | 'engagement.rated'
  | 'race.selected'
  | 'race.not_selected'
  | 'listing.approved'
  | 'listing.rejected'
  | 'org.verified'
  | 'org.suspended'
  | 'campaign.opened'
  | 'campaign.closing'
  | 'match_round.recommended'
  | 'webhook.disabled'
  | 'question.asked'
  | 'question.answered'
  | 'review.panel_joined';

/** Where a notification goes besides the inbox: mail, and the organization's webhooks. */
export type NotificationChannel = 'inbox' | 'email' | 'webhook';
