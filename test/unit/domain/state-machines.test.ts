import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NeedCommand } from '../../../src/domain/need/commands.js';
import { needChangesSchema, needFieldsSchema, rejectNeedSchema } from '../../../src/domain/need/commands.js';
import { needDecider } from '../../../src/domain/need/decider.js';
import type { Need } from '../../../src/domain/need/state.js';
import type { OrganizationCommand } from '../../../src/domain/organization/commands.js';
import {
  organizationFieldsSchema,
  organizationProfileSchema,
  suspendOrganizationSchema,
} from '../../../src/domain/organization/commands.js';
import { organizationDecider } from '../../../src/domain/organization/decider.js';
import type { OrganizationStatus } from '../../../src/domain/organization/state.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import type { Decider } from '../../../src/domain/shared/decider.js';
import { DomainError } from '../../../src/domain/shared/errors.js';
import { parseInput } from '../../../src/domain/shared/validation.js';
import type { SolutionCommand } from '../../../src/domain/solution/commands.js';
import {
  rejectSolutionSchema,
  solutionChangesSchema,
  solutionFieldsSchema,
} from '../../../src/domain/solution/commands.js';
import { solutionDecider } from '../../../src/domain/solution/decider.js';
import type { Solution } from '../../../src/domain/solution/state.js';
import type { UserCommand } from '../../../src/domain/user/commands.js';
import { userDecider } from '../../../src/domain/user/decider.js';
import {
  anonymousActor,
  CAMPAIGN,
  campaignFacts,
  contact,
  DEMANDER_ORG,
  demander,
  NOW,
  needFields,
  orgContact,
  orgFacts,
  otherDemander,
  solutionFields,
  staff,
  VALID_USCC,
  vendor,
  vendorFacts,
} from './listing-fixtures.js';

/**
 * The state machines of docs/architecture.md, written out independently of the deciders: for each event type,
 * the states it may leave and the state it must reach. Random command sequences (random actors, facts, times
 * and inputs, valid or not) must only ever take these transitions, and must only ever be refused with a
 * DomainError.
 */
type Transitions = Record<string, { from: string[]; to: string | 'same' }>;

const OPEN = ['draft', 'submitted', 'rejected', 'approved', 'published'];
const needTransitions: Transitions = {
  NeedCreated: { from: ['initial'], to: 'draft' },
  NeedUpdated: { from: ['draft', 'rejected'], to: 'same' },
  NeedSubmitted: { from: ['draft', 'rejected'], to: 'submitted' },
  NeedApproved: { from: ['submitted'], to: 'approved' },
  NeedRejected: { from: ['submitted'], to: 'rejected' },
  NeedPublished: { from: ['approved'], to: 'published' },
  NeedMarkedInProgress: { from: ['published'], to: 'in_progress' },
  NeedFulfilled: { from: ['in_progress'], to: 'fulfilled' },
  NeedWithdrawn: { from: OPEN, to: 'closed' },
  NeedExpired: { from: OPEN, to: 'closed' },
};
const solutionTransitions: Transitions = {
  SolutionCreated: { from: ['initial'], to: 'draft' },
  SolutionUpdated: { from: ['draft', 'rejected'], to: 'same' },
  SolutionSubmitted: { from: ['draft', 'rejected'], to: 'submitted' },
  SolutionApproved: { from: ['submitted'], to: 'same' },
  SolutionPublished: { from: ['submitted'], to: 'published' },
  SolutionRejected: { from: ['submitted'], to: 'rejected' },
  SolutionRetired: { from: ['draft', 'submitted', 'rejected', 'published'], to: 'retired' },
};
const organizationTransitions: Transitions = {
  OrganizationRegistered: { from: ['initial'], to: 'pending' },
  OrganizationVerified: { from: ['pending'], to: 'verified' },
  OrganizationSuspended: { from: ['verified'], to: 'suspended' },
  OrganizationReinstated: { from: ['suspended'], to: 'verified' },
  OrganizationProfileUpdated: { from: ['pending', 'verified', 'suspended'], to: 'same' },
};
const userTransitions: Transitions = {
  UserRegistered: { from: ['initial'], to: 'active' },
  UserDisabled: { from: ['active'], to: 'disabled' },
  UserEnabled: { from: ['disabled'], to: 'active' },
};

