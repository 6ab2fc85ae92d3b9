import type { SearchDocument } from '../search/port.js';
import { entityOfStream, type Projection } from './projection.js';

/**
 * Every organization, demander or vendor, for staff to find and review: who registered, and where each
 * stands. Contact details stay out, as in every index.
 */
export const organizationsProjection: Projection = {
  index: 'organizations',
  streamPrefixes: ['org-'],
  affected: entityOfStream('org-'),
  async build(id, ctx): Promise<SearchDocument | null> {
    const folded = await ctx.entities.organization(id);
    if (!folded || folded.state.status === 'initial') return null;
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
