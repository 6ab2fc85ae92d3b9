import { describe, expect, it } from 'vitest';
import type {
  CampaignCommand,
  NeedCandidate,
  SolutionCandidate,
} from '../../../src/domain/campaign/commands.js';
import { campaignDecider } from '../../../src/domain/campaign/decider.js';
import type { CampaignEvent, CampaignKind } from '../../../src/domain/campaign/events.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { fold } from '../../../src/domain/shared/decider.js';
import type { Scope } from '../../../src/domain/shared/scope.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(campaignDecider);

const CAMPAIGN = '01900000-0000-7000-8000-00000000c001';
const OTHER_CAMPAIGN = '01900000-0000-7000-8000-00000000c002';
const NEED_1 = '01900000-0000-7000-8000-00000000a001';
const NEED_2 = '01900000-0000-7000-8000-00000000a002';
const NEED_3 = '01900000-0000-7000-8000-00000000a003';
const SOLUTION_1 = '01900000-0000-7000-8000-00000000b001';

const staff: Actor = { userId: 'u-staff', orgId: null, role: 'staff' };
const demander: Actor = {
  userId: 'u-demander',
  orgId: '01900000-0000-7000-8000-00000000d001',
  role: 'demander',
};
const vendor: Actor = { userId: 'u-vendor', orgId: '01900000-0000-7000-8000-00000000f001', role: 'vendor' };

const opensAt = '2025-03-01T00:00:00.000Z';
const closesAt = '2025-04-01T00:00:00.000Z';
const inWindow = new Date('2025-03-15T00:00:00.000Z');
const T0 = '2025-02-28T00:00:00.000Z';

function command<Type extends CampaignCommand['type']>(
  type: Type,
  data: Extract<CampaignCommand, { type: Type }>['data'],
  actor: Actor,
  now = inWindow,
): CampaignCommand {
  return { type, data, context: { actor, now } } as CampaignCommand;
}

const opened = (kind: CampaignKind = 'both'): CampaignEvent => ({
  type: 'CampaignOpened',
  data: { campaignId: CAMPAIGN, title: '2025年第一批场景征集', kind, opensAt, closesAt, at: T0 },
});
const entered = (itemKind: 'need' | 'solution', itemId: string): CampaignEvent => ({
  type: 'CampaignItemEntered',
  data: { itemKind, itemId, at: T0 },
});
const closed: CampaignEvent = { type: 'CampaignClosed', data: { at: T0 } };

describe('OpenCampaign', () => {
  const open = (
    actor: Actor,
    window = { opensAt: '2025-03-01T08:00:00+08:00', closesAt },
    scope: Scope = 'province',
  ) =>
    command(
      'OpenCampaign',
      { campaignId: CAMPAIGN, title: '2025年第一批场景征集', kind: 'both', ...window, scope },
      actor,
    );

  it('opens a campaign with its window, in UTC', () =>
    spec([])
      .when(open(staff))
      .then([
        {
          type: 'CampaignOpened',
          data: {
            campaignId: CAMPAIGN,
            title: '2025年第一批场景征集',
            kind: 'both',
            scope: 'province',
            opensAt: '2025-03-01T00:00:00.000Z',
            closesAt,
            at: inWindow.toISOString(),
          },
        },
      ]));
  it("opens a city's campaign, which carries the city as its scope", () =>
    spec([])
      .when(open(staff, { opensAt, closesAt }, 'qingdao'))
      .then([
        {
          type: 'CampaignOpened',
          data: {
            campaignId: CAMPAIGN,
            title: '2025年第一批场景征集',
            kind: 'both',
            scope: 'qingdao',
            opensAt,
            closesAt,
            at: inWindow.toISOString(),
          },
        },
      ]));
  it("reads a campaign opened before scopes existed as the province's", () =>
    expect(fold(campaignDecider, [opened()]).scope).toBe('province'));
  it('is for staff only', () => spec([]).when(open(demander)).thenThrows('campaign.staff_only', 403));
  it('needs the window to close after it opens', () =>
    spec([])
      .when(open(staff, { opensAt: closesAt, closesAt }))
      .thenThrows('campaign.invalid_window', 422));
  it('happens once', () => spec([opened()]).when(open(staff)).thenThrows('campaign.already_exists', 409));
});

