import { entities } from './entities.js';
import { notificationText } from './messages.js';
import type { NotificationDraft, Notifier } from './notifier.js';

/** An organization verified or suspended by staff, told to its own users. */
export const organizationNotifier: Notifier = async (event, ctx): Promise<NotificationDraft[]> => {
  if (event.type !== 'OrganizationVerified' && event.type !== 'OrganizationSuspended') return [];
  const orgId = String(event.data.orgId);
  const org = await entities.organization(ctx.store, orgId);
  const verified = event.type === 'OrganizationVerified';
  return [
    {
      type: verified ? 'org.verified' : 'org.suspended',
      recipients: { orgIds: [orgId] },
      ...(verified
        ? notificationText.orgVerified(org.name)
        : notificationText.orgSuspended(org.name, String(event.data.reason))),
      link: '/my',
    },
  ];
};
