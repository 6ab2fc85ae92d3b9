import { describe, expect, it } from 'vitest';
import type { NeedCommand } from '../../../src/domain/need/commands.js';
import { needChangesSchema, needFieldsSchema, rejectNeedSchema } from '../../../src/domain/need/commands.js';
import { needDecider } from '../../../src/domain/need/decider.js';
import type { NeedCreated, NeedEvent } from '../../../src/domain/need/events.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import type { CampaignFacts } from '../../../src/domain/shared/campaign-facts.js';
import { parseInput } from '../../../src/domain/shared/validation.js';
import {
  AT,
  anonymousActor,
  CAMPAIGN,
  campaignFacts,
  contact,
  context,
  DEMANDER_ORG,
  demander,
  invalidPaths,
  NOW,
  needFields,
  orgContact,
  orgFacts,
  otherDemander,
  refusedPaths,
  staff,
  vendor,
  vendorFacts,
} from './listing-fixtures.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(needDecider);
const NEED = '0195a0c0-0000-7000-8000-0000000000e1';
const ENGAGEMENT = '0195a0c0-0000-7000-8000-0000000000f1';
const OTHER_ENGAGEMENT = '0195a0c0-0000-7000-8000-0000000000f2';

const created = (overrides: Partial<NeedCreated['data']> = {}): NeedEvent => ({
  type: 'NeedCreated',
  data: {
    needId: NEED,
    orgId: DEMANDER_ORG,
    ...needFields,
    deadline: null,
    campaignId: null,
    contact: orgContact,
    at: AT,
    ...overrides,
  },
});
const inCampaign = created({ campaignId: CAMPAIGN });
const submitted: NeedEvent = { type: 'NeedSubmitted', data: { needId: NEED, campaignId: null, at: AT } };
const rejected: NeedEvent = { type: 'NeedRejected', data: { needId: NEED, reason: '预算说明不足', at: AT } };
const approved: NeedEvent = { type: 'NeedApproved', data: { needId: NEED, at: AT } };
const published: NeedEvent = {
  type: 'NeedPublished',
  data: { needId: NEED, campaignId: null, listVersion: null, at: AT },
};
const inProgress: NeedEvent = {
  type: 'NeedMarkedInProgress',
  data: { needId: NEED, engagementId: ENGAGEMENT, at: AT },
};
const fulfilled: NeedEvent = {
  type: 'NeedFulfilled',
  data: { needId: NEED, engagementId: ENGAGEMENT, at: AT },
};
const withdrawn: NeedEvent = { type: 'NeedWithdrawn', data: { needId: NEED, at: AT } };

const historyOf = {
  draft: [created()],
  submitted: [created(), submitted],
  rejected: [created(), submitted, rejected],
  approved: [inCampaign, submitted, approved],
  published: [created(), submitted, approved, published],
  in_progress: [created(), submitted, approved, published, inProgress],
  fulfilled: [created(), submitted, approved, published, inProgress, fulfilled],
  closed: [created(), withdrawn],
};

const create = (actor: Actor, fields: object = needFields, org = orgFacts()): NeedCommand => ({
  type: 'CreateNeed',
  data: { needId: NEED, fields: fields as typeof needFields, org },
  context: context(actor),
});
const update = (changes: object, actor: Actor = demander): NeedCommand => ({
  type: 'UpdateNeed',
  data: { needId: NEED, changes },
  context: context(actor),
});
const submit = (
  actor: Actor = demander,
  org = orgFacts(),
  campaign: CampaignFacts | null = campaignFacts(),
  now = NOW,
): NeedCommand => ({
  type: 'SubmitNeed',
  data: { needId: NEED, org, campaign },
  context: context(actor, now),
});
const simple = (
  type: 'ApproveNeed' | 'WithdrawNeed' | 'ExpireNeed',
  actor: Actor,
  now = NOW,
): NeedCommand => ({
  type,
  data: { needId: NEED },
  context: context(actor, now),
});
const reject = (reason: string, actor: Actor = staff): NeedCommand => ({
  type: 'RejectNeed',
  data: { needId: NEED, reason },
  context: context(actor),
});
const publish = (campaignId = CAMPAIGN, actor: Actor = staff): NeedCommand => ({
  type: 'PublishNeed',
  data: { needId: NEED, campaignId, listVersion: 1 },
  context: context(actor),
});
const mark = (
  type: 'MarkNeedInProgress' | 'MarkNeedFulfilled',
  engagementId = ENGAGEMENT,
  actor: Actor = vendor,
): NeedCommand => ({ type, data: { needId: NEED, engagementId }, context: context(actor) });

