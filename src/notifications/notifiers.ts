import { campaignOpenedNotifier } from './campaign-notifier.js';
import { engagementNotifier } from './engagement-notifier.js';
import { invitationNotifier } from './invitation-notifier.js';
import { listingNotifier } from './listing-notifier.js';
import { matchRoundNotifier } from './match-round-notifier.js';
import { needMatchedNotifier } from './need-matched-notifier.js';
import type { Notifier } from './notifier.js';
import { organizationNotifier } from './organization-notifier.js';
import { panelNotifier } from './panel-notifier.js';
import { questionNotifier } from './question-notifier.js';
import { subscriptionNotifier } from './subscription-notifier.js';

/** Every notifier the reactor asks about each event; one line each. */
export const notifiers: Notifier[] = [
  engagementNotifier,
  listingNotifier,
  organizationNotifier,
  campaignOpenedNotifier,
  matchRoundNotifier,
  invitationNotifier,
  needMatchedNotifier,
  subscriptionNotifier,
  questionNotifier,
  panelNotifier,
];
