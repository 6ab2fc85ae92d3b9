import { describe, expect, it } from 'vitest';
import type { EngagementCommand } from '../../../src/domain/engagement/commands.js';
import { shortlistEngagementInput } from '../../../src/domain/engagement/commands.js';
import { engagementDecider } from '../../../src/domain/engagement/decider.js';
import type { EngagementEvent } from '../../../src/domain/engagement/events.js';
import type { OrganizationStatus } from '../../../src/domain/organization/state.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { parseInput } from '../../../src/domain/shared/validation.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(engagementDecider);

const ENGAGEMENT = '01900000-0000-7000-8000-00000000e001';
const NEED = '01900000-0000-7000-8000-00000000a001';
const SOLUTION = '01900000-0000-7000-8000-00000000b001';
const DEMANDER_ORG = '01900000-0000-7000-8000-00000000d001';
const VENDOR_ORG = '01900000-0000-7000-8000-00000000f001';
const OTHER_ORG = '01900000-0000-7000-8000-00000000f002';

const demander: Actor = { userId: 'u-demander', orgId: DEMANDER_ORG, role: 'demander' };
const vendor: Actor = { userId: 'u-vendor', orgId: VENDOR_ORG, role: 'vendor' };
const otherVendor: Actor = { userId: 'u-other', orgId: OTHER_ORG, role: 'vendor' };
const otherDemander: Actor = { userId: 'u-other-d', orgId: OTHER_ORG, role: 'demander' };
const staff: Actor = { userId: 'u-staff', orgId: null, role: 'staff' };

const T0 = '2025-03-01T08:00:00.000Z';
const now = new Date('2025-03-02T08:00:00.000Z');
const at = now.toISOString();

function command<Type extends EngagementCommand['type']>(
  type: Type,
  data: Extract<EngagementCommand, { type: Type }>['data'],
  actor: Actor,
): EngagementCommand {
  return { type, data, context: { actor, now } } as EngagementCommand;
}

const opening = {
  engagementId: ENGAGEMENT,
  needId: NEED,
  needOrgId: DEMANDER_ORG,
  solutionId: SOLUTION,
  vendorId: VENDOR_ORG,
};
const facts = {
  engagementId: ENGAGEMENT,
  need: { id: NEED, orgId: DEMANDER_ORG, status: 'published', orgStatus: 'verified' as OrganizationStatus },
  solution: { id: SOLUTION, vendorId: VENDOR_ORG, status: 'published' },
  vendor: { status: 'verified' },
};
const proposal = '基于机器视觉的缺陷检测方案，三个月上线';

const applied: EngagementEvent = {
  type: 'EngagementApplied',
  data: { ...opening, proposal, quoteWan: 80, at: T0 },
};
const recommended: EngagementEvent = { type: 'EngagementRecommended', data: { ...opening, at: T0 } };
const shortlisted: EngagementEvent = { type: 'EngagementShortlisted', data: { at: T0 } };
const meeting: EngagementEvent = {
  type: 'EngagementMeetingScheduled',
  data: {
    meetingAt: '2025-03-01T10:00:00.000Z',
    location: '济南市大数据局302会议室',
    scheduledBy: 'demander',
    at: T0,
  },
};
const signedBy = (side: 'demander' | 'vendor', amountWan = 75): EngagementEvent => ({
  type: 'EngagementSignatureAdded',
  data: { side, amountWan, at: T0 },
});
const signed: EngagementEvent = { type: 'EngagementSigned', data: { amountWan: 75, at: T0 } };
const delivered: EngagementEvent = { type: 'EngagementDelivered', data: { at: T0 } };
const ratedBy = (side: 'demander' | 'vendor'): EngagementEvent => ({
  type: 'EngagementRated',
  data: { side, score: 5, comment: '交付及时', at: T0 },
});