/**
 * Runs sequences that start with an opening command (the entity's creation, mostly valid, so that the
 * rest has something to act on) and returns every status reached, so that each test can show it explored them all. */
function checkStateMachine<State extends { status: string }, Command, Event extends { type: string }>(
  decider: Decider<State, Command, Event>,
  transitions: Transitions,
  opening: fc.Arbitrary<Command>,
  commands: fc.Arbitrary<Command>,
  invariant: (state: State) => void,
  numRuns = 300,
): Set<string> {
  const reached = new Set<string>();
  const sequences = fc.tuple(opening, fc.array(commands, { maxLength: 25, size: 'max' }));
  fc.assert(
    fc.property(sequences, ([first, rest]) => {
      let state = decider.initialState();
      for (const command of [first, ...rest]) {
        let events: Event[];
        try {
          events = decider.decide(command, state);
        } catch (error) {
          expect(error).toBeInstanceOf(DomainError);
          continue;
        }
        for (const event of events) {
          const rule = transitions[event.type];
          expect(rule, `unknown event ${event.type}`).toBeDefined();
          expect(rule!.from, `${event.type} from ${state.status}`).toContain(state.status);
          const next = decider.evolve(state, event);
          expect(next.status, `${event.type} from ${state.status}`).toBe(
            rule!.to === 'same' ? state.status : rule!.to,
          );
          state = next;
          reached.add(state.status);
        }
        invariant(state);
      }
    }),
    { numRuns },
  );
  return reached;
}

/**
 * The decider as its service drives it: the service parses a command's input once, with the domain's schema,
 * and the decider takes what it parsed. Input the schema refuses never reaches the decider: a ValidationError,
 * a DomainError like the decider's own refusals.
 */
function served<State, Command, Event>(
  decider: Decider<State, Command, Event>,
  parse: (command: Command) => Command,
): Decider<State, Command, Event> {
  return { ...decider, decide: (command, state) => decider.decide(parse(command), state) };
}

function parseNeedInput(command: NeedCommand): NeedCommand {
  switch (command.type) {
    case 'CreateNeed':
      return {
        ...command,
        data: { ...command.data, fields: parseInput(needFieldsSchema, command.data.fields) },
      };
    case 'UpdateNeed':
      return {
        ...command,
        data: { ...command.data, changes: parseInput(needChangesSchema, command.data.changes) },
      };
    case 'RejectNeed':
      return {
        ...command,
        data: { ...command.data, ...parseInput(rejectNeedSchema, { reason: command.data.reason }) },
      };
    default:
      return command;
  }
}

function parseSolutionInput(command: SolutionCommand): SolutionCommand {
  switch (command.type) {
    case 'CreateSolution':
      return {
        ...command,
        data: { ...command.data, fields: parseInput(solutionFieldsSchema, command.data.fields) },
      };
    case 'UpdateSolution':
      return {
        ...command,
        data: { ...command.data, changes: parseInput(solutionChangesSchema, command.data.changes) },
      };
    case 'RejectSolution':
      return {
        ...command,
        data: { ...command.data, ...parseInput(rejectSolutionSchema, { reason: command.data.reason }) },
      };
    default:
      return command;
  }
}

function parseOrganizationInput(command: OrganizationCommand): OrganizationCommand {
  switch (command.type) {
    case 'RegisterOrganization':
      return {
        ...command,
        data: { ...command.data, fields: parseInput(organizationFieldsSchema, command.data.fields) },
      };
    case 'UpdateOrganizationProfile':
      return {
        ...command,
        data: { ...command.data, profile: parseInput(organizationProfileSchema, command.data.profile) },
      };
    case 'SuspendOrganization':
      return {
        ...command,
        data: { ...command.data, ...parseInput(suspendOrganizationSchema, { reason: command.data.reason }) },
      };
    default:
      return command;
  }
}

/** Each command happens at a random moment within 40 days of NOW, so deadlines and campaign windows pass. */
const timed = <T>(build: (now: Date) => T) =>
  fc.nat({ max: 40 }).map((days) => build(new Date(NOW.getTime() + days * 86_400_000)));

const weighted = (...entries: [Actor, number][]) =>
  fc.oneof(...entries.map(([actor, weight]) => ({ arbitrary: fc.constant(actor), weight })));
