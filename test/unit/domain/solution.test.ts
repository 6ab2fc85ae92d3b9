import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../src/domain/shared/actor.js';
import type { SolutionCommand } from '../../../src/domain/solution/commands.js';
import {
  rejectSolutionSchema,
  solutionChangesSchema,
  solutionFieldsSchema,
} from '../../../src/domain/solution/commands.js';
import { solutionDecider } from '../../../src/domain/solution/decider.js';
import type { SolutionCreated, SolutionEvent } from '../../../src/domain/solution/events.js';
import {
  AT,
  CAMPAIGN,
  campaignFacts,
  context,
  demander,
  orgFacts,
  refusedPaths,
  solutionFields,
  staff,
  VENDOR_ORG,
  vendor,
  vendorFacts,
} from './listing-fixtures.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(solutionDecider);
const SOLUTION = '0195a0c0-0000-7000-8000-0000000000d1';
const otherVendor: Actor = {
  userId: 'user-other-vendor',
  orgId: '0195a0c0-0000-7000-8000-00000000000d',
  role: 'vendor',
};

const created = (overrides: Partial<SolutionCreated['data']> = {}): SolutionEvent => ({
  type: 'SolutionCreated',
  data: {
    solutionId: SOLUTION,
    vendorId: VENDOR_ORG,
    ...solutionFields,
    campaignId: null,
    at: AT,
    ...overrides,
  },
});
const inCampaign = created({ campaignId: CAMPAIGN });
const submitted: SolutionEvent = {
  type: 'SolutionSubmitted',
  data: { solutionId: SOLUTION, campaignId: null, at: AT },
};
const rejected: SolutionEvent = {
  type: 'SolutionRejected',
  data: { solutionId: SOLUTION, reason: '案例材料不全', at: AT },
};
const approved: SolutionEvent = { type: 'SolutionApproved', data: { solutionId: SOLUTION, at: AT } };
const published: SolutionEvent = { type: 'SolutionPublished', data: { solutionId: SOLUTION, at: AT } };
const retired = (by: 'vendor' | 'staff'): SolutionEvent => ({
  type: 'SolutionRetired',
  data: { solutionId: SOLUTION, by, at: AT },
});

const historyOf = {
  draft: [created()],
  submitted: [created(), submitted],
  rejected: [created(), submitted, rejected],
  published: [created(), submitted, approved, published],
  retired: [created(), retired('vendor')],
};

const create = (actor: Actor, fields: object = solutionFields, org = vendorFacts()): SolutionCommand => ({
  type: 'CreateSolution',
  data: { solutionId: SOLUTION, fields: fields as typeof solutionFields, org },
  context: context(actor),
});
const update = (changes: object, actor: Actor = vendor): SolutionCommand => ({
  type: 'UpdateSolution',
  data: { solutionId: SOLUTION, changes },
  context: context(actor),
});
const submit = (actor: Actor = vendor, org = vendorFacts(), campaign = campaignFacts()): SolutionCommand => ({
  type: 'SubmitSolution',
  data: { solutionId: SOLUTION, org, campaign },
  context: context(actor),
});
const simple = (type: 'ApproveSolution' | 'RetireSolution', actor: Actor): SolutionCommand => ({
  type,
  data: { solutionId: SOLUTION },
  context: context(actor),
});
const reject = (reason: string, actor: Actor = staff): SolutionCommand => ({
  type: 'RejectSolution',
  data: { solutionId: SOLUTION, reason },
  context: context(actor),
});

