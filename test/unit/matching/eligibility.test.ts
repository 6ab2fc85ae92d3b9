import { describe, expect, it } from 'vitest';
import { eligibleNeeds, eligibleSolutions } from '../../../src/matching/eligibility.js';
import {
  rankNeedsForSolution,
  rankNeedsForVendor,
  rankSolutionsForNeed,
} from '../../../src/matching/matcher.js';
import { aNeed, aSolution, aVendor, NOW } from './fixtures.js';

const vendor = aVendor();
const suspended = aVendor({ id: 'org-suspended', status: 'suspended' });
const vendors = new Map([vendor, suspended].map((v) => [v.id, v]));

describe('solutions offered for a need', () => {
  const published = aSolution({ id: 's-published' });
  const others = [
    aSolution({ id: 's-retired', status: 'retired' }),
    aSolution({ id: 's-draft', status: 'draft' }),
    aSolution({ id: 's-submitted', status: 'submitted' }),
    aSolution({ id: 's-suspended-vendor', vendorId: suspended.id }),
    aSolution({ id: 's-unknown-vendor', vendorId: 'org-unknown' }),
    aSolution({ id: 's-own-org', vendorId: 'org-demander' }),
  ];
  const ownOrgVendors = new Map([...vendors, ['org-demander', aVendor({ id: 'org-demander' })]]);

  it('keep only published solutions of vendors in good standing from another organization', () => {
    const ids = eligibleSolutions(aNeed(), [published, ...others], ownOrgVendors).map((c) => c.solution.id);
    expect(ids).toEqual(['s-published']);
  });

  it('hold whatever the scores: the matcher never returns the others, even as perfect text matches', () => {
    const results = rankSolutionsForNeed(aNeed(), [published, ...others], ownOrgVendors, {
      now: NOW,
      limit: 50,
    });
    expect(results.map((r) => r.solutionId)).toEqual(['s-published']);
  });
});

describe('needs recommended for a solution', () => {
  const open = aNeed({ id: 'n-open' });
  const needs = [
    open,
    aNeed({ id: 'n-draft', status: 'draft' }),
    aNeed({ id: 'n-closed', status: 'closed' }),
    aNeed({ id: 'n-in-progress', status: 'in_progress' }),
    aNeed({ id: 'n-expired', deadline: '2025-05-31T23:59:59.000Z' }),
    aNeed({ id: 'n-own-org', orgId: vendor.id }),
  ];

  it('keep only published needs of other organizations before their deadline', () => {
    expect(eligibleNeeds(aSolution(), vendor, needs, NOW).map((n) => n.id)).toEqual(['n-open']);
    expect(eligibleNeeds(aSolution(), vendor, [aNeed({ deadline: NOW.toISOString() })], NOW)).toHaveLength(1);
  });

  it('are none for a retired solution or a suspended vendor', () => {
    expect(eligibleNeeds(aSolution({ status: 'retired' }), vendor, needs, NOW)).toEqual([]);
    expect(eligibleNeeds(aSolution({ vendorId: suspended.id }), suspended, needs, NOW)).toEqual([]);
    expect(eligibleNeeds(aSolution(), undefined, needs, NOW)).toEqual([]);
  });

  it('hold in both reverse rankings', () => {
    expect(rankNeedsForSolution(aSolution(), vendor, needs, { now: NOW }).map((m) => m.needId)).toEqual([
      'n-open',
    ]);
    expect(rankNeedsForVendor(vendor, [aSolution()], needs, { now: NOW }).map((m) => m.needId)).toEqual([
      'n-open',
    ]);
    expect(
      rankNeedsForVendor(suspended, [aSolution({ vendorId: suspended.id })], needs, { now: NOW }),
    ).toEqual([]);
  });
});
