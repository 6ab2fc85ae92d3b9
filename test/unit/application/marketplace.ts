import { pino } from 'pino';
import { handleCommand } from '../../../src/application/command-handler.js';
import type { AppDeps, RequestContext } from '../../../src/application/deps.js';
import { approveNeed, createNeed, submitNeed } from '../../../src/application/need-service.js';
import { currentPolicyVersions } from '../../../src/application/policies/policies.js';
import {
  approveSolution,
  createSolution,
  submitSolution,
} from '../../../src/application/solution-service.js';
import { organizationDecider } from '../../../src/domain/organization/decider.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { uuidv7 } from '../../../src/domain/shared/ids.js';
import { usccCheckCharacter } from '../../../src/domain/shared/uscc.js';
import type { EventStore } from '../../../src/eventstore/port.js';
import { WrongExpectedVersionError } from '../../../src/eventstore/port.js';
import { openSqliteEventStore } from '../../../src/eventstore/sqlite/sqlite-event-store.js';

/**
 * Application services on an in-memory SQLite event store with a clock the test moves, and a few
 * verified organizations with published listings to engage on.
 */
export const START = new Date('2025-03-03T01:00:00.000Z');
export const DAY = 24 * 3_600_000;

export const staff: RequestContext = {
  actor: { userId: '01950000-0000-7000-8000-0000000000aa', orgId: null, role: 'staff' },
  correlationId: 'test-staff',
};

export function as(actor: Actor): RequestContext {
  return { actor, correlationId: `test-${actor.userId}` };
}

let orgCounter = 0;

export const needInput = {
  title: '汽车零部件表面缺陷视觉检测',
  description: '三条冲压件产线依靠人工目检，漏检率高，希望用机器视觉在线检测划痕、凹坑和裂纹。',
  industry: 'high-end-equipment',
  scenarioType: 'production',
  technologies: ['ai'],
  city: 'zibo',
  budgetWan: { min: 50, max: 120 },
};

export const solutionInput = {
  title: '工业视觉缺陷检测平台',
  description: '基于深度学习的表面缺陷检测平台，支持多品类零部件在线检测，已在多家工厂落地。',
  industries: ['high-end-equipment'],
  scenarioTypes: ['production'],
  technologies: ['ai'],
  regionsServed: ['*'],
  priceWan: { min: 30, max: 80 },
  deployment: 'hybrid' as const,
};

/**
 * `conflicts` counts appends refused for a stale expected revision, so that a race test can show that
 * its commands did race; `wrapStore` lets a test make the store fail.
 */
export function createMarketplace(wrapStore: (store: EventStore) => EventStore = (store) => store) {
  const raw = openSqliteEventStore({ path: ':memory:', synchronous: 'NORMAL' });
  let conflicts = 0;
  const counted: EventStore = Object.create(raw, {
    append: {
      value: (...args: Parameters<EventStore['append']>) =>
        raw.append(...args).catch((error: unknown) => {
          if (error instanceof WrongExpectedVersionError) conflicts += 1;
          throw error;
        }),
    },
  });
  const store = wrapStore(counted);
  let now = START.getTime();
  const deps: AppDeps = {
    store,
    clock: () => new Date(now),
    newId: () => uuidv7(now),
    logger: pino({ level: 'silent' }),
  };

  /** Registered and verified straight through the organization decider: no account, no password hash. */
  async function verifiedOrg(
    name: string,
    kind: 'demander' | 'vendor',
    city: string,
  ): Promise<RequestContext> {
    orgCounter += 1;
    const orgId = deps.newId();
    const first17 = `91370100MA${String(orgCounter).padStart(7, '0')}`;
    const fields = {
      name,
      uscc: first17 + usccCheckCharacter(first17),
      kind,
      city,
      contact: { name: '王伟', phone: '13800000000', email: 'wangwei@example.com' },
      qualifications: [],
      description: '',
    };
    const stream = `org-${orgId}`;
    const metadata = {
      actor: staff.actor,
      at: new Date(now).toISOString(),
      correlationId: 'seed',
      causationId: null,
    };
    const context = { actor: staff.actor, now: new Date(now) };
    await handleCommand(
      store,
      stream,
      organizationDecider,
      {
        type: 'RegisterOrganization',
        data: { orgId, fields, accepted: currentPolicyVersions(), currentPolicies: currentPolicyVersions() },
        context,
      },
      { metadata },
    );
    await handleCommand(
      store,
      stream,
      organizationDecider,
      { type: 'VerifyOrganization', data: { orgId }, context },
      { metadata },
    );
    return as({ userId: deps.newId(), orgId, role: kind });
  }

  /** A need through the need service: created, submitted (into a campaign when named) and approved. */
  async function approvedNeed(owner: RequestContext, overrides: Record<string, unknown> = {}) {
    const need = await createNeed(deps, owner, { ...needInput, ...overrides });
    await submitNeed(deps, owner, need.id);
    return (await approveNeed(deps, staff, need.id)).state;
  }

  async function publishedSolution(vendor: RequestContext, overrides: Record<string, unknown> = {}) {
    const solution = await createSolution(deps, vendor, { ...solutionInput, ...overrides });
    await submitSolution(deps, vendor, solution.id);
    return (await approveSolution(deps, staff, solution.id)).state;
  }

  return {
    store,
    deps,
    advance(ms: number) {
      now += ms;
    },
    conflicts: () => conflicts,
    verifiedOrg,
    approvedNeed,
    publishedSolution,
    close: () => raw.close(),
  };
}
