import { entities } from './entities.js';
import { notificationText } from './messages.js';
import type { NotificationDraft, Notifier } from './notifier.js';

/** Staff's review of a need or a solution, told to the organization that owns it. */
export const listingNotifier: Notifier = async (event, ctx): Promise<NotificationDraft[]> => {
  const reason = String(event.data.reason ?? '');
  switch (event.type) {
    case 'NeedApproved':
    case 'NeedRejected': {
      const needId = String(event.data.needId);
      const need = await entities.need(ctx.store, needId);
      const approved = event.type === 'NeedApproved';
      return [
        {
          type: approved ? 'listing.approved' : 'listing.rejected',
          recipients: { orgIds: [need.orgId] },
          ...(approved
            ? notificationText.needApproved(need.title)
            : notificationText.needRejected(need.title, reason)),
          link: `/needs/${needId}`,
        },
      ];
    }
    case 'SolutionApproved':
    case 'SolutionRejected': {
      const solutionId = String(event.data.solutionId);
      const solution = await entities.solution(ctx.store, solutionId);
      const approved = event.type === 'SolutionApproved';
      return [
        {
          type: approved ? 'listing.approved' : 'listing.rejected',
          recipients: { orgIds: [solution.vendorId] },
          ...(approved
            ? notificationText.solutionApproved(solution.title)
            : notificationText.solutionRejected(solution.title, reason)),
          link: `/solutions/${solutionId}`,
        },
      ];
    }
    default:
      return [];
  }
};
