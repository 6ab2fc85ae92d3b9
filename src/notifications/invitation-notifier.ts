import type { VendorInvited } from '../domain/invitation/events.js';
import { entities } from './entities.js';
import type { NotificationDraft, Notifier } from './notifier.js';

const invitationReceived = (demander: string, need: string, solution: string) => ({
  title: '您收到一份揭榜邀请',
  body: `${demander}邀请您以方案「${solution}」揭榜需求「${need}」，请查看需求后揭榜。`,
});

/** invitation.received: the invited vendor's users learn which need they are asked to take up. */
export const invitationNotifier: Notifier = async (event, ctx): Promise<NotificationDraft[]> => {
  if (event.type !== 'VendorInvited' || !event.stream.startsWith('invitations-')) return [];
  const { needId, vendorId, solutionId } = event.data as VendorInvited['data'];
  const [need, solution] = await Promise.all([
    entities.need(ctx.store, needId),
    entities.solution(ctx.store, solutionId),
  ]);
  const demander = await entities.organization(ctx.store, need.orgId);
  return [
    {
      type: 'invitation.received',
      recipients: { orgIds: [vendorId] },
      ...invitationReceived(demander.name || '需求方', need.title, solution.title),
      link: `/needs/${needId}`,
    },
  ];
};
