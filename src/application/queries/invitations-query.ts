import type { z } from 'zod';
import type { Actor } from '../../domain/shared/actor.js';
import { ForbiddenError } from '../../domain/shared/errors.js';
import { parseInput } from '../../domain/shared/validation.js';
import type { InvitationEntry } from '../../projections/invitations-projection.js';
import { readModel } from '../../projections/read-models.js';
import type { SearchIndex } from '../../search/port.js';
import { pagedQuery, queryText } from './params.js';

export const receivedInvitationQuerySchema = pagedQuery({ q: queryText });
export type ReceivedInvitationQuery = z.input<typeof receivedInvitationQuerySchema>;

/** One invitation a vendor received, with the need it is about. */
export type ReceivedInvitation = InvitationEntry & { needTitle: string; demanderName: string };

export interface ReceivedInvitationPage {
  hits: ReceivedInvitation[];
  total: number;
  page: number;
  pageSize: number;
}

const messages = { vendorsOnly: '只有服务商机构的用户可以查看收到的揭榜邀请' } as const;

/**
 * GET /api/v1/me/invitations: the needs the viewer's vendor organization was invited to, most recently
 * invited or answered first, each with the vendor's newest invitation on it.
 */
export async function listReceivedInvitations(
  search: SearchIndex,
  viewer: Actor,
  input: ReceivedInvitationQuery,
): Promise<ReceivedInvitationPage> {
  const query = parseInput(receivedInvitationQuerySchema, input);
  const vendorId = viewer.role === 'vendor' ? viewer.orgId : null;
  if (!vendorId) throw new ForbiddenError('invitation.vendors_only', messages.vendorsOnly);
  const result = await readModel(search, 'invitations').search({
    q: query.q,
    filter: { field: 'vendorIds', op: 'eq', value: vendorId },
    sort: ['updatedAt:desc'],
    page: query.page,
    pageSize: query.pageSize,
  });
  const hits = result.hits.flatMap((document) => {
    const own = document.invitations.filter((invitation) => invitation.vendorId === vendorId).at(-1);
    return own ? [{ ...own, needTitle: document.needTitle, demanderName: document.demanderName }] : [];
  });
  return { hits, total: result.total, page: result.page, pageSize: result.pageSize };
}