const ownerMostly = weighted(
  [demander, 10],
  [otherDemander, 1],
  [vendor, 1],
  [staff, 1],
  [anonymousActor, 1],
);
const staffMostly = weighted([staff, 10], [demander, 1], [vendor, 1], [anonymousActor, 1]);
const vendorMostly = weighted([vendor, 10], [demander, 1], [staff, 1], [anonymousActor, 1]);
const orgStatus = fc.oneof(
  { arbitrary: fc.constant<OrganizationStatus>('verified'), weight: 6 },
  { arbitrary: fc.constantFrom<OrganizationStatus>('pending', 'suspended', 'initial'), weight: 3 },
);
const campaign = fc.oneof(
  { arbitrary: fc.constant(campaignFacts()), weight: 6 },
  {
    arbitrary: fc.constantFrom(
      campaignFacts({ status: 'closed' }),
      campaignFacts({ kind: 'solutions' }),
      null,
    ),
    weight: 3,
  },
);
const reason = fc.constantFrom('材料不完整，请补充', '预算依据不足', '', '否');
const engagement = fc.constantFrom('e-1', 'e-1', 'e-1', 'e-2');

describe('need state machine', () => {
  const fieldVariants = fc.constantFrom<object>(
    needFields,
    { ...needFields, campaignId: CAMPAIGN },
    { ...needFields, deadline: '2025-03-10' },
    { ...needFields, title: '短' },
    { ...needFields, budgetWan: { min: 9, max: 1 } },
  );
  const changeVariants = fc.constantFrom<object>(
    { title: '新的需求标题' },
    { campaignId: null },
    { campaignId: CAMPAIGN },
    { deadline: '2025-03-05' },
    { contact },
    { description: '短' },
    {},
  );
  const data = { needId: 'n-1' };
  const create: fc.Arbitrary<NeedCommand> = fc
    .tuple(ownerMostly, orgStatus, fieldVariants)
    .chain(([actor, status, fields]) =>
      timed((now) => ({
        type: 'CreateNeed' as const,
        data: { ...data, fields: fields as typeof needFields, org: orgFacts({ status }) },
        context: { actor, now },
      })),
    );
  const opening: fc.Arbitrary<NeedCommand> = fc
    .constantFrom(
      needFields,
      { ...needFields, campaignId: CAMPAIGN },
      { ...needFields, deadline: '2025-04-30' },
    )
    .chain((fields) =>
      timed((now) => ({
        type: 'CreateNeed' as const,
        data: { ...data, fields, org: orgFacts() },
        context: { actor: demander, now },
      })),
    );
  const update = fc
    .tuple(ownerMostly, changeVariants)
    .chain(([actor, changes]) =>
      timed((now) => ({ type: 'UpdateNeed' as const, data: { ...data, changes }, context: { actor, now } })),
    );
  const submit = fc.tuple(ownerMostly, orgStatus, campaign).chain(([actor, status, facts]) =>
    timed((now) => ({
      type: 'SubmitNeed' as const,
      data: { ...data, org: orgFacts({ status }), campaign: facts },
      context: { actor, now },
    })),
  );
  const [approve, expire] = (['ApproveNeed', 'ExpireNeed'] as const).map((type) =>
    staffMostly.chain((actor) => timed((now) => ({ type, data, context: { actor, now } }))),
  );
  const reject = fc.tuple(staffMostly, reason).chain(([actor, text]) =>
    timed((now) => ({
      type: 'RejectNeed' as const,
      data: { ...data, reason: text },
      context: { actor, now },
    })),
  );
  const withdraw = ownerMostly.chain((actor) =>
    timed((now) => ({ type: 'WithdrawNeed' as const, data, context: { actor, now } })),
  );
  const publish = fc.tuple(staffMostly, fc.constantFrom(CAMPAIGN, 'c-other')).chain(([actor, campaignId]) =>
    timed((now) => ({
      type: 'PublishNeed' as const,
      data: { ...data, campaignId, listVersion: 1 },
      context: { actor, now },
    })),
  );
  const [markInProgress, markFulfilled] = (['MarkNeedInProgress', 'MarkNeedFulfilled'] as const).map((type) =>
    fc
      .tuple(vendorMostly, engagement)
      .chain(([actor, engagementId]) =>
        timed((now) => ({ type, data: { ...data, engagementId }, context: { actor, now } })),
      ),
  );
  // Commands that move a need forward come more often, so that runs reach the far end of the machine.
  const commands: fc.Arbitrary<NeedCommand> = fc.oneof(
    ...(
      [
        [create, 1],
        [update, 2],
        [submit, 4],
        [approve, 4],
        [reject, 3],
        [withdraw, 1],
        [expire, 1],
        [publish, 2],
        [markInProgress, 4],
        [markFulfilled, 4],
      ] as [fc.Arbitrary<NeedCommand>, number][]
    ).map(([arbitrary, weight]) => ({ arbitrary, weight })),
  );

  it('only takes transitions of the need state machine', () => {
    const reached = checkStateMachine(
      served(needDecider, parseNeedInput),
      needTransitions,
      opening,
      commands,
      (need: Need) => {
        if (need.status === 'initial') return;
        expect(need.orgId).toBe(DEMANDER_ORG);
        expect([...need.title].length).toBeGreaterThanOrEqual(4);
        expect(need.budgetWan.min).toBeLessThanOrEqual(need.budgetWan.max);
        expect(need.contact).not.toBeNull();
        if (need.status === 'rejected') expect(need.rejectionReason).toBeTruthy();
        if (['published', 'in_progress', 'fulfilled'].includes(need.status))
          expect(need.publishedAt).not.toBeNull();
        if (['in_progress', 'fulfilled'].includes(need.status)) expect(need.engagementId).not.toBeNull();
        expect(need.closedReason !== null).toBe(need.status === 'closed');
      },
    );
    expect([...reached].sort()).toEqual(
      [
        'approved',
        'closed',
        'draft',
        'fulfilled',
        'in_progress',
        'published',
        'rejected',
        'submitted',
      ].sort(),
    );
  });
});