const untilShortlisted = [applied, shortlisted];
const untilMeeting = [...untilShortlisted, meeting];
const untilSigned = [...untilMeeting, signedBy('vendor'), signedBy('demander'), signed];
const untilDelivered = [...untilSigned, delivered];
const declined: EngagementEvent = { type: 'EngagementDeclined', data: { reason: '预算不符', at: T0 } };

const published = { status: 'published' };

describe('ApplyToNeed (揭榜)', () => {
  const apply = (actor: Actor, overrides: Partial<typeof facts> = {}, quoteWan = 80) =>
    command('ApplyToNeed', { ...facts, ...overrides, proposal, quoteWan }, actor);

  it('opens an applied engagement for the vendor that owns the solution', () =>
    spec([])
      .when(apply(vendor))
      .then([{ type: 'EngagementApplied', data: { ...opening, proposal, quoteWan: 80, at } }]));
  it('is for vendors only', () => spec([]).when(apply(demander)).thenThrows('engagement.vendors_only', 403));
  it('takes only a solution of the vendor’s own organization', () =>
    spec([]).when(apply(otherVendor)).thenThrows('engagement.not_solution_owner', 403));
  it('needs a verified vendor', () =>
    spec([])
      .when(apply(vendor, { vendor: { status: 'suspended' } }))
      .thenThrows('engagement.vendor_not_verified', 403));
  it('needs a published need', () =>
    spec([])
      .when(apply(vendor, { need: { ...facts.need, status: 'approved' } }))
      .thenThrows('engagement.need_not_published', 409));
  it.each(['suspended', 'cancelled'] as const)('refuses the need of a %s demander', (orgStatus) =>
    spec([])
      .when(apply(vendor, { need: { ...facts.need, orgStatus } }))
      .thenThrows('engagement.demander_out_of_market', 409),
  );
  it('needs a published solution', () =>
    spec([])
      .when(apply(vendor, { solution: { ...facts.solution, status: 'retired' } }))
      .thenThrows('engagement.solution_not_published', 409));
  it('refuses a negative quote', () =>
    spec([])
      .when(apply(vendor, {}, -1))
      .thenThrows('engagement.invalid_amount', 422));
  it('cannot open an engagement twice', () =>
    spec([applied]).when(apply(vendor)).thenThrows('engagement.already_exists', 409));
});

describe('RecommendSolution', () => {
  const recommend = (actor: Actor, overrides: Partial<typeof facts> = {}) =>
    command('RecommendSolution', { ...facts, ...overrides }, actor);

  it('opens a recommended engagement when staff recommend', () =>
    spec([])
      .when(recommend(staff))
      .then([{ type: 'EngagementRecommended', data: { ...opening, at } }]));
  it('is for staff only', () => spec([]).when(recommend(vendor)).thenThrows('engagement.staff_only', 403));
  it('needs a published need', () =>
    spec([])
      .when(recommend(staff, { need: { ...facts.need, status: 'closed' } }))
      .thenThrows('engagement.need_not_published', 409));
  it('refuses the need of a suspended demander', () =>
    spec([])
      .when(recommend(staff, { need: { ...facts.need, orgStatus: 'suspended' } }))
      .thenThrows('engagement.demander_out_of_market', 409));
  it('needs a published solution', () =>
    spec([])
      .when(recommend(staff, { solution: { ...facts.solution, status: 'draft' } }))
      .thenThrows('engagement.solution_not_published', 409));
  it('needs a verified vendor', () =>
    spec([])
      .when(recommend(staff, { vendor: { status: 'pending' } }))
      .thenThrows('engagement.vendor_not_verified', 403));
  it('cannot open an engagement twice', () =>
    spec([recommended]).when(recommend(staff)).thenThrows('engagement.already_exists', 409));
});

