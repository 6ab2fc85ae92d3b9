import { describe, expect, it } from 'vitest';
import type { EngagementCommand } from '../../../src/domain/engagement/commands.js';
import { engagementDecider } from '../../../src/domain/engagement/decider.js';
import type { EngagementEvent } from '../../../src/domain/engagement/events.js';
import type { NeedCommand } from '../../../src/domain/need/commands.js';
import { needChangesSchema, needFieldsSchema, selectPilotInput } from '../../../src/domain/need/commands.js';
import { needDecider } from '../../../src/domain/need/decider.js';
import type { NeedCreated, NeedEvent } from '../../../src/domain/need/events.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { fold } from '../../../src/domain/shared/decider.js';
import { parseInput } from '../../../src/domain/shared/validation.js';
import {
  AT,
  anonymousActor,
  context,
  DEMANDER_ORG,
  demander,
  invalidPaths,
  needFields,
  orgContact,
  orgFacts,
  otherDemander,
  staff,
  VENDOR_ORG,
  vendor,
} from './listing-fixtures.js';
import { deciderSpec } from './spec.js';

/** 赛马: a need whose demander signs up to `maxParallel` pilots and then selects one of them. */

const needSpec = deciderSpec(needDecider);
const engagementSpec = deciderSpec(engagementDecider);

const NEED = '0195a0c0-0000-7000-8000-0000000000e1';
const PILOT_A = '0195a0c0-0000-7000-8000-0000000000f1';
const PILOT_B = '0195a0c0-0000-7000-8000-0000000000f2';
const PILOT_C = '0195a0c0-0000-7000-8000-0000000000f3';
const SOLUTION = '0195a0c0-0000-7000-8000-0000000000b1';

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
const submitted: NeedEvent = { type: 'NeedSubmitted', data: { needId: NEED, campaignId: null, at: AT } };
const approved: NeedEvent = { type: 'NeedApproved', data: { needId: NEED, at: AT } };
const published: NeedEvent = {
  type: 'NeedPublished',
  data: { needId: NEED, campaignId: null, listVersion: null, at: AT },
};
const pilotSigned = (engagementId: string): NeedEvent => ({
  type: 'NeedPilotSigned',
  data: { needId: NEED, engagementId, at: AT },
});
const pilotSelected = (engagementId: string): NeedEvent => ({
  type: 'NeedPilotSelected',
  data: { needId: NEED, engagementId, at: AT },
});

const raceOfTwo = { maxParallel: 2 };
const racing = [created({ race: raceOfTwo }), submitted, approved, published];
const withoutRace = [created(), submitted, approved, published];

const needCommand = (
  type: 'RecordPilot' | 'SelectPilot',
  engagementId: string,
  actor: Actor = demander,
): NeedCommand => ({ type, data: { needId: NEED, engagementId }, context: context(actor) });

describe('the race on a need', () => {
  it('is taken with 2 to 10 parallel pilots, and refused outside that in Chinese', () => {
    expect(parseInput(needFieldsSchema, { ...needFields, race: { maxParallel: 3 } }).race).toEqual({
      maxParallel: 3,
    });
    for (const maxParallel of [1, 11, 2.5, '3']) {
      expect(
        invalidPaths(() => parseInput(needFieldsSchema, { ...needFields, race: { maxParallel } })),
      ).toEqual(['race.maxParallel']);
    }
    expect(invalidPaths(() => parseInput(needFieldsSchema, { ...needFields, race: {} }))).toEqual([
      'race.maxParallel',
    ]);
  });

  it('is left out when not given: the need follows its first signed engagement as before', () => {
    expect(parseInput(needFieldsSchema, needFields)).not.toHaveProperty('race');
    expect(fold(needDecider, withoutRace)).toMatchObject({ race: null, pilots: [] });
  });

  it('is recorded when the need is created and may be removed while the need is a draft', () => {
    const fields = parseInput(needFieldsSchema, { ...needFields, race: raceOfTwo });
    needSpec([])
      .when({
        type: 'CreateNeed',
        data: { needId: NEED, fields, org: orgFacts() },
        context: context(demander),
      })
      .then([created({ race: raceOfTwo })]);
    const changes = parseInput(needChangesSchema, { race: null });
    needSpec([created({ race: raceOfTwo })])
      .when({ type: 'UpdateNeed', data: { needId: NEED, changes }, context: context(demander) })
      .then([{ type: 'NeedUpdated', data: { needId: NEED, changes: { race: null }, at: AT } }]);
    expect(fold(needDecider, [created({ race: raceOfTwo })]).race).toEqual(raceOfTwo);
  });
});

