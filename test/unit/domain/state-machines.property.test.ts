import assert from 'node:assert/strict';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CampaignCommand } from '../../../src/domain/campaign/commands.js';
import { campaignDecider } from '../../../src/domain/campaign/decider.js';
import type { CampaignState } from '../../../src/domain/campaign/state.js';
import { acceptedListKinds } from '../../../src/domain/campaign/state.js';
import type { CaseCommand } from '../../../src/domain/case/commands.js';
import { caseDecider } from '../../../src/domain/case/decider.js';
import type { CaseState } from '../../../src/domain/case/state.js';
import type { EngagementCommand } from '../../../src/domain/engagement/commands.js';
import { engagementDecider } from '../../../src/domain/engagement/decider.js';
import type { EngagementState, EngagementStatus } from '../../../src/domain/engagement/state.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import type { Decider } from '../../../src/domain/shared/decider.js';
import { DomainError } from '../../../src/domain/shared/errors.js';
import { isCode } from '../../../src/domain/shared/taxonomy.js';

/**
 * Whatever the order of commands, whoever sends them and with whatever facts, a decider either refuses
 * with a DomainError or moves the entity along an edge of its state machine, and the state's invariants
 * hold after every command.
 */
function runSequence<State extends { status: string }, Command, Event>(
  decider: Decider<State, Command, Event>,
  commands: Command[],
  edges: ReadonlySet<string>,
  invariants: (state: State) => void,
  reached: Set<string>,
): void {
  let state = decider.initialState();
  reached.add(state.status);
  for (const command of commands) {
    let events: Event[];
    try {
      events = decider.decide(command, state);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      continue;
    }
    for (const event of events) {
      const next = decider.evolve(state, event);
      if (next.status !== state.status) {
        assert.ok(edges.has(`${state.status}>${next.status}`), `no edge ${state.status} → ${next.status}`);
      }
      state = next;
    }
    invariants(state);
    reached.add(state.status);
  }
}

const edgesOf = (pairs: string[]) => new Set(pairs);
const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
const START = Date.parse('2025-03-01T00:00:00.000Z');
const HOUR = 3_600_000;
const time = fc.integer({ min: -48, max: 24 * 60 }).map((hours) => new Date(START + hours * HOUR));