describe('CreateSolution', () => {
  it('folds into a draft whose state holds the solution fields and nothing of the event envelope', () => {
    const state = [created()].reduce(solutionDecider.evolve, solutionDecider.initialState());
    expect(state).toMatchObject({ status: 'draft', id: SOLUTION });
    expect(state).not.toHaveProperty('at');
    expect(state).not.toHaveProperty('solutionId');
  });

  it('creates a draft owned by the vendor', () => spec([]).when(create(vendor)).then([created()]));

  it('keeps the campaign it names', () =>
    spec([])
      .when(create(vendor, { ...solutionFields, campaignId: CAMPAIGN }))
      .then([inCampaign]));

  it.each([
    ['a demander user', demander, vendorFacts()],
    ['staff', staff, vendorFacts()],
    ['a vendor of another organization', otherVendor, vendorFacts()],
    ['a demander organization', vendor, orgFacts({ id: VENDOR_ORG })],
    ['an organization that does not exist', vendor, vendorFacts({ status: 'initial' })],
  ])('refuses %s', (_, actor, org) =>
    spec([])
      .when(create(actor, solutionFields, org))
      .thenThrows('solution.vendor_only', 403),
  );

  it('refuses a suspended vendor', () =>
    spec([])
      .when(create(vendor, solutionFields, vendorFacts({ status: 'suspended' })))
      .thenThrows('solution.org_suspended', 403));

  it('refuses to create a solution twice', () =>
    spec([created()]).when(create(vendor)).thenThrows('solution.already_exists', 409));

  it.each([
    ['title shorter than 4', { title: '视觉' }, 'title'],
    ['description shorter than 20', { description: '视觉检测平台' }, 'description'],
    ['no industry', { industries: [] }, 'industries'],
    ['unknown scenario type', { scenarioTypes: ['fun'] }, 'scenarioTypes.0'],
    ['no technology', { technologies: [] }, 'technologies'],
    [
      'more than 8 technologies',
      {
        technologies: [
          'ai',
          'llm',
          'machine-vision',
          'big-data',
          'cloud',
          'iot',
          'industrial-internet',
          'digital-twin',
          '5g',
        ],
      },
      'technologies',
    ],
    ['province-wide mixed with a city', { regionsServed: ['*', 'jinan'] }, 'regionsServed'],
    ['unknown region', { regionsServed: ['beijing'] }, 'regionsServed.0'],
    ['price min above max', { priceWan: { min: 90, max: 80 } }, 'priceWan.max'],
    ['unknown deployment', { deployment: 'cloud' }, 'deployment'],
    ['unknown field', { vendorId: 'x' }, 'vendorId'],
  ])('rejects %s', (_, change, path) => {
    expect(refusedPaths(solutionFieldsSchema, { ...solutionFields, ...change })).toContain(path);
  });

  it('accepts a list of cities served', () =>
    spec([])
      .when(create(vendor, { ...solutionFields, regionsServed: ['jinan', 'qingdao'] }))
      .then([created({ regionsServed: ['jinan', 'qingdao'] })]));
});

describe('UpdateSolution', () => {
  it('records only the fields that changed', () =>
    spec([created()])
      .when(update({ deployment: 'saas', title: solutionFields.title }))
      .then([
        { type: 'SolutionUpdated', data: { solutionId: SOLUTION, changes: { deployment: 'saas' }, at: AT } },
      ]));

  it('changes nothing when nothing differs', () =>
    spec([created()])
      .when(update({ deployment: 'hybrid' }))
      .then([]));

  it('lets a rejected solution be corrected', () =>
    spec(historyOf.rejected)
      .when(update({ priceWan: { min: 20, max: 80 } }))
      .then([
        {
          type: 'SolutionUpdated',
          data: { solutionId: SOLUTION, changes: { priceWan: { min: 20, max: 80 } }, at: AT },
        },
      ]));

  it.each(['submitted', 'published', 'retired'] as const)('refuses edits once %s', (status) =>
    spec(historyOf[status])
      .when(update({ deployment: 'saas' }))
      .thenThrows('solution.not_editable', 409),
  );

  it.each([
    ['another vendor', otherVendor],
    ['staff', staff],
  ])('refuses edits by %s', (_, actor) =>
    spec([created()])
      .when(update({ deployment: 'saas' }, actor))
      .thenThrows('solution.forbidden', 403),
  );

  it('validates the changed fields', () =>
    expect(refusedPaths(solutionChangesSchema, { regionsServed: [] })).toEqual(['regionsServed']));

  it('is a 404 for a solution that does not exist', () =>
    spec([])
      .when(update({ deployment: 'saas' }))
      .thenThrows('solution.not_found', 404));
});