describe('EnterCampaignItem', () => {
  const enter = (itemKind: 'need' | 'solution', itemId: string, actor: Actor, now = inWindow) =>
    command('EnterCampaignItem', { itemKind, itemId }, actor, now);

  it('enters a need submitted inside the window', () =>
    spec([opened()])
      .when(enter('need', NEED_1, demander))
      .then([
        {
          type: 'CampaignItemEntered',
          data: { itemKind: 'need', itemId: NEED_1, at: inWindow.toISOString() },
        },
      ]));
  it('enters a solution submitted by a vendor', () =>
    spec([opened('solutions')])
      .when(enter('solution', SOLUTION_1, vendor))
      .then([
        {
          type: 'CampaignItemEntered',
          data: { itemKind: 'solution', itemId: SOLUTION_1, at: inWindow.toISOString() },
        },
      ]));
  it('is a no-op for an item entered before (a resubmission)', () =>
    spec([opened(), entered('need', NEED_1), closed])
      .when(enter('need', NEED_1, demander))
      .then([]));
  it('takes needs from demanders only', () =>
    spec([opened()])
      .when(enter('need', NEED_1, vendor))
      .thenThrows('campaign.item_forbidden', 403));
  it('takes only the kinds the campaign collects', () =>
    spec([opened('needs')])
      .when(enter('solution', SOLUTION_1, vendor))
      .thenThrows('campaign.kind_not_accepted', 409));
  it('is refused before the window opens', () =>
    spec([opened()])
      .when(enter('need', NEED_1, demander, new Date(T0)))
      .thenThrows('campaign.not_yet_open', 409));
  it('is refused from the moment the window closes', () =>
    spec([opened()])
      .when(enter('need', NEED_1, demander, new Date(closesAt)))
      .thenThrows('campaign.window_passed', 409));
  it('is refused once the campaign is closed', () =>
    spec([opened(), closed])
      .when(enter('need', NEED_1, demander))
      .thenThrows('campaign.not_open', 409));
  it('needs an existing campaign', () =>
    spec([])
      .when(enter('need', NEED_1, demander))
      .thenThrows('campaign.not_found', 404));
});

describe('CloseCampaign', () => {
  const close = (actor: Actor) => command('CloseCampaign', {}, actor);

  it('closes an open campaign', () =>
    spec([opened()])
      .when(close(staff))
      .then([{ type: 'CampaignClosed', data: { at: inWindow.toISOString() } }]));
  it('is for staff only', () => spec([opened()]).when(close(vendor)).thenThrows('campaign.staff_only', 403));
  it('happens once', () => spec([opened(), closed]).when(close(staff)).thenThrows('campaign.not_open', 409));
  it('needs an existing campaign', () => spec([]).when(close(staff)).thenThrows('campaign.not_found', 404));
});