describe('RecordPilot', () => {
  it('counts a pilot signed under the race, and the need stays published for the next', () => {
    needSpec(racing)
      .when(needCommand('RecordPilot', PILOT_A, vendor))
      .then([pilotSigned(PILOT_A)]);
    expect(fold(needDecider, [...racing, pilotSigned(PILOT_A)])).toMatchObject({
      status: 'published',
      pilots: [PILOT_A],
      engagementId: null,
    });
  });

  it('does nothing when the same pilot is recorded again', () =>
    needSpec([...racing, pilotSigned(PILOT_A)])
      .when(needCommand('RecordPilot', PILOT_A))
      .then([]));

  it('refuses a pilot beyond maxParallel', () =>
    needSpec([...racing, pilotSigned(PILOT_A), pilotSigned(PILOT_B)])
      .when(needCommand('RecordPilot', PILOT_C))
      .thenThrows('need.race_full', 409));

  it('refuses a need without a race', () =>
    needSpec(withoutRace).when(needCommand('RecordPilot', PILOT_A)).thenThrows('need.no_race', 409));

  it('refuses once a pilot has been selected', () =>
    needSpec([...racing, pilotSigned(PILOT_A), pilotSelected(PILOT_A)])
      .when(needCommand('RecordPilot', PILOT_B))
      .thenThrows('need.race_not_running', 409));

  it('refuses an anonymous caller', () =>
    needSpec(racing)
      .when(needCommand('RecordPilot', PILOT_A, anonymousActor))
      .thenThrows('need.forbidden', 403));
});

describe('SelectPilot', () => {
  const twoPilots = [...racing, pilotSigned(PILOT_A), pilotSigned(PILOT_B)];

  it('selects one of the signed pilots: the need follows it into implementation', () => {
    needSpec(twoPilots)
      .when(needCommand('SelectPilot', PILOT_B))
      .then([pilotSelected(PILOT_B)]);
    expect(fold(needDecider, [...twoPilots, pilotSelected(PILOT_B)])).toMatchObject({
      status: 'in_progress',
      engagementId: PILOT_B,
      pilots: [PILOT_A, PILOT_B],
    });
  });

  it('may select before every place is taken', () =>
    needSpec([...racing, pilotSigned(PILOT_A)])
      .when(needCommand('SelectPilot', PILOT_A))
      .then([pilotSelected(PILOT_A)]));

  it('is for the demander who owns the need only', () => {
    for (const actor of [vendor, otherDemander, staff]) {
      needSpec(twoPilots)
        .when(needCommand('SelectPilot', PILOT_A, actor))
        .thenThrows('need.forbidden', 403);
    }
  });

  it('refuses an engagement that is not a signed pilot of this need', () =>
    needSpec(twoPilots).when(needCommand('SelectPilot', PILOT_C)).thenThrows('need.not_a_pilot', 409));

  it('refuses a need without a race', () =>
    needSpec(withoutRace).when(needCommand('SelectPilot', PILOT_A)).thenThrows('need.no_race', 409));

  it('selects once: another pilot is refused afterwards', () =>
    needSpec([...twoPilots, pilotSelected(PILOT_A)])
      .when(needCommand('SelectPilot', PILOT_B))
      .thenThrows('need.pilot_already_selected', 409));

  it('takes the same selection again as a no-op, so that a retry can end the other pilots', () =>
    needSpec([...twoPilots, pilotSelected(PILOT_A)])
      .when(needCommand('SelectPilot', PILOT_A))
      .then([]));

  it('parses the selection body with a Chinese message', () => {
    expect(invalidPaths(() => parseInput(selectPilotInput, {}))).toEqual(['engagementId']);
    expect(parseInput(selectPilotInput, { engagementId: PILOT_A })).toEqual({ engagementId: PILOT_A });
  });
});

describe('a need with running pilots', () => {
  it('cannot be withdrawn until one is selected', () =>
    needSpec([...racing, pilotSigned(PILOT_A)])
      .when({ type: 'WithdrawNeed', data: { needId: NEED }, context: context(demander) })
      .thenThrows('need.pilots_running', 409));

  it('can be withdrawn while no pilot has signed', () =>
    needSpec(racing)
      .when({ type: 'WithdrawNeed', data: { needId: NEED }, context: context(demander) })
      .then([{ type: 'NeedWithdrawn', data: { needId: NEED, at: AT } }]));
});