describe('solution state machine', () => {
  const fieldVariants = fc.constantFrom<object>(
    solutionFields,
    { ...solutionFields, campaignId: CAMPAIGN },
    { ...solutionFields, technologies: [] },
  );
  const changeVariants = fc.constantFrom<object>(
    { deployment: 'saas' },
    { regionsServed: ['jinan'] },
    { title: 'x' },
  );
  const data = { solutionId: 's-1' };
  const create: fc.Arbitrary<SolutionCommand> = fc
    .tuple(vendorMostly, orgStatus, fieldVariants)
    .chain(([actor, status, fields]) =>
      timed((now) => ({
        type: 'CreateSolution' as const,
        data: { ...data, fields: fields as typeof solutionFields, org: vendorFacts({ status }) },
        context: { actor, now },
      })),
    );
  const opening: fc.Arbitrary<SolutionCommand> = fc
    .constantFrom(solutionFields, { ...solutionFields, campaignId: CAMPAIGN })
    .chain((fields) =>
      timed((now) => ({
        type: 'CreateSolution' as const,
        data: { ...data, fields, org: vendorFacts() },
        context: { actor: vendor, now },
      })),
    );
  const update = fc.tuple(vendorMostly, changeVariants).chain(([actor, changes]) =>
    timed((now) => ({
      type: 'UpdateSolution' as const,
      data: { ...data, changes },
      context: { actor, now },
    })),
  );
  const submit = fc.tuple(vendorMostly, orgStatus, campaign).chain(([actor, status, facts]) =>
    timed((now) => ({
      type: 'SubmitSolution' as const,
      data: { ...data, org: vendorFacts({ status }), campaign: facts },
      context: { actor, now },
    })),
  );
  const approve = staffMostly.chain((actor) =>
    timed((now) => ({ type: 'ApproveSolution' as const, data, context: { actor, now } })),
  );
  const reject = fc.tuple(staffMostly, reason).chain(([actor, text]) =>
    timed((now) => ({
      type: 'RejectSolution' as const,
      data: { ...data, reason: text },
      context: { actor, now },
    })),
  );
  const retire = weighted([vendor, 1], [staff, 1], [demander, 1]).chain((actor) =>
    timed((now) => ({ type: 'RetireSolution' as const, data, context: { actor, now } })),
  );
  const commands: fc.Arbitrary<SolutionCommand> = fc.oneof(
    ...(
      [
        [create, 1],
        [update, 2],
        [submit, 4],
        [approve, 3],
        [reject, 3],
        [retire, 1],
      ] as [fc.Arbitrary<SolutionCommand>, number][]
    ).map(([arbitrary, weight]) => ({ arbitrary, weight })),
  );

  it('only takes transitions of the solution state machine', () => {
    const reached = checkStateMachine(
      served(solutionDecider, parseSolutionInput),
      solutionTransitions,
      opening,
      commands,
      (solution: Solution) => {
        if (solution.status === 'initial') return;
        expect(solution.technologies.length).toBeGreaterThanOrEqual(1);
        expect(solution.technologies.length).toBeLessThanOrEqual(8);
        if (solution.status === 'rejected') expect(solution.rejectionReason).toBeTruthy();
        if (solution.status === 'published') expect(solution.publishedAt).not.toBeNull();
      },
    );
    expect([...reached].sort()).toEqual(['draft', 'published', 'rejected', 'retired', 'submitted']);
  });
});