describe('SubmitSolution', () => {
  it('sends a draft to review', () => spec([created()]).when(submit()).then([submitted]));

  it('resubmits a corrected solution', () => spec(historyOf.rejected).when(submit()).then([submitted]));

  it('does nothing for a solution already under review', () =>
    spec(historyOf.submitted).when(submit()).then([]));

  it('submits into an open campaign that takes solutions', () =>
    spec([inCampaign])
      .when(submit(vendor, vendorFacts(), campaignFacts({ kind: 'solutions' })))
      .then([{ type: 'SolutionSubmitted', data: { solutionId: SOLUTION, campaignId: CAMPAIGN, at: AT } }]));

  it('refuses a vendor not verified yet', () =>
    spec([created()])
      .when(submit(vendor, vendorFacts({ status: 'pending' })))
      .thenThrows('solution.org_not_verified', 403));

  it('refuses a suspended vendor', () =>
    spec([created()])
      .when(submit(vendor, vendorFacts({ status: 'suspended' })))
      .thenThrows('solution.org_suspended', 403));

  it('refuses anyone but the owner', () =>
    spec([created()]).when(submit(otherVendor)).thenThrows('solution.forbidden', 403));

  it.each(['published', 'retired'] as const)('refuses a solution %s', (status) =>
    spec(historyOf[status]).when(submit()).thenThrows('solution.not_submittable', 409),
  );

  it('refuses a closed campaign', () =>
    spec([inCampaign])
      .when(submit(vendor, vendorFacts(), campaignFacts({ status: 'closed' })))
      .thenThrows('solution.campaign_not_open', 409));

  it('refuses a campaign that collects only needs', () =>
    spec([inCampaign])
      .when(submit(vendor, vendorFacts(), campaignFacts({ kind: 'needs' })))
      .thenThrows('solution.campaign_kind_mismatch', 409));
});

describe('ApproveSolution', () => {
  it('publishes the solution', () =>
    spec(historyOf.submitted).when(simple('ApproveSolution', staff)).then([approved, published]));

  it('refuses the vendor', () =>
    spec(historyOf.submitted).when(simple('ApproveSolution', vendor)).thenThrows('solution.staff_only', 403));

  it.each(['draft', 'rejected', 'published', 'retired'] as const)('refuses a solution %s', (status) =>
    spec(historyOf[status])
      .when(simple('ApproveSolution', staff))
      .thenThrows('solution.not_under_review', 409),
  );
});

describe('RejectSolution', () => {
  it('sends the solution back with the reason', () =>
    spec(historyOf.submitted).when(reject('案例材料不全')).then([rejected]));

  it('requires a reason', () =>
    expect(refusedPaths(rejectSolutionSchema, { reason: '' })).toEqual(['reason']));

  it('refuses the vendor', () =>
    spec(historyOf.submitted).when(reject('案例材料不全', vendor)).thenThrows('solution.staff_only', 403));

  it('refuses a solution not under review', () =>
    spec(historyOf.published).when(reject('案例材料不全')).thenThrows('solution.not_under_review', 409));
});

describe('RetireSolution', () => {
  it.each(['draft', 'submitted', 'rejected', 'published'] as const)(
    'lets the vendor retire a solution %s',
    (status) =>
      spec(historyOf[status])
        .when(simple('RetireSolution', vendor))
        .then([retired('vendor')]),
  );

  it('lets staff delist a published solution', () =>
    spec(historyOf.published)
      .when(simple('RetireSolution', staff))
      .then([retired('staff')]));

  it('does nothing for a retired solution', () =>
    spec(historyOf.retired).when(simple('RetireSolution', vendor)).then([]));

  it('refuses another vendor', () =>
    spec(historyOf.published)
      .when(simple('RetireSolution', otherVendor))
      .thenThrows('solution.forbidden', 403));

  it('is a 404 for a solution that does not exist', () =>
    spec([]).when(simple('RetireSolution', staff)).thenThrows('solution.not_found', 404));
});