describe('CreateNeed', () => {
  it('folds into a draft whose state holds the need fields and nothing of the event envelope', () => {
    const state = [created()].reduce(needDecider.evolve, needDecider.initialState());
    expect(state).toMatchObject({ status: 'draft', id: NEED, createdAt: AT, updatedAt: AT });
    expect(state).not.toHaveProperty('at');
    expect(state).not.toHaveProperty('needId');
  });

  it('creates a draft that shows the organization contact by default', () =>
    spec([]).when(create(demander)).then([created()]));

  it('keeps the contact, deadline and campaign the need names', () =>
    spec([])
      .when(create(demander, { ...needFields, contact, deadline: '2025-06-30', campaignId: CAMPAIGN }))
      .then([created({ contact, deadline: '2025-06-30', campaignId: CAMPAIGN })]));

  it('trims text fields', () =>
    spec([])
      .when(
        create(demander, parseInput(needFieldsSchema, { ...needFields, title: `  ${needFields.title}  ` })),
      )
      .then([created()]));

  it.each([
    ['a vendor user', vendor, orgFacts()],
    ['staff', staff, orgFacts()],
    ['a demander of another organization', otherDemander, orgFacts()],
    ['a vendor organization', demander, vendorFacts({ id: DEMANDER_ORG })],
    ['an organization that does not exist', demander, orgFacts({ status: 'initial' })],
  ])('refuses %s', (_, actor, org) =>
    spec([])
      .when(create(actor, needFields, org))
      .thenThrows('need.demander_only', 403),
  );

  it('refuses a suspended organization', () =>
    spec([])
      .when(create(demander, needFields, orgFacts({ status: 'suspended' })))
      .thenThrows('need.org_suspended', 403));

  it('lets a pending organization prepare drafts', () =>
    spec([])
      .when(create(demander, needFields, orgFacts({ status: 'pending' })))
      .then([created()]));

  it('refuses to create a need twice', () =>
    spec([created()]).when(create(demander)).thenThrows('need.already_exists', 409));

  it.each([
    ['title shorter than 4', { title: '质检' }, 'title'],
    ['title longer than 60', { title: '长'.repeat(61) }, 'title'],
    ['description shorter than 20', { description: '需要视觉检测' }, 'description'],
    ['description longer than 3000', { description: '长'.repeat(3001) }, 'description'],
    ['unknown industry', { industry: 'steel' }, 'industry'],
    ['unknown scenario type', { scenarioType: 'fun' }, 'scenarioType'],
    ['unknown city', { city: 'beijing' }, 'city'],
    ['unknown technology', { technologies: ['ai', 'quantum'] }, 'technologies.1'],
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
    ['repeated technologies', { technologies: ['ai', 'ai'] }, 'technologies'],
    ['budget min above max', { budgetWan: { min: 200, max: 100 } }, 'budgetWan.max'],
    ['negative budget', { budgetWan: { min: -1, max: 100 } }, 'budgetWan.min'],
    ['missing budget', { budgetWan: undefined }, 'budgetWan'],
    ['malformed deadline', { deadline: '2025/06/30' }, 'deadline'],
    ['impossible deadline', { deadline: '2025-02-30' }, 'deadline'],
    ['campaign id that is no id', { campaignId: 'spring' }, 'campaignId'],
    ['bad phone', { contact: { ...contact, phone: '12345' } }, 'contact.phone'],
    ['bad email', { contact: { ...contact, email: 'wang@' } }, 'contact.email'],
    ['unknown field', { status: 'published' }, 'status'],
  ])('rejects %s', (_, change, path) => {
    expect(refusedPaths(needFieldsSchema, { ...needFields, ...change })).toContain(path);
  });

  it('rejects a deadline already passed', () => {
    const command = create(demander, { ...needFields, deadline: '2025-02-28' });
    spec([]).when(command).thenThrows('validation', 422);
    expect(invalidPaths(() => needDecider.decide(command, needDecider.initialState()))).toEqual(['deadline']);
  });

  it('accepts a landline, a +86 mobile and a deadline later today', () =>
    spec([])
      .when(
        create(demander, {
          ...needFields,
          deadline: '2025-03-01',
          contact: { ...contact, phone: '+86 13912345678' },
        }),
      )
      .then([created({ deadline: '2025-03-01', contact: { ...contact, phone: '+86 13912345678' } })]));
});