describe('an engagement in a race', () => {
  const now = new Date(AT);
  const T0 = '2025-02-20T08:00:00.000Z';
  const command = <Type extends EngagementCommand['type']>(
    type: Type,
    data: Extract<EngagementCommand, { type: Type }>['data'],
    actor: Actor,
  ): EngagementCommand => ({ type, data, context: { actor, now } }) as EngagementCommand;

  const opened: EngagementEvent = {
    type: 'EngagementApplied',
    data: {
      engagementId: PILOT_A,
      needId: NEED,
      needOrgId: DEMANDER_ORG,
      solutionId: SOLUTION,
      vendorId: VENDOR_ORG,
      proposal: '基于机器视觉的缺陷检测方案，三个月上线',
      quoteWan: 80,
      at: T0,
    },
  };
  const meeting: EngagementEvent = {
    type: 'EngagementMeetingScheduled',
    data: { meetingAt: T0, location: '济南市大数据局302会议室', scheduledBy: 'demander', at: T0 },
  };
  const vendorSigned: EngagementEvent = {
    type: 'EngagementSignatureAdded',
    data: { side: 'vendor', amountWan: 20, at: T0 },
  };
  const untilVendorSigned = [
    opened,
    { type: 'EngagementShortlisted', data: { at: T0 } } as EngagementEvent,
    meeting,
    vendorSigned,
  ];
  const signedAsPilot: EngagementEvent = {
    type: 'EngagementSigned',
    data: { amountWan: 20, pilot: true, at: T0 },
  };
  const pilot = [...untilVendorSigned, signedAsPilot];
  const sign = (pilotsSigned: number) =>
    command(
      'SignEngagement',
      { amountWan: 20, need: { status: 'published', race: { maxParallel: 2, pilotsSigned } } },
      demander,
    );
  const conclude = (selectedEngagementId: string, actor: Actor = demander) =>
    command('ConcludePilot', { selectedEngagementId }, actor);

  it('signs as a pilot while the race has places', () =>
    engagementSpec(untilVendorSigned)
      .when(sign(1))
      .then([
        { type: 'EngagementSignatureAdded', data: { side: 'demander', amountWan: 20, at: AT } },
        { type: 'EngagementSigned', data: { amountWan: 20, pilot: true, at: AT } },
      ]));

  it('refuses to sign once maxParallel pilots have signed', () =>
    engagementSpec(untilVendorSigned).when(sign(2)).thenThrows('engagement.race_full', 409));

  it('signs as before, no pilot, when the need has no race', () => {
    engagementSpec(untilVendorSigned)
      .when(command('SignEngagement', { amountWan: 20, need: { status: 'published' } }, demander))
      .then([
        { type: 'EngagementSignatureAdded', data: { side: 'demander', amountWan: 20, at: AT } },
        { type: 'EngagementSigned', data: { amountWan: 20, at: AT } },
      ]);
    expect(
      fold(engagementDecider, [
        ...untilVendorSigned,
        { type: 'EngagementSigned', data: { amountWan: 20, at: T0 } },
      ]).pilot,
    ).toBe(false);
  });

  it('cannot be delivered before it is selected', () =>
    engagementSpec(pilot)
      .when(command('ConfirmDelivery', {}, demander))
      .thenThrows('engagement.pilot_not_selected', 409));

  it('goes on as a signed engagement when selected, and can then be delivered', () => {
    const selected: EngagementEvent = {
      type: 'EngagementPilotConcluded',
      data: { outcome: 'selected', at: AT },
    };
    engagementSpec(pilot).when(conclude(PILOT_A)).then([selected]);
    expect(fold(engagementDecider, [...pilot, selected])).toMatchObject({
      status: 'signed',
      pilotOutcome: 'selected',
    });
    engagementSpec([...pilot, selected])
      .when(command('ConfirmDelivery', {}, demander))
      .then([{ type: 'EngagementDelivered', data: { at: AT } }]);
  });

  it('ends, completed and not selected, when another pilot is selected', () => {
    const notSelected: EngagementEvent = {
      type: 'EngagementPilotConcluded',
      data: { outcome: 'not_selected', at: AT },
    };
    engagementSpec(pilot).when(conclude(PILOT_B)).then([notSelected]);
    expect(fold(engagementDecider, [...pilot, notSelected])).toMatchObject({
      status: 'pilot_ended',
      pilotOutcome: 'not_selected',
    });
    engagementSpec([...pilot, notSelected])
      .when(conclude(PILOT_B))
      .then([]);
    engagementSpec([...pilot, notSelected])
      .when(command('ConfirmDelivery', {}, demander))
      .thenThrows('engagement.ended', 409);
  });

  it('is concluded by the demander only', () =>
    engagementSpec(pilot).when(conclude(PILOT_B, vendor)).thenThrows('engagement.not_need_owner', 403));

  it('refuses to conclude an engagement that is no running pilot', () => {
    engagementSpec(untilVendorSigned).when(conclude(PILOT_B)).thenThrows('engagement.not_running_pilot', 409);
    const selected: EngagementEvent = {
      type: 'EngagementPilotConcluded',
      data: { outcome: 'selected', at: AT },
    };
    engagementSpec([...pilot, selected])
      .when(conclude(PILOT_B))
      .thenThrows('engagement.not_running_pilot', 409);
  });
});