describe('engagement state machine', () => {
  const NEED_ORG = 'org-demander';
  const VENDOR_ORG = 'org-vendor';
  const actors: Actor[] = [
    { userId: 'd', orgId: NEED_ORG, role: 'demander' },
    { userId: 'v', orgId: VENDOR_ORG, role: 'vendor' },
    { userId: 'd2', orgId: 'org-other', role: 'demander' },
    { userId: 'v2', orgId: 'org-other', role: 'vendor' },
    { userId: 's', orgId: null, role: 'staff' },
    { userId: null, orgId: null, role: 'anonymous' },
  ];
  const [demander, vendor, , , staff] = actors as [Actor, Actor, Actor, Actor, Actor, Actor];
  /** Mostly the party a command is meant for, sometimes anyone: deep sequences and every refusal. */
  const sentBy = (...meant: Actor[]) =>
    fc.oneof(
      { arbitrary: fc.constantFrom(...meant), weight: 9 },
      { arbitrary: fc.constantFrom(...actors), weight: 1 },
    );
  const status = (valid: string) =>
    fc.oneof({ arbitrary: fc.constant(valid), weight: 9 }, fc.constantFrom('draft', 'closed', 'in_progress'));
  const amount = fc.oneof({ arbitrary: fc.constant(75), weight: 9 }, fc.constantFrom(50, -1));
  const opening = fc.record({
    engagementId: fc.constant('e-1'),
    need: fc.record({
      id: fc.constant('n-1'),
      orgId: fc.constant(NEED_ORG),
      status: status('published'),
      orgStatus: fc.oneof(
        { arbitrary: fc.constant('verified' as const), weight: 9 },
        fc.constantFrom('suspended' as const, 'cancelled' as const),
      ),
    }),
    solution: fc.record({
      id: fc.constant('s-1'),
      vendorId: fc.constant(VENDOR_ORG),
      status: status('published'),
    }),
    vendor: fc.record({ status: status('verified') }),
  });
  const step = <Data>(type: EngagementCommand['type'], data: fc.Arbitrary<Data>, ...meant: Actor[]) =>
    fc
      .tuple(data, sentBy(...meant), time)
      .map(([d, actor, now]) => ({ type, data: d, context: { actor, now } }) as EngagementCommand);
  // Endings are rare, so that sequences often live long enough to be signed, delivered and rated.
  const command = fc.oneof(
    weighted(
      2,
      step(
        'ApplyToNeed',
        opening.map((o) => ({ ...o, proposal: '方案说明文字足够长', quoteWan: 80 })),
        vendor,
      ),
    ),
    weighted(2, step('RecommendSolution', opening, staff)),
    weighted(
      5,
      step(
        'AcceptRecommendation',
        amount.map((quoteWan) => ({ proposal: '接受推荐的方案说明', quoteWan })),
        vendor,
      ),
    ),
    weighted(5, step('ShortlistEngagement', fc.constant({}), demander)),
    weighted(1, step('DeclineEngagement', fc.constant({ reason: '不合适' }), demander)),
    weighted(1, step('WithdrawEngagement', fc.constant({ reason: null }), vendor)),
    weighted(
      5,
      step(
        'ScheduleMeeting',
        time.map((at) => ({ meetingAt: at.toISOString(), location: '济南' })),
        demander,
        vendor,
      ),
    ),
    weighted(
      10,
      step(
        'SignEngagement',
        fc
          .tuple(amount, status('published'))
          .map(([amountWan, needStatus]) => ({ amountWan, need: { status: needStatus } })),
        demander,
        vendor,
      ),
    ),
    weighted(5, step('ConfirmDelivery', fc.constant({}), demander)),
    weighted(
      10,
      step(
        'RateEngagement',
        fc
          .oneof({ arbitrary: fc.integer({ min: 1, max: 5 }), weight: 9 }, fc.constantFrom(0, 6, 2.5))
          .map((score) => ({ score, comment: '' })),
        demander,
        vendor,
      ),
    ),
  );

  const edges = edgesOf([
    'initial>applied',
    'initial>recommended',
    'recommended>applied',
    'recommended>shortlisted',
    'recommended>declined',
    'recommended>withdrawn',
    'applied>shortlisted',
    'applied>declined',
    'applied>withdrawn',
    'shortlisted>meeting_scheduled',
    'shortlisted>declined',
    'shortlisted>withdrawn',
    'meeting_scheduled>signed',
    'meeting_scheduled>declined',
    'meeting_scheduled>withdrawn',
    'signed>delivered',
    'delivered>rated',
  ]);
  const signedOrLater = new Set<EngagementStatus>(['signed', 'delivered', 'rated']);

  function invariants(state: EngagementState): void {
    const { demander, vendor } = state.signatures;
    // Both signatures exist exactly when signed, and then with the contract amount.
    assert.equal(Boolean(demander && vendor), signedOrLater.has(state.status));
    if (signedOrLater.has(state.status)) {
      assert.equal(demander?.amountWan, state.amountWan);
      assert.equal(vendor?.amountWan, state.amountWan);
    }
    for (const rating of Object.values(state.ratings)) {
      assert.ok(
        Number.isInteger(rating.score) && rating.score >= 1 && rating.score <= 5,
        `score ${rating.score}`,
      );
    }
    if (Object.keys(state.ratings).length > 0) assert.ok(['delivered', 'rated'].includes(state.status));
    assert.equal(state.status === 'rated', Boolean(state.ratings.demander && state.ratings.vendor));
    assert.equal(state.history.at(-1)?.status ?? 'initial', state.status);
  }

  it('never leaves its state machine', () => {
    const reached = new Set<string>();
    fc.assert(
      // Most sequences start with a valid opening, the rest try their luck from the initial state.
      fc.property(
        fc.option(opening, { freq: 4 }),
        fc.array(command, { maxLength: 100, size: 'max' }),
        (opened, commands) => {
          const context = { actor: actors[1]!, now: new Date(START) };
          const first: EngagementCommand | null = opened && {
            type: 'ApplyToNeed',
            data: { ...opened, proposal: '方案说明文字足够长', quoteWan: 80 },
            context,
          };
          runSequence(engagementDecider, first ? [first, ...commands] : commands, edges, invariants, reached);
        },
      ),
      { numRuns: 200 },
    );
    // The generator must reach the whole machine, or the property says little.
    expect([...reached].sort()).toEqual(
      [
        'applied',
        'declined',
        'delivered',
        'initial',
        'meeting_scheduled',
        'rated',
        'recommended',
        'shortlisted',
        'signed',
        'withdrawn',
      ].sort(),
    );
  });
});