describe('UpdateNeed', () => {
  it('records only the fields that changed', () =>
    spec([created()])
      .when(update({ title: needFields.title, budgetWan: { min: 60, max: 120 }, city: 'qingdao' }))
      .then([
        {
          type: 'NeedUpdated',
          data: { needId: NEED, changes: { budgetWan: { min: 60, max: 120 }, city: 'qingdao' }, at: AT },
        },
      ]));

  it('changes nothing when nothing differs', () =>
    spec([created()])
      .when(update({ city: 'jinan' }))
      .then([]));

  it('lets a rejected need be corrected', () =>
    spec(historyOf.rejected)
      .when(update({ description: `${needFields.description}预算已细化。` }))
      .then([
        {
          type: 'NeedUpdated',
          data: { needId: NEED, changes: { description: `${needFields.description}预算已细化。` }, at: AT },
        },
      ]));

  it('clears the campaign and the deadline with null', () =>
    spec([created({ campaignId: CAMPAIGN, deadline: '2025-06-30' })])
      .when(update({ campaignId: null, deadline: null }))
      .then([
        {
          type: 'NeedUpdated',
          data: { needId: NEED, changes: { campaignId: null, deadline: null }, at: AT },
        },
      ]));

  it.each(['submitted', 'approved', 'published', 'in_progress', 'fulfilled', 'closed'] as const)(
    'refuses edits once %s',
    (status) =>
      spec(historyOf[status])
        .when(update({ city: 'qingdao' }))
        .thenThrows('need.not_editable', 409),
  );

  it.each([
    ['another organization', otherDemander],
    ['staff', staff],
  ])('refuses edits by %s', (_, actor) =>
    spec([created()])
      .when(update({ city: 'qingdao' }, actor))
      .thenThrows('need.forbidden', 403),
  );

  it('validates the changed fields', () => {
    expect(refusedPaths(needChangesSchema, { budgetWan: { min: 10, max: 5 } })).toContain('budgetWan.max');
    expect(refusedPaths(needChangesSchema, { title: 'x' })).toEqual(['title']);
  });

  it('refuses a deadline in the past', () =>
    spec([created()])
      .when(update({ deadline: '2024-12-31' }))
      .thenThrows('validation', 422));

  it('is a 404 for a need that does not exist', () =>
    spec([])
      .when(update({ city: 'qingdao' }))
      .thenThrows('need.not_found', 404));
});

