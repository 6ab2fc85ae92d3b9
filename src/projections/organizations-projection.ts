import type { Organization } from '../domain/organization/state.js';
import { type Existing, exists } from './existing.js';
import { entityOfStream, type Projection } from './projection.js';

/** An organization as the `organizations` index holds it: the type queries, API hits and pages read it by. */
export type OrganizationDocument = Pick<
  Existing<Organization>,
  | 'id'
  | 'name'
  | 'kind'
  | 'uscc'
  | 'city'
  | 'status'
  | 'qualifications'
  | 'suspensionReason'
  | 'registeredAt'
  | 'verifiedAt'
  | 'updatedAt'
> & { revision: number };

/**
 * Every organization, demander or vendor, for staff to find and review: who registered, and where each
 * stands. Contact details stay out, as in every index.
 */
export const organizationsProjection: Projection = {
  index: 'organizations',
  streamPrefixes: ['org-'],
  affected: entityOfStream('org-'),
  async build(id, ctx): Promise<OrganizationDocument | null> {
    const folded = await ctx.entities.organization(id);
    if (!folded || !exists(folded.state)) return null;
    const org = folded.state;
    return {
      id,
      revision: folded.revision,
      name: org.name,
      kind: org.kind,
      uscc: org.uscc,
      city: org.city,
      status: org.status,
      qualifications: org.qualifications,
      suspensionReason: org.suspensionReason,
      registeredAt: org.registeredAt,
      verifiedAt: org.verifiedAt,
      updatedAt: org.updatedAt,
    };
  },
};