describe('campaign state machine', () => {
  const CAMPAIGN = 'c-1';
  const needIds = ['n-1', 'n-2', 'n-3'];
  const solutionIds = ['s-1', 's-2'];
  const actor = fc.oneof(
    { arbitrary: fc.constant<Actor>({ userId: 's', orgId: null, role: 'staff' }), weight: 6 },
    fc.constantFrom<Actor>(
      { userId: 'd', orgId: 'o-d', role: 'demander' },
      { userId: 'v', orgId: 'o-v', role: 'vendor' },
    ),
  );
  const base = { title: '标题', orgId: 'o', orgName: '机构', industry: 'i', city: 'jinan', technologies: [] };
  const needCandidate = fc
    .record({
      id: fc.constantFrom(...needIds, 'n-unentered'),
      status: fc.constantFrom('approved', 'published', 'submitted', 'rejected', 'closed', 'in_progress'),
      campaignId: fc.constantFrom<string | null>(CAMPAIGN, CAMPAIGN, 'c-other', null),
    })
    .map((c) => ({ ...base, ...c, scenarioType: 'production', budgetWan: { min: 1, max: 2 } }));
  const solutionCandidate = fc
    .record({
      id: fc.constantFrom(...solutionIds),
      status: fc.constantFrom('published', 'retired', 'submitted'),
      campaignId: fc.constant<string | null>(CAMPAIGN),
    })
    .map((c) => ({
      ...base,
      ...c,
      industries: [],
      scenarioTypes: [],
      regionsServed: ['*'],
      priceWan: { min: 1, max: 2 },
      deployment: 'saas',
    }));
  const command = fc
    .tuple(
      fc.oneof(
        fc
          .tuple(fc.constantFrom('needs', 'solutions', 'both'), fc.integer({ min: -2, max: 30 }))
          .map(([kind, days]) => ({
            type: 'OpenCampaign',
            data: {
              campaignId: CAMPAIGN,
              title: '征集',
              kind,
              opensAt: new Date(START).toISOString(),
              closesAt: new Date(START + days * 24 * HOUR).toISOString(),
            },
          })),
        fc
          .oneof(
            fc.constantFrom(...needIds).map((itemId) => ({ itemKind: 'need', itemId })),
            fc.constantFrom(...solutionIds).map((itemId) => ({ itemKind: 'solution', itemId })),
          )
          .map((data) => ({ type: 'EnterCampaignItem', data })),
        fc.constant({ type: 'CloseCampaign', data: {} }),
        fc
          .record({
            note: fc.constantFrom<string | null>(null, '更正'),
            candidates: fc.record({
              needs: fc.array(needCandidate, { maxLength: 5 }),
              solutions: fc.array(solutionCandidate, { maxLength: 3 }),
            }),
          })
          .map((data) => ({ type: 'PublishCampaignList', data })),
      ),
      actor,
      time,
    )
    .map(([c, a, now]) => ({ ...c, context: { actor: a, now } }) as CampaignCommand);

  const edges = edgesOf(['initial>open', 'open>closed', 'closed>published']);

  function invariants(state: CampaignState): void {
    for (const kind of ['needs', 'solutions'] as const) {
      assert.equal(new Set(state.items[kind]).size, state.items[kind].length);
      const versions = state.lists[kind];
      if (versions.length > 0) assert.ok(acceptedListKinds(state.kind).includes(kind));
      versions.forEach((list, index) => {
        assert.equal(list.version, index + 1);
        assert.deepEqual(
          list.items.map((item) => item.seq),
          list.items.map((_, i) => i + 1),
        );
        for (const item of list.items)
          assert.ok(state.items[kind].includes(item.id), `${item.id} was not entered`);
      });
    }
    assert.equal(state.status === 'published', state.lists.needs.length + state.lists.solutions.length > 0);
  }

  it('never leaves its state machine', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(fc.array(command, { maxLength: 25, size: 'max' }), (commands) =>
        runSequence(campaignDecider, commands, edges, invariants, reached),
      ),
      { numRuns: 200 },
    );
    expect([...reached].sort()).toEqual(['closed', 'initial', 'open', 'published']);
  });
});

describe('case state machine', () => {
  const actor = fc.oneof(
    { arbitrary: fc.constant<Actor>({ userId: 's', orgId: null, role: 'staff' }), weight: 4 },
    fc.constant<Actor>({ userId: 'd', orgId: 'o-d', role: 'demander' }),
  );
  const command = fc
    .tuple(
      fc.oneof(
        fc.constantFrom('delivered', 'rated', 'signed', 'applied').map((status) => ({
          type: 'PromoteCase',
          data: {
            engagement: {
              id: 'e-1',
              status,
              needId: 'n',
              needOrgId: 'o-d',
              solutionId: 's',
              vendorId: 'o-v',
              amountWan: 10,
            },
            need: {
              title: '案例',
              city: 'qingdao',
              industry: 'i',
              scenarioType: 'production',
              technologies: [],
            },
            summary: '摘要',
            title: null,
          },
        })),
        fc
          .constantFrom('qingdao', 'jinan', 'zibo', 'yantai', 'nowhere')
          .map((city) => ({ type: 'RecordCaseReplication', data: { city, note: null } })),
      ),
      actor,
      time,
    )
    .map(([c, a, now]) => ({ ...c, context: { actor: a, now } }) as CaseCommand);

  function invariants(state: CaseState): void {
    const cities = state.replicatedTo.map((r) => r.city);
    assert.equal(new Set(cities).size, cities.length);
    for (const city of cities) {
      assert.ok(isCode('city', city), city);
      assert.notEqual(city, state.city);
    }
  }

  it('never leaves its state machine', () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(fc.array(command, { maxLength: 20, size: 'max' }), (commands) =>
        runSequence(caseDecider, commands, edgesOf(['initial>promoted']), invariants, reached),
      ),
      { numRuns: 200 },
    );
    expect([...reached].sort()).toEqual(['initial', 'promoted']);
  });
});
