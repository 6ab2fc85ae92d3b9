import { describe, it } from 'vitest';
import type { CaseCommand, PromotionFacts } from '../../../src/domain/case/commands.js';
import { caseDecider } from '../../../src/domain/case/decider.js';
import type { CaseEvent } from '../../../src/domain/case/events.js';
import type { Actor } from '../../../src/domain/shared/actor.js';
import { deciderSpec } from './spec.js';

const spec = deciderSpec(caseDecider);

const ENGAGEMENT = '01900000-0000-7000-8000-00000000e001';
const staff: Actor = { userId: 'u-staff', orgId: null, role: 'staff' };
const demander: Actor = {
  userId: 'u-demander',
  orgId: '01900000-0000-7000-8000-00000000d001',
  role: 'demander',
};
const now = new Date('2025-06-01T08:00:00.000Z');
const at = now.toISOString();

const facts: PromotionFacts = {
  engagement: {
    id: ENGAGEMENT,
    status: 'rated',
    needId: '01900000-0000-7000-8000-00000000a001',
    needOrgId: '01900000-0000-7000-8000-00000000d001',
    solutionId: '01900000-0000-7000-8000-00000000b001',
    vendorId: '01900000-0000-7000-8000-00000000f001',
    amountWan: 75,
  },
  need: {
    title: '轮胎生产线视觉质检',
    city: 'qingdao',
    industry: 'high-end-equipment',
    scenarioType: 'production',
    technologies: ['ai'],
  },
};
const summary = '以视觉质检替代人工抽检，漏检率下降九成，可推广至同类产线';

function promote(
  actor: Actor,
  overrides: Partial<PromotionFacts['engagement']> = {},
  title: string | null = null,
): CaseCommand {
  return {
    type: 'PromoteCase',
    data: { ...facts, engagement: { ...facts.engagement, ...overrides }, summary, title },
    context: { actor, now },
  };
}

function replicate(actor: Actor, city: string): CaseCommand {
  return {
    type: 'RecordCaseReplication',
    data: { city, note: '淄博两家轮胎厂复用' },
    context: { actor, now },
  };
}

const promotedData = {
  caseId: ENGAGEMENT,
  engagementId: ENGAGEMENT,
  needId: facts.engagement.needId,
  needOrgId: facts.engagement.needOrgId,
  solutionId: facts.engagement.solutionId,
  vendorId: facts.engagement.vendorId,
  title: facts.need.title,
  summary,
  city: 'qingdao',
  industry: 'high-end-equipment',
  scenarioType: 'production',
  technologies: ['ai'],
  amountWan: 75,
};
const promoted: CaseEvent = {
  type: 'CasePromoted',
  data: { ...promotedData, at: '2025-05-01T00:00:00.000Z' },
};
const replicated: CaseEvent = {
  type: 'CaseReplicated',
  data: { city: 'zibo', note: null, at: '2025-05-02T00:00:00.000Z' },
};

describe('PromoteCase', () => {
  it('makes a rated engagement a case titled after its need', () =>
    spec([])
      .when(promote(staff))
      .then([{ type: 'CasePromoted', data: { ...promotedData, at } }]));
  it('takes a title of its own', () =>
    spec([])
      .when(promote(staff, {}, '青岛轮胎视觉质检'))
      .then([{ type: 'CasePromoted', data: { ...promotedData, title: '青岛轮胎视觉质检', at } }]));
  it('is for staff only', () => spec([]).when(promote(demander)).thenThrows('case.staff_only', 403));
  it('waits until both sides rated the delivered engagement', () =>
    spec([])
      .when(promote(staff, { status: 'delivered' }))
      .thenThrows('case.engagement_not_rated', 409));
  it('needs a delivered engagement', () =>
    spec([])
      .when(promote(staff, { status: 'signed' }))
      .thenThrows('case.engagement_not_delivered', 409));
  it('happens once per engagement', () =>
    spec([promoted]).when(promote(staff)).thenThrows('case.already_promoted', 409));
});

describe('RecordCaseReplication', () => {
  it('records a city where the case was repeated', () =>
    spec([promoted])
      .when(replicate(staff, 'zibo'))
      .then([{ type: 'CaseReplicated', data: { city: 'zibo', note: '淄博两家轮胎厂复用', at } }]));
  it('records each city once', () =>
    spec([promoted, replicated]).when(replicate(staff, 'zibo')).thenThrows('case.already_replicated', 409));
  it('is not the case’s own city', () =>
    spec([promoted]).when(replicate(staff, 'qingdao')).thenThrows('case.same_city', 422));
  it('takes taxonomy cities only', () =>
    spec([promoted]).when(replicate(staff, 'atlantis')).thenThrows('case.unknown_city', 422));
  it('is for staff only', () =>
    spec([promoted]).when(replicate(demander, 'zibo')).thenThrows('case.staff_only', 403));
  it('needs an existing case', () =>
    spec([]).when(replicate(staff, 'zibo')).thenThrows('case.not_found', 404));
});