describe('SubmitNeed', () => {
  it('sends a draft to review', () => spec([created()]).when(submit()).then([submitted]));

  it('resubmits a corrected need', () => spec(historyOf.rejected).when(submit()).then([submitted]));

  it('does nothing for a need already under review', () => spec(historyOf.submitted).when(submit()).then([]));

  it('submits into an open campaign that takes needs', () =>
    spec([inCampaign])
      .when(submit(demander, orgFacts(), campaignFacts({ kind: 'needs' })))
      .then([{ type: 'NeedSubmitted', data: { needId: NEED, campaignId: CAMPAIGN, at: AT } }]));

  it('refuses an organization not verified yet', () =>
    spec([created()])
      .when(submit(demander, orgFacts({ status: 'pending' })))
      .thenThrows('need.org_not_verified', 403));

  it('refuses a suspended organization', () =>
    spec([created()])
      .when(submit(demander, orgFacts({ status: 'suspended' })))
      .thenThrows('need.org_suspended', 403));

  it.each([
    ['another organization', otherDemander],
    ['staff', staff],
  ])('refuses %s', (_, actor) => spec([created()]).when(submit(actor)).thenThrows('need.forbidden', 403));

  it.each(['approved', 'published', 'in_progress', 'fulfilled', 'closed'] as const)(
    'refuses a need %s',
    (status) => spec(historyOf[status]).when(submit()).thenThrows('need.not_submittable', 409),
  );

  it('refuses a need whose deadline passed while in draft', () =>
    spec([created({ deadline: '2025-02-28' })])
      .when(submit())
      .thenThrows('validation', 422));

  it.each([
    ['closed', campaignFacts({ status: 'closed' })],
    ['not found', campaignFacts({ status: 'initial' })],
    ['past its closing time', campaignFacts({ closesAt: '2025-03-01T07:00:00.000Z' })],
    ['not open yet', campaignFacts({ opensAt: '2025-03-02T00:00:00.000Z' })],
    ['another campaign', campaignFacts({ id: '0195a0c0-0000-7000-8000-0000000000c2' })],
    ['not loaded', null],
  ])('refuses a campaign %s', (_, campaign) =>
    spec([inCampaign])
      .when(submit(demander, orgFacts(), campaign))
      .thenThrows('need.campaign_not_open', 409),
  );

  it('refuses a campaign that collects only solutions', () =>
    spec([inCampaign])
      .when(submit(demander, orgFacts(), campaignFacts({ kind: 'solutions' })))
      .thenThrows('need.campaign_kind_mismatch', 409));
});

describe('ApproveNeed', () => {
  it('publishes a need outside campaigns at once', () =>
    spec(historyOf.submitted).when(simple('ApproveNeed', staff)).then([approved, published]));

  it('keeps a campaign need approved until its list is published', () =>
    spec([inCampaign, submitted]).when(simple('ApproveNeed', staff)).then([approved]));

  it.each([
    ['the owner', demander],
    ['a vendor', vendor],
  ])('refuses %s', (_, actor) =>
    spec(historyOf.submitted).when(simple('ApproveNeed', actor)).thenThrows('need.staff_only', 403),
  );

  it.each(['draft', 'rejected', 'approved', 'published', 'closed'] as const)('refuses a need %s', (status) =>
    spec(historyOf[status]).when(simple('ApproveNeed', staff)).thenThrows('need.not_under_review', 409),
  );
});

describe('RejectNeed', () => {
  it('sends the need back with the reason', () =>
    spec(historyOf.submitted).when(reject('预算说明不足')).then([rejected]));

  it('requires a reason', () => expect(refusedPaths(rejectNeedSchema, { reason: ' ' })).toEqual(['reason']));

  it('refuses the owner', () =>
    spec(historyOf.submitted).when(reject('预算说明不足', demander)).thenThrows('need.staff_only', 403));

  it('refuses a need not under review', () =>
    spec(historyOf.draft).when(reject('预算说明不足')).thenThrows('need.not_under_review', 409));

  it('clears the reason on resubmission', () => {
    const state = [...historyOf.rejected, submitted].reduce(needDecider.evolve, needDecider.initialState());
    expect(state.rejectionReason).toBeNull();
  });
});

describe('WithdrawNeed', () => {
  it.each(['draft', 'submitted', 'rejected', 'approved', 'published'] as const)(
    'closes a need %s',
    (status) => spec(historyOf[status]).when(simple('WithdrawNeed', demander)).then([withdrawn]),
  );

  it('does nothing for a closed need', () =>
    spec(historyOf.closed).when(simple('WithdrawNeed', demander)).then([]));

  it.each(['in_progress', 'fulfilled'] as const)('refuses a need %s', (status) =>
    spec(historyOf[status]).when(simple('WithdrawNeed', demander)).thenThrows('need.not_open', 409),
  );

  it.each([
    ['another organization', otherDemander],
    ['staff', staff],
  ])('refuses %s', (_, actor) =>
    spec(historyOf.published).when(simple('WithdrawNeed', actor)).thenThrows('need.forbidden', 403),
  );
});