describe('organization state machine', () => {
  const data = { orgId: DEMANDER_ORG };
  const POLICIES = { privacyPolicy: '1.0', userAgreement: '1.0' };
  const fields = {
    name: '某市大数据中心',
    uscc: VALID_USCC,
    kind: 'demander',
    city: 'jinan',
    contact: orgContact,
  };
  const register: fc.Arbitrary<OrganizationCommand> = fc
    .tuple(
      weighted([anonymousActor, 3], [staff, 1]),
      fc.constantFrom<object>(fields, fields, { ...fields, uscc: 'X' }),
    )
    .chain(([actor, input]) =>
      timed((now) => ({
        type: 'RegisterOrganization' as const,
        data: { ...data, fields: input as never, accepted: POLICIES, currentPolicies: POLICIES },
        context: { actor, now },
      })),
    );
  const commands: fc.Arbitrary<OrganizationCommand> = fc.oneof(
    register,
    ...(['VerifyOrganization', 'ReinstateOrganization'] as const).map((type) =>
      staffMostly.chain((actor) => timed((now) => ({ type, data, context: { actor, now } }))),
    ),
    fc.tuple(staffMostly, reason).chain(([actor, text]) =>
      timed((now) => ({
        type: 'SuspendOrganization' as const,
        data: { ...data, reason: text },
        context: { actor, now },
      })),
    ),
    fc
      .tuple(
        ownerMostly,
        fc.constantFrom<object>({ city: 'qingdao' }, { qualifications: ['high-tech'] }, { city: 'x' }),
      )
      .chain(([actor, profile]) =>
        timed((now) => ({
          type: 'UpdateOrganizationProfile' as const,
          data: { ...data, profile },
          context: { actor, now },
        })),
      ),
  );

  it('only takes transitions of the organization state machine', () => {
    const reached = checkStateMachine(
      served(organizationDecider, parseOrganizationInput),
      organizationTransitions,
      register,
      commands,
      (org) => {
        if (org.status === 'suspended') expect(org.suspensionReason).toBeTruthy();
        if (org.status !== 'initial') expect(org.uscc).toBe(VALID_USCC);
      },
    );
    expect([...reached].sort()).toEqual(['pending', 'suspended', 'verified']);
  });
});

describe('user state machine', () => {
  const registration = {
    userId: 'u-1',
    username: 'alice',
    passwordHash: 'h',
    role: 'demander' as const,
    orgId: 'o-1',
  };
  const register: fc.Arbitrary<UserCommand> = fc
    .tuple(
      weighted([anonymousActor, 3], [staff, 1], [demander, 1]),
      fc.constantFrom(registration, registration, { ...registration, orgId: null }),
    )
    .chain(([actor, data]) =>
      timed((now) => ({ type: 'RegisterUser' as const, data, context: { actor, now } })),
    );
  const commands: fc.Arbitrary<UserCommand> = fc.oneof(
    register,
    staffMostly.chain((actor) =>
      timed((now) => ({ type: 'DisableUser' as const, data: { userId: 'u-1' }, context: { actor, now } })),
    ),
    staffMostly.chain((actor) =>
      timed((now) => ({ type: 'EnableUser' as const, data: { userId: 'u-1' }, context: { actor, now } })),
    ),
  );

  it('only takes transitions of the user state machine', () => {
    const reached = checkStateMachine(
      userDecider,
      userTransitions,
      register,
      commands,
      (user) => {
        if (user.status !== 'initial') expect(user.orgId).toBe('o-1');
        expect(user.disabledAt !== null).toBe(user.status === 'disabled');
      },
      150,
    );
    expect([...reached].sort()).toEqual(['active', 'disabled']);
  });
});