describe('AcceptRecommendation', () => {
  const accept = (actor: Actor, quoteWan = 60) =>
    command('AcceptRecommendation', { proposal, quoteWan }, actor);

  it('makes a recommendation applied with the vendor’s proposal', () =>
    spec([recommended])
      .when(accept(vendor))
      .then([{ type: 'EngagementRecommendationAccepted', data: { proposal, quoteWan: 60, at } }]));
  it('is for the recommended vendor only', () =>
    spec([recommended]).when(accept(otherVendor)).thenThrows('engagement.not_vendor', 403));
  it('is not for the need owner', () =>
    spec([recommended]).when(accept(demander)).thenThrows('engagement.not_vendor', 403));
  it('applies only to recommendations', () =>
    spec([applied]).when(accept(vendor)).thenThrows('engagement.not_recommended', 409));
  it('refuses a negative quote', () =>
    spec([recommended]).when(accept(vendor, -5)).thenThrows('engagement.invalid_amount', 422));
  it('needs an existing engagement', () =>
    spec([]).when(accept(vendor)).thenThrows('engagement.not_found', 404));
});

describe('ShortlistEngagement', () => {
  const shortlist = (actor: Actor, shareContact = true) =>
    command('ShortlistEngagement', { shareContact }, actor);

  it('shortlists an application, with the consent to share the contact', () =>
    spec([applied])
      .when(shortlist(demander))
      .then([{ type: 'EngagementShortlisted', data: { shareContact: true, at } }]));
  it('shortlists a recommendation directly', () =>
    spec([recommended])
      .when(shortlist(demander))
      .then([{ type: 'EngagementShortlisted', data: { shareContact: true, at } }]));
  it('shortlists without the consent to share the contact', () =>
    spec([applied])
      .when(shortlist(demander, false))
      .then([{ type: 'EngagementShortlisted', data: { shareContact: false, at } }]));
  it('takes no consent when the body does not give it', () =>
    expect(parseInput(shortlistEngagementInput, {})).toEqual({ shareContact: false }));
  it('keeps the consent in the state; one shortlisted before it was asked counts as shared', () => {
    const shortlistedWith = (shareContact: boolean): EngagementEvent => ({
      type: 'EngagementShortlisted',
      data: { shareContact, at: T0 },
    });
    expect(fold(engagementDecider, [applied]).contactShared).toBe(false);
    expect(fold(engagementDecider, [applied, shortlistedWith(false)]).contactShared).toBe(false);
    expect(fold(engagementDecider, [applied, shortlistedWith(true)]).contactShared).toBe(true);
    expect(fold(engagementDecider, [applied, shortlisted]).contactShared).toBe(true);
  });
  it('is for the need owner only', () =>
    spec([applied]).when(shortlist(vendor)).thenThrows('engagement.not_need_owner', 403));
  it('is not for another demander', () =>
    spec([applied]).when(shortlist(otherDemander)).thenThrows('engagement.not_need_owner', 403));
  it('is not for staff', () =>
    spec([applied]).when(shortlist(staff)).thenThrows('engagement.not_need_owner', 403));
  it('happens once', () =>
    spec(untilShortlisted).when(shortlist(demander)).thenThrows('engagement.not_shortlistable', 409));
  it('cannot revive a declined engagement', () =>
    spec([applied, declined]).when(shortlist(demander)).thenThrows('engagement.ended', 409));
  it('needs an existing engagement', () =>
    spec([]).when(shortlist(demander)).thenThrows('engagement.not_found', 404));
});

describe('DeclineEngagement', () => {
  const decline = (actor: Actor) => command('DeclineEngagement', { reason: '预算不符' }, actor);

  it('declines an application', () =>
    spec([applied])
      .when(decline(demander))
      .then([{ type: 'EngagementDeclined', data: { reason: '预算不符', at } }]));
  it('declines after the meeting, as long as nothing is signed', () =>
    spec([...untilMeeting, signedBy('vendor')])
      .when(decline(demander))
      .then([{ type: 'EngagementDeclined', data: { reason: '预算不符', at } }]));
  it('is for the need owner only', () =>
    spec([applied]).when(decline(vendor)).thenThrows('engagement.not_need_owner', 403));
  it('is refused once signed', () =>
    spec(untilSigned).when(decline(demander)).thenThrows('engagement.already_signed', 409));
  it('is refused once ended', () =>
    spec([applied, declined]).when(decline(demander)).thenThrows('engagement.ended', 409));
});