describe('ExpireNeed', () => {
  const due = [created({ deadline: '2025-03-01' }), submitted, approved, published];
  const after = new Date('2025-03-01T16:00:00.000Z');

  it('closes a published need once its deadline day is over in China', () =>
    spec(due)
      .when(simple('ExpireNeed', staff, after))
      .then([
        { type: 'NeedExpired', data: { needId: NEED, deadline: '2025-03-01', at: after.toISOString() } },
      ]));

  it('refuses before the deadline day is over', () =>
    spec(due)
      .when(simple('ExpireNeed', staff, new Date('2025-03-01T15:59:00.000Z')))
      .thenThrows('need.not_expired', 409));

  it('refuses a need without deadline', () =>
    spec(historyOf.published)
      .when(simple('ExpireNeed', staff, after))
      .thenThrows('need.not_expired', 409));

  it('refuses the owner', () =>
    spec(due)
      .when(simple('ExpireNeed', demander, after))
      .thenThrows('need.staff_only', 403));

  it('does nothing for a closed need', () =>
    spec([...due, withdrawn])
      .when(simple('ExpireNeed', staff, after))
      .then([]));

  it('refuses a need in progress', () =>
    spec([...due, inProgress])
      .when(simple('ExpireNeed', staff, after))
      .thenThrows('need.not_open', 409));
});

describe('PublishNeed', () => {
  const approvedInCampaign = historyOf.approved;
  const listed: NeedEvent = {
    type: 'NeedPublished',
    data: { needId: NEED, campaignId: CAMPAIGN, listVersion: 1, at: AT },
  };

  it("publishes an approved need with its campaign's list", () =>
    spec(approvedInCampaign).when(publish()).then([listed]));

  it('does nothing when already published with that campaign', () =>
    spec([...approvedInCampaign, listed])
      .when(publish())
      .then([]));

  it('refuses another campaign', () =>
    spec(approvedInCampaign)
      .when(publish('0195a0c0-0000-7000-8000-0000000000c2'))
      .thenThrows('need.campaign_mismatch', 409));

  it('refuses a need not approved', () =>
    spec([inCampaign, submitted]).when(publish()).thenThrows('need.not_approved', 409));

  it('refuses anyone but staff', () =>
    spec(approvedInCampaign).when(publish(CAMPAIGN, demander)).thenThrows('need.staff_only', 403));
});

describe('MarkNeedInProgress', () => {
  it('starts implementation of a published need', () =>
    spec(historyOf.published).when(mark('MarkNeedInProgress')).then([inProgress]));

  it('does nothing when the same engagement marks it again', () =>
    spec(historyOf.in_progress).when(mark('MarkNeedInProgress')).then([]));

  it('refuses a second engagement', () =>
    spec(historyOf.in_progress)
      .when(mark('MarkNeedInProgress', OTHER_ENGAGEMENT))
      .thenThrows('need.already_in_progress', 409));

  it('refuses a need not published', () =>
    spec(historyOf.approved).when(mark('MarkNeedInProgress')).thenThrows('need.not_published', 409));

  it('refuses an anonymous caller', () =>
    spec(historyOf.published)
      .when(mark('MarkNeedInProgress', ENGAGEMENT, anonymousActor))
      .thenThrows('need.forbidden', 403));
});

describe('MarkNeedFulfilled', () => {
  it('fulfils the need its engagement delivered', () =>
    spec(historyOf.in_progress)
      .when(mark('MarkNeedFulfilled', ENGAGEMENT, demander))
      .then([fulfilled]));

  it('does nothing when already fulfilled', () =>
    spec(historyOf.fulfilled)
      .when(mark('MarkNeedFulfilled', ENGAGEMENT, demander))
      .then([]));

  it('refuses another engagement', () =>
    spec(historyOf.in_progress)
      .when(mark('MarkNeedFulfilled', OTHER_ENGAGEMENT))
      .thenThrows('need.engagement_mismatch', 409));

  it('refuses a need not in progress', () =>
    spec(historyOf.published).when(mark('MarkNeedFulfilled')).thenThrows('need.not_in_progress', 409));

  it('refuses an anonymous caller', () =>
    spec(historyOf.in_progress)
      .when(mark('MarkNeedFulfilled', ENGAGEMENT, anonymousActor))
      .thenThrows('need.forbidden', 403));
});