describe('PublishCampaignList', () => {
  const need = (id: string, status: string, campaignId: string | null = CAMPAIGN): NeedCandidate => ({
    id,
    title: `需求${id.slice(-1)}`,
    orgId: demander.orgId!,
    orgName: '济南二机床集团',
    industry: 'high-end-equipment',
    city: 'jinan',
    technologies: ['ai'],
    scenarioType: 'production',
    budgetWan: { min: 50, max: 100 },
    status,
    campaignId,
  });
  const solution = (id: string, status: string): SolutionCandidate => ({
    id,
    title: '工业视觉质检平台',
    orgId: vendor.orgId!,
    orgName: '青岛视觉科技',
    industry: 'high-end-equipment',
    city: 'qingdao',
    technologies: ['ai'],
    industries: ['high-end-equipment'],
    scenarioTypes: ['production'],
    regionsServed: ['*'],
    priceWan: { min: 30, max: 80 },
    deployment: 'saas',
    status,
    campaignId: CAMPAIGN,
  });
  const listed = (candidate: NeedCandidate | SolutionCandidate, seq: number) => {
    const { status: _status, campaignId: _campaignId, ...item } = candidate;
    return { seq, ...item };
  };
  const publish = (
    actor: Actor,
    needs: NeedCandidate[],
    solutions: SolutionCandidate[] = [],
    note: string | null = null,
  ) => command('PublishCampaignList', { note, candidates: { needs, solutions } }, actor);
  const publishedAt = inWindow.toISOString();

  const history = [
    opened(),
    entered('need', NEED_2),
    entered('need', NEED_1),
    entered('solution', SOLUTION_1),
    closed,
  ];
  const candidates = [need(NEED_1, 'approved'), need(NEED_2, 'approved')];
  const firstNeeds: CampaignEvent = {
    type: 'CampaignListPublished',
    data: {
      kind: 'needs',
      version: 1,
      items: [listed(candidates[1]!, 1), listed(candidates[0]!, 2)],
      note: null,
      publishedAt,
    },
  };
  const firstSolutions: CampaignEvent = {
    type: 'CampaignListPublished',
    data: {
      kind: 'solutions',
      version: 1,
      items: [listed(solution(SOLUTION_1, 'published'), 1)],
      note: null,
      publishedAt,
    },
  };

  it('numbers the approved items of each list in the order they were entered', () =>
    spec(history)
      .when(publish(staff, candidates, [solution(SOLUTION_1, 'published')]))
      .then([firstNeeds, firstSolutions]));
  it('leaves out items not approved, not entered or belonging to another campaign', () =>
    spec(history)
      .when(
        publish(staff, [
          need(NEED_1, 'rejected'),
          need(NEED_2, 'approved'),
          need(NEED_3, 'approved'),
          need(NEED_1, 'submitted', OTHER_CAMPAIGN),
        ]),
      )
      .then([
        {
          type: 'CampaignListPublished',
          data: {
            kind: 'needs',
            version: 1,
            items: [listed(need(NEED_2, 'approved'), 1)],
            note: null,
            publishedAt,
          },
        },
        {
          type: 'CampaignListPublished',
          data: { kind: 'solutions', version: 1, items: [], note: null, publishedAt },
        },
      ]));
  it('publishes only the list of the kind collected', () =>
    spec([opened('needs'), entered('need', NEED_1), closed])
      .when(publish(staff, [need(NEED_1, 'approved')]))
      .then([
        {
          type: 'CampaignListPublished',
          data: {
            kind: 'needs',
            version: 1,
            items: [listed(need(NEED_1, 'approved'), 1)],
            note: null,
            publishedAt,
          },
        },
      ]));
  it('adds no version when nothing changed, so a publication can be re-run', () =>
    spec([...history, firstNeeds, firstSolutions])
      .when(
        publish(
          staff,
          [need(NEED_1, 'published'), need(NEED_2, 'in_progress')],
          [solution(SOLUTION_1, 'published')],
        ),
      )
      .then([]));
  it('compares a list regardless of the key order it was stored with', () => {
    const reordered = (event: CampaignEvent): CampaignEvent => {
      if (event.type !== 'CampaignListPublished') return event;
      const items = event.data.items.map((item) => Object.fromEntries(Object.entries(item).reverse()));
      return { ...event, data: { ...event.data, items } as typeof event.data };
    };
    spec([...history, reordered(firstNeeds), reordered(firstSolutions)])
      .when(publish(staff, candidates, [solution(SOLUTION_1, 'published')]))
      .then([]);
  });
  it('publishes a correction as a new version of the changed list only', () =>
    spec([...history, firstNeeds, firstSolutions])
      .when(
        publish(
          staff,
          [need(NEED_1, 'published'), need(NEED_2, 'closed')],
          [solution(SOLUTION_1, 'published')],
          '撤回需求2',
        ),
      )
      .then([
        {
          type: 'CampaignListPublished',
          data: {
            kind: 'needs',
            version: 2,
            items: [listed(need(NEED_1, 'published'), 1)],
            note: '撤回需求2',
            publishedAt,
          },
        },
      ]));
  it('needs a note for a correction', () =>
    spec([...history, firstNeeds, firstSolutions])
      .when(publish(staff, [need(NEED_1, 'published')], [solution(SOLUTION_1, 'published')]))
      .thenThrows('campaign.correction_note_required', 422));
  it('waits for the campaign to close', () =>
    spec(history.slice(0, -1)).when(publish(staff, candidates)).thenThrows('campaign.not_closed', 409));
  it('is for staff only', () =>
    spec(history).when(publish(demander, candidates)).thenThrows('campaign.staff_only', 403));
  it('needs an existing campaign', () =>
    spec([]).when(publish(staff, candidates)).thenThrows('campaign.not_found', 404));
});