describe('WithdrawEngagement', () => {
  const withdraw = (actor: Actor) => command('WithdrawEngagement', { reason: null }, actor);

  it('withdraws an application', () =>
    spec(untilShortlisted)
      .when(withdraw(vendor))
      .then([{ type: 'EngagementWithdrawn', data: { reason: null, at } }]));
  it('turns down a recommendation', () =>
    spec([recommended])
      .when(withdraw(vendor))
      .then([{ type: 'EngagementWithdrawn', data: { reason: null, at } }]));
  it('is for the vendor only', () =>
    spec([applied]).when(withdraw(demander)).thenThrows('engagement.not_vendor', 403));
  it('is refused once signed', () =>
    spec(untilDelivered).when(withdraw(vendor)).thenThrows('engagement.already_signed', 409));
  it('is refused once ended', () =>
    spec([applied, declined]).when(withdraw(vendor)).thenThrows('engagement.ended', 409));
});

describe('ScheduleMeeting', () => {
  const meetingAt = '2025-03-06T06:30:00+08:00';
  const schedule = (actor: Actor, when = meetingAt) =>
    command('ScheduleMeeting', { meetingAt: when, location: '青岛软件园A座' }, actor);
  const scheduled = (scheduledBy: 'demander' | 'vendor'): EngagementEvent => ({
    type: 'EngagementMeetingScheduled',
    data: { meetingAt: '2025-03-05T22:30:00.000Z', location: '青岛软件园A座', scheduledBy, at },
  });

  it('is scheduled by the need owner once shortlisted', () =>
    spec(untilShortlisted)
      .when(schedule(demander))
      .then([scheduled('demander')]));
  it('is scheduled by the vendor too', () =>
    spec(untilShortlisted)
      .when(schedule(vendor))
      .then([scheduled('vendor')]));
  it('may be rescheduled', () =>
    spec(untilMeeting)
      .when(schedule(vendor))
      .then([scheduled('vendor')]));
  it('is for the two parties only', () =>
    spec(untilShortlisted).when(schedule(staff)).thenThrows('engagement.not_party', 403));
  it('waits for the shortlist', () =>
    spec([applied]).when(schedule(demander)).thenThrows('engagement.not_schedulable', 409));
  it('is over once signed', () =>
    spec(untilSigned).when(schedule(demander)).thenThrows('engagement.not_schedulable', 409));
  it('cannot be in the past', () =>
    spec(untilShortlisted)
      .when(schedule(demander, '2025-03-01T00:00:00Z'))
      .thenThrows('engagement.meeting_in_past', 422));
  it('is refused once ended', () =>
    spec([...untilShortlisted, declined])
      .when(schedule(vendor))
      .thenThrows('engagement.ended', 409));
});