describe('commands on a need that does not exist', () => {
  it.each([
    submit(),
    simple('ApproveNeed', staff),
    reject('原因说明'),
    simple('WithdrawNeed', demander),
    simple('ExpireNeed', staff),
    publish(),
    mark('MarkNeedInProgress'),
    mark('MarkNeedFulfilled'),
  ])('$type is a 404', (command) => spec([]).when(command).thenThrows('need.not_found', 404));
});

describe('the brief (揭榜挂帅)', () => {
  const brief = {
    problem: '三条产线共12名质检员人工目检，漏检率约3%。',
    goals: '表面缺陷自动在线检测，质检员转岗复核。',
    requirements: '本地部署，与现有MES对接。',
    acceptanceCriteria: ['缺陷检出率不低于99%', '误报率不高于2%'],
    periodMonths: 6,
  };

  it('keeps the parts of the brief a new need fills in', () =>
    spec([])
      .when(create(demander, parseInput(needFieldsSchema, { ...needFields, ...brief })))
      .then([created(brief)]));

  it('writes no brief into a need created without one, as before briefs existed', () => {
    spec([]).when(create(demander)).then([created()]);
    const state = [created()].reduce(needDecider.evolve, needDecider.initialState());
    expect(state).toMatchObject({
      problem: null,
      goals: null,
      requirements: null,
      acceptanceCriteria: [],
      periodMonths: null,
    });
  });

  it('folds the brief of the events into the need', () => {
    const state = [created(brief)].reduce(needDecider.evolve, needDecider.initialState());
    expect(state).toMatchObject(brief);
  });

  it('records a changed part and clears a part with null or an empty list', () =>
    spec([created(brief)])
      .when(
        update({
          ...brief,
          goals: '检出率提升到99%以上。',
          problem: null,
          acceptanceCriteria: [],
        }),
      )
      .then([
        {
          type: 'NeedUpdated',
          data: {
            needId: NEED,
            changes: { goals: '检出率提升到99%以上。', problem: null, acceptanceCriteria: [] },
            at: AT,
          },
        },
      ]));

  it('adds a brief to a need created without one', () =>
    spec([created()])
      .when(update({ periodMonths: 6, acceptanceCriteria: brief.acceptanceCriteria }))
      .then([
        {
          type: 'NeedUpdated',
          data: {
            needId: NEED,
            changes: { periodMonths: 6, acceptanceCriteria: brief.acceptanceCriteria },
            at: AT,
          },
        },
      ]));

  it.each([
    ['a problem of one character', { problem: '慢' }, 'problem', '现状与痛点须为2到2000个字'],
    ['goals longer than 2000', { goals: '长'.repeat(2001) }, 'goals', '建设目标须为2到2000个字'],
    ['requirements with a control character', { requirements: '本地\u0000部署' }, 'requirements', '技术要求'],
    ['a criterion that is not text', { acceptanceCriteria: [95] }, 'acceptanceCriteria.0', '验收指标'],
    [
      'a criterion over two lines',
      { acceptanceCriteria: ['准确率\n95%'] },
      'acceptanceCriteria.0',
      '验收指标须为一行文字',
    ],
    [
      'more than 20 criteria',
      { acceptanceCriteria: Array(21).fill('准确率95%') },
      'acceptanceCriteria',
      '验收指标最多填写20条',
    ],
    ['a period of 0 months', { periodMonths: 0 }, 'periodMonths', '实施周期须为1到120个月'],
    ['a period of half a month', { periodMonths: 1.5 }, 'periodMonths', '实施周期须为整数个月'],
    ['a period that is no number', { periodMonths: '六个月' }, 'periodMonths', '实施周期须为数字（月）'],
  ])('refuses %s in the words of the form', (_, change, path, message) => {
    for (const schema of [needFieldsSchema, needChangesSchema]) {
      const parsed = schema.safeParse({ ...needFields, ...change });
      expect(parsed.success).toBe(false);
      const issue = parsed.error?.issues.find((i) => i.path.join('.') === path);
      expect(issue?.message).toContain(message);
    }
  });
});
