import { expect } from 'vitest';
import type { z } from 'zod';
import type { OrganizationFacts } from '../../../src/domain/organization/state.js';
import type { Actor, CommandContext } from '../../../src/domain/shared/actor.js';
import type { CampaignFacts } from '../../../src/domain/shared/campaign-facts.js';
import { DomainError, ValidationError } from '../../../src/domain/shared/errors.js';
import { parseInput } from '../../../src/domain/shared/validation.js';

/** Actors, facts and valid inputs shared by the organization, user, need and solution decider tests. */

export const NOW = new Date('2025-03-01T08:00:00.000Z');
export const AT = NOW.toISOString();

export const DEMANDER_ORG = '0195a0c0-0000-7000-8000-00000000000a';
export const OTHER_DEMANDER_ORG = '0195a0c0-0000-7000-8000-00000000000b';
export const VENDOR_ORG = '0195a0c0-0000-7000-8000-00000000000c';
export const CAMPAIGN = '0195a0c0-0000-7000-8000-0000000000c1';

export const demander: Actor = { userId: 'user-demander', orgId: DEMANDER_ORG, role: 'demander' };
export const otherDemander: Actor = { userId: 'user-other', orgId: OTHER_DEMANDER_ORG, role: 'demander' };
export const vendor: Actor = { userId: 'user-vendor', orgId: VENDOR_ORG, role: 'vendor' };
export const staff: Actor = { userId: 'user-staff', orgId: null, role: 'staff' };
export const anonymousActor: Actor = { userId: null, orgId: null, role: 'anonymous' };

export function context(actor: Actor, now: Date = NOW): CommandContext {
  return { actor, now };
}

export const contact = { name: '王经理', phone: '13812345678', email: 'wang@example.cn' };
export const orgContact = { name: '李主任', phone: '0531-88881234', email: 'li@example.cn' };

export const VALID_USCC = '91370100MA3C123459';
export const OTHER_VALID_USCC = '91370200163562681G';

export function orgFacts(overrides: Partial<OrganizationFacts> = {}): OrganizationFacts {
  return { id: DEMANDER_ORG, status: 'verified', kind: 'demander', contact: orgContact, ...overrides };
}

export function vendorFacts(overrides: Partial<OrganizationFacts> = {}): OrganizationFacts {
  return { id: VENDOR_ORG, status: 'verified', kind: 'vendor', contact: orgContact, ...overrides };
}

export function campaignFacts(overrides: Partial<CampaignFacts> = {}): CampaignFacts {
  return {
    id: CAMPAIGN,
    status: 'open',
    kind: 'both',
    opensAt: '2025-02-01T00:00:00.000Z',
    closesAt: '2025-04-01T00:00:00.000Z',
    ...overrides,
  };
}

export const needFields = {
  title: '智能质检产线改造',
  description: '我们有三条汽车零部件生产线，需要利用机器视觉实现表面缺陷在线检测，替代人工目检。',
  industry: 'high-end-equipment',
  scenarioType: 'production',
  technologies: ['ai', 'machine-vision'],
  city: 'jinan',
  budgetWan: { min: 50, max: 120 },
};

export const solutionFields = {
  title: '工业视觉缺陷检测平台',
  description: '基于深度学习的表面缺陷检测平台，支持多品类零部件在线检测，已在多家工厂落地。',
  industries: ['high-end-equipment'],
  scenarioTypes: ['production'],
  technologies: ['ai', 'machine-vision'],
  regionsServed: ['*'],
  priceWan: { min: 30, max: 80 },
  deployment: 'hybrid' as const,
};

/** The dotted paths of the ValidationError a call throws, to check that a rejection names the right field. */
export function invalidPaths(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return error.errors.map((e) => e.path);
    if (error instanceof DomainError) return [`<${error.code}>`];
    throw error;
  }
  return [];
}

/**
 * The dotted paths a command's schema refuses in `input`, each with a Chinese message, as a 422. The service
 * parses a command's input once, with the domain's schema, and hands the decider what it parsed: a bad field
 * is turned away there, before any stream is read.
 */
export function refusedPaths(schema: z.ZodType, input: unknown): string[] {
  try {
    parseInput(schema, input);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    expect(error.status).toBe(422);
    for (const { message } of error.errors) expect(message).toMatch(/[\u4e00-\u9fff]/);
    return error.errors.map((e) => e.path);
  }
  return [];
}