describe('SignEngagement', () => {
  const sign = (actor: Actor, amountWan = 75, need = published) =>
    command('SignEngagement', { amountWan, need }, actor);
  const added = (side: 'demander' | 'vendor', amountWan = 75): EngagementEvent => ({
    type: 'EngagementSignatureAdded',
    data: { side, amountWan, at },
  });

  it('records the first side’s signature', () =>
    spec(untilMeeting)
      .when(sign(vendor))
      .then([added('vendor')]));
  it('signs the engagement when the second side signs the same amount', () =>
    spec([...untilMeeting, signedBy('vendor')])
      .when(sign(demander))
      .then([added('demander'), { type: 'EngagementSigned', data: { amountWan: 75, at } }]));
  it('refuses a second signature with another amount', () =>
    spec([...untilMeeting, signedBy('vendor')])
      .when(sign(demander, 70))
      .thenThrows('engagement.amount_mismatch', 409));
  it('takes a repeated signature with the same amount as a no-op', () =>
    spec([...untilMeeting, signedBy('vendor')])
      .when(sign(vendor))
      .then([]));
  it('is a no-op for a side that already signed a signed engagement', () =>
    spec(untilSigned)
      .when(sign(demander, 75, { status: 'in_progress' }))
      .then([]));
  it('refuses a side signing again with another amount', () =>
    spec([...untilMeeting, signedBy('vendor')])
      .when(sign(vendor, 90))
      .thenThrows('engagement.signature_exists', 409));
  it('waits for the meeting', () =>
    spec(untilShortlisted).when(sign(vendor)).thenThrows('engagement.not_signable', 409));
  it('needs the need still open', () =>
    spec(untilMeeting)
      .when(sign(vendor, 75, { status: 'in_progress' }))
      .thenThrows('engagement.need_not_open', 409));
  it('refuses a negative amount', () =>
    spec(untilMeeting).when(sign(vendor, -1)).thenThrows('engagement.invalid_amount', 422));
  it('is for the two parties only', () =>
    spec(untilMeeting).when(sign(otherVendor)).thenThrows('engagement.not_party', 403));
  it('is refused once ended', () =>
    spec([...untilMeeting, declined])
      .when(sign(vendor))
      .thenThrows('engagement.ended', 409));
});

describe('WithdrawSignature', () => {
  const withdraw = (actor: Actor) => command('WithdrawSignature', {}, actor);
  const sign = (actor: Actor, amountWan: number) =>
    command('SignEngagement', { amountWan, need: published }, actor);
  const withdrawn = (side: 'demander' | 'vendor'): EngagementEvent => ({
    type: 'EngagementSignatureWithdrawn',
    data: { side, at },
  });

  it('takes back the demander’s amount before the engagement is signed', () =>
    spec([...untilMeeting, signedBy('demander', 7.5)])
      .when(withdraw(demander))
      .then([withdrawn('demander')]));
  it('takes back the vendor’s amount too', () =>
    spec([...untilMeeting, signedBy('vendor', 750)])
      .when(withdraw(vendor))
      .then([withdrawn('vendor')]));
  it('lets the side enter its amount again once withdrawn', () =>
    spec([...untilMeeting, signedBy('demander', 7.5), withdrawn('demander')])
      .when(sign(demander, 75))
      .then([
        {
          type: 'EngagementSignatureAdded',
          data: { side: 'demander', amountWan: 75, at },
        },
      ]));
  it('signs the engagement once the corrected amount matches the other side’s', () =>
    spec([...untilMeeting, signedBy('demander', 7.5), signedBy('vendor', 75), withdrawn('demander')])
      .when(sign(demander, 75))
      .then([
        { type: 'EngagementSignatureAdded', data: { side: 'demander', amountWan: 75, at } },
        { type: 'EngagementSigned', data: { amountWan: 75, at } },
      ]));
  it('does not sign while the amounts still differ after a correction', () =>
    spec([...untilMeeting, signedBy('demander', 7.5), withdrawn('demander'), signedBy('vendor', 75)])
      .when(sign(demander, 70))
      .thenThrows('engagement.amount_mismatch', 409));
  it('needs an amount of one’s own to withdraw', () =>
    spec([...untilMeeting, signedBy('vendor')])
      .when(withdraw(demander))
      .thenThrows('engagement.no_signature', 409));
  it('is refused once signed', () =>
    spec(untilSigned).when(withdraw(demander)).thenThrows('engagement.already_signed', 409));
  it('is for the two parties only', () =>
    spec([...untilMeeting, signedBy('vendor')])
      .when(withdraw(otherVendor))
      .thenThrows('engagement.not_party', 403));
  it('is refused once ended', () =>
    spec([...untilMeeting, signedBy('vendor'), declined])
      .when(withdraw(vendor))
      .thenThrows('engagement.ended', 409));
});

