import { readEntity } from '../application/command-handler.js';
import { invitationDecider } from '../domain/invitation/decider.js';
import type { Invitation } from '../domain/invitation/state.js';
import { needInvitationsStream } from '../domain/invitation/stream.js';
import { entityOfStream, type Projection } from './projection.js';

export type InvitationEntry = Invitation & { vendorName: string; solutionTitle: string };

/**
 * The invitations on one need, as the `invitations` index holds them: one document per need (its id), so
 * that a vendor finds the needs it was invited to by `vendorIds` and takes its own entries from there.
 */
export type InvitationDocument = {
  id: string;
  revision: number;
  needId: string;
  needTitle: string;
  demanderOrgId: string;
  demanderName: string;
  /** Every vendor invited to the need, whatever became of the invitation. */
  vendorIds: string[];
  invitations: InvitationEntry[];
  updatedAt: string;
};

const PREFIX = 'invitations-';

/** ISO timestamps sort as text. */
const latest = (times: string[]) => times.toSorted().at(-1) ?? '';

export const invitationsProjection: Projection = {
  index: 'invitations',
  streamPrefixes: [PREFIX],
  affected: entityOfStream(PREFIX),
  async build(needId, ctx): Promise<InvitationDocument | null> {
    const { state, revision } = await readEntity(ctx.store, needInvitationsStream(needId), invitationDecider);
    if (revision === null || state.invitations.length === 0) return null;
    const need = await ctx.entities.need(needId);
    const demanderOrgId = need?.state.orgId ?? '';
    const [demander, invitations] = await Promise.all([
      ctx.entities.organization(demanderOrgId),
      Promise.all(
        state.invitations.map(async (invitation): Promise<InvitationEntry> => {
          const [vendor, solution] = await Promise.all([
            ctx.entities.organization(invitation.vendorId),
            ctx.entities.solution(invitation.solutionId),
          ]);
          return {
            ...invitation,
            vendorName: vendor?.state.name ?? '',
            solutionTitle: solution?.state.title ?? '',
          };
        }),
      ),
    ]);
    return {
      id: needId,
      revision: Number(revision),
      needId,
      needTitle: need?.state.title ?? '',
      demanderOrgId,
      demanderName: demander?.state.name ?? '',
      vendorIds: [...new Set(invitations.map((invitation) => invitation.vendorId))],
      invitations,
      updatedAt: latest(
        state.invitations.flatMap((i) => (i.acceptedAt ? [i.invitedAt, i.acceptedAt] : [i.invitedAt])),
      ),
    };
  },
};