describe('ConfirmDelivery', () => {
  const deliver = (actor: Actor) => command('ConfirmDelivery', {}, actor);
  const meetingLater: EngagementEvent = {
    type: 'EngagementMeetingScheduled',
    data: { meetingAt: '2025-03-05T02:00:00.000Z', location: '青岛软件园A座', scheduledBy: 'vendor', at: T0 },
  };

  it('is confirmed by the need owner once signed', () =>
    spec(untilSigned)
      .when(deliver(demander))
      .then([{ type: 'EngagementDelivered', data: { at } }]));
  it('is a no-op when confirmed again', () => spec(untilDelivered).when(deliver(demander)).then([]));
  const signedAfter = (meetingAt: string) => [
    ...untilShortlisted,
    { ...meetingLater, data: { ...meetingLater.data, meetingAt } } as EngagementEvent,
    signedBy('vendor'),
    signedBy('demander'),
    signed,
  ];

  it('waits for the meeting’s day', () =>
    spec(signedAfter('2025-03-05T02:00:00.000Z'))
      .when(deliver(demander))
      .thenThrows('engagement.delivery_before_meeting', 409));
  it('counts the meeting’s day in 北京时间', () =>
    // 01:00 on 3 March in 北京时间 is still 2 March in UTC, the day of `now`.
    spec(signedAfter('2025-03-02T17:00:00.000Z'))
      .when(deliver(demander))
      .thenThrows('engagement.delivery_before_meeting', 409));
  it('is confirmed on the meeting’s day, also before its hour', () =>
    spec(signedAfter('2025-03-02T10:00:00.000Z'))
      .when(deliver(demander))
      .then([{ type: 'EngagementDelivered', data: { at } }]));
  it('is for the need owner only', () =>
    spec(untilSigned).when(deliver(vendor)).thenThrows('engagement.not_need_owner', 403));
  it('waits for the signature', () =>
    spec(untilMeeting).when(deliver(demander)).thenThrows('engagement.not_deliverable', 409));
  it('is refused once ended', () =>
    spec([applied, declined]).when(deliver(demander)).thenThrows('engagement.ended', 409));
});

describe('RateEngagement', () => {
  const rate = (actor: Actor, score = 4) => command('RateEngagement', { score, comment: '沟通顺畅' }, actor);
  const rated = (side: 'demander' | 'vendor'): EngagementEvent => ({
    type: 'EngagementRated',
    data: { side, score: 4, comment: '沟通顺畅', at },
  });

  it('records the need owner’s rating after delivery', () =>
    spec(untilDelivered)
      .when(rate(demander))
      .then([rated('demander')]));
  it('records the vendor’s rating after the other side rated', () =>
    spec([...untilDelivered, ratedBy('demander')])
      .when(rate(vendor))
      .then([rated('vendor')]));
  it('happens once per side', () =>
    spec([...untilDelivered, ratedBy('vendor')])
      .when(rate(vendor))
      .thenThrows('engagement.already_rated', 409));
  it('happens once per side, also when both rated', () =>
    spec([...untilDelivered, ratedBy('vendor'), ratedBy('demander')])
      .when(rate(demander))
      .thenThrows('engagement.already_rated', 409));
  it('waits for delivery', () =>
    spec(untilSigned).when(rate(demander)).thenThrows('engagement.not_ratable', 409));
  it('takes scores from 1 to 5', () =>
    spec(untilDelivered).when(rate(demander, 6)).thenThrows('engagement.invalid_score', 422));
  it('takes whole scores', () =>
    spec(untilDelivered).when(rate(vendor, 3.5)).thenThrows('engagement.invalid_score', 422));
  it('is for the two parties only', () =>
    spec(untilDelivered).when(rate(staff)).thenThrows('engagement.not_party', 403));
  it('needs an existing engagement', () =>
    spec([]).when(rate(vendor)).thenThrows('engagement.not_found', 404));
});
